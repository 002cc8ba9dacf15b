/**
 * Whole-pipeline decoding of the public vectors of radio.md § 8 (expected values as stated there with their
 * sources) and of real corpus telegrams (expected values from wmbusmeters' driver tests).
 */
import t from 'tap';
import { fromHex } from '../src/util/hex.js';
import { decodeTelegram, type DecodedTelegram } from '../src/wmbus/decode.js';
import { CompactFormatStore } from '../src/wmbus/compact-formats.js';
import { WmbusError } from '../src/errors.js';
import type { DataRecord } from '../src/wmbus/types.js';

const find = (d: DecodedTelegram, pred: (r: DataRecord) => boolean) => d.records.find(pred);
const value = (d: DecodedTelegram, quantity: string, storage = 0) => find(d, (r) => r.quantity === quantity && r.storage === storage)?.value;
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof WmbusError ? e.code : `not coded: ${e}`;
  }
  return undefined;
};

const V1 = '2E44931578563412330333637A2A0020255923C95AAA26D1B2E7493BC2AD013EC4A6F6D3529B520EDFF0EA6DEFC955B29D6D69EBF3EC8A';
const V1_KEY = fromHex('0102030405060708090A0B0C0D0E0F11');
const V2 = '434493157856341233038C2075900F002C25B30A000021924D4F2FB66E017A75002007109058475F4BC91DF878B80A1B0F98B629024AAC727942BFC549233C0140829B93';
const KEY_00_0F = fromHex('000102030405060708090A0B0C0D0E0F');

function expectOmsGasExample(t: { equal: (a: unknown, b: unknown) => void }, d: DecodedTelegram) {
  t.equal(d.meter.manufacturer, 'ELS');
  t.equal(d.meter.id, '12345678');
  t.equal(value(d, 'volume'), 28504.27);
  t.equal(value(d, 'datetime'), '2008-05-31T23:50');
  t.equal(value(d, 'error_flags'), 0);
}

t.test('V1 mode 5 frame A with CRCs: decrypted and decoded', async (t) => {
  const d = decodeTelegram(fromHex(V1), { key: V1_KEY });
  t.equal(d.link.crcFormat, 'A');
  t.equal(d.security, 'decrypted');
  expectOmsGasExample(t, d);
});

t.test('V1 without key: KEY_MISSING; with a wrong key: KEY_WRONG', async (t) => {
  t.equal(code(() => decodeTelegram(fromHex(V1))), 'KEY_MISSING');
  t.equal(code(() => decodeTelegram(fromHex(V1), { key: KEY_00_0F })), 'KEY_WRONG');
});

t.test('V2 mode 7 with AFL: MAC verified before decrypting', async (t) => {
  const d = decodeTelegram(fromHex(V2), { key: KEY_00_0F });
  t.equal(d.afl?.macVerified, true);
  t.equal(d.tpl.securityMode, 7);
  expectOmsGasExample(t, d);
});

t.test('V2-neg: one MAC byte changed is rejected as MAC_MISMATCH', async (t) => {
  t.equal(code(() => decodeTelegram(fromHex(V2.replace('4D4F2FB6', '4D4F3FB6')), { key: KEY_00_0F })), 'MAC_MISMATCH');
});

t.test('V3 mode 7 through a radio adapter (ELL 8E, TPL long header): the meter is the TPL address', async (t) => {
  const d = decodeTelegram(
    fromHex('530824484433221103378e80753a63665544330a31900f002c25b30a0000af5d74df73a600d972785634129315330375002007109058475f4bc91df878b80a1b0f98b629024aac727942bfc549233c0140829b93'),
    { key: KEY_00_0F },
  );
  t.equal(d.link.address?.deviceType, 0x37);
  t.equal(d.meter.deviceType, 0x03);
  expectOmsGasExample(t, d);
});

t.test('V4 mode 5 long header, partly encrypted, status power low', async (t) => {
  const d = decodeTelegram(fromHex('2D44934444332211553769EF7288776655934455080004100500DFE227F9A782146D1513581CD2F83F39040CFD1040C4785634128134'), {
    key: KEY_00_0F,
  });
  t.equal(d.meter.manufacturer, 'QDS');
  t.equal(d.meter.id, '55667788');
  t.equal(d.tpl.statusFlags?.powerLow, true);
  t.equal(value(d, 'hca'), 1234);
  t.equal(value(d, 'date', 1), '2007-04-30');
  t.equal(value(d, 'hca', 1), 23456);
  t.ok(d.records.some((r) => r.header === '0CFD10'), 'plain record after the encrypted block');
});

t.test('V5 ELL AES-CTR (Kamstrup): volumes; wrong key fails the payload CRC', async (t) => {
  const hex = '24442D2C692845631B168D3050209CD621B006B1140AEF4953AE5B86FAFC0B00E70705B846';
  const d = decodeTelegram(fromHex(hex), { key: fromHex('4E5508544202058100DFEFA06B0934A5') });
  t.equal(d.security, 'decrypted');
  t.equal(value(d, 'volume'), 474.24);
  t.equal(value(d, 'volume', 1), 473.247);
  t.equal(code(() => decodeTelegram(fromHex(hex), { key: fromHex('4E5508544202058100DFEFA06B0934AF') })), 'KEY_WRONG');
  t.equal(code(() => decodeTelegram(fromHex(hex))), 'KEY_MISSING');
});

t.test('P1 negative BCD return temperature', async (t) => {
  const d = decodeTelegram(fromHex('2C44A7320613996707047A821000202F2F0C06000000000C14000000000C22224101000B5A4102000B5E4000F0'));
  t.equal(d.meter.manufacturer, 'LUG');
  t.equal(d.tpl.statusFlags?.temporaryError, true);
  t.equal(value(d, 'flow_temperature'), 24.1);
  t.equal(value(d, 'return_temperature'), -4);
  t.equal(value(d, 'on_time'), 14122 * 3600);
});

t.test('P2 LSE warm water: datetime, volume, set date', async (t) => {
  const d = decodeTelegram(fromHex('2C446532821851582C067AE1000000046D1906D9180C1334120000426CBF1C4C1300000000326CFFFF01FD7300'));
  t.equal(value(d, 'datetime'), '2014-08-25T06:25');
  t.equal(value(d, 'volume'), 1.234);
  t.equal(value(d, 'date', 1), '2013-12-31');
  t.equal(value(d, 'volume', 1), 0);
});

t.test('P3 frame B with its CRC and without it', async (t) => {
  const withCrc = decodeTelegram(fromHex('1444AE0C7856341201078C2027780B134365877AC5'));
  t.equal(withCrc.link.crcFormat, 'B');
  t.equal(value(withCrc, 'volume'), 876.543);
  const without = decodeTelegram(fromHex('1244AE0C7856341201078C2027780B13436587'));
  t.equal(without.link.crcFormat, 'none');
  t.equal(value(without, 'volume'), 876.543);
});

t.test('P4 64-bit integer', async (t) => {
  const d = decodeTelegram(fromHex('1744ae0c7856341201078c20277807138877665544332211'));
  t.equal(value(d, 'volume'), 1234605616436508.8);
});

t.test('P5 HCA with history in storage 17 (DIFE)', async (t) => {
  const d = decodeTelegram(fromHex('314493441234567835087A740000200B6E2701004B6E450100426C5F2CCB086E790000C2086C7F21326CFFFF046D200B7422'));
  t.equal(value(d, 'hca'), 127);
  t.equal(value(d, 'hca', 1), 145);
  t.equal(value(d, 'date', 1), '2018-12-31');
  t.equal(value(d, 'hca', 17), 79);
  t.equal(value(d, 'date', 17), '2019-01-31');
  t.equal(value(d, 'datetime'), '2019-02-20T11:32');
});

t.test('compact frame: fails before the full frame, decodes to the same records after it', async (t) => {
  const full = fromHex('5C442D2C06357260190C8D207B70032F21271D7802F9FF15011104061765000004EEFF07BFA8000004EEFF08D24F00000414B1FB000002FD170000026CE919426CFF184406F76400004414E8FA0000043B0B0000000259DB11025D1C0B');
  const compactHex = fromHex('3F442D2C06357260190C8D207C71032F21255C79DD829283011117650000BFA80000D24F0000B1FB00000000E919FF18F7640000E8FA00000B000000DB111C0B');
  const formats = new CompactFormatStore();
  t.equal(code(() => decodeTelegram(compactHex, { compactFormats: formats })), 'COMPACT_FORMAT_UNKNOWN');
  const a = decodeTelegram(full, { compactFormats: formats });
  t.equal(a.records.length, 13);
  const b = decodeTelegram(compactHex, { compactFormats: formats });
  t.equal(b.compact?.signature, 0x82dd);
  t.equal(b.records.length, 13);
  t.same(
    b.records.map((r) => [r.header, r.quantity, r.storage]),
    a.records.map((r) => [r.header, r.quantity, r.storage]),
  );
});

t.test('wired M-Bus long frame (EN 13757-2), real corpus telegram aptmbusna 00683775', async (t) => {
  const hex = '685656680800727537680001061507CCE800000C7875376800046D1DB458340413F73E0000023B0D00441385010000426C41340227090203FD171C030004FF0A0404000002FF0B000003FF0C1300B20F00042C1B1B00010200003716';
  const d = decodeTelegram(fromHex(hex));
  t.equal(d.frame, 'mbus');
  t.equal(d.link.primaryAddress, 0);
  t.equal(d.meter.id, '00683775');
  t.equal(value(d, 'datetime'), '2026-04-24T20:29');
  t.equal(value(d, 'date', 1), '2026-04-01');
  t.equal(value(d, 'volume', 1), 0.389);
  t.equal(code(() => decodeTelegram(fromHex(hex.slice(0, -4) + '3816'))), 'LINK_CHECKSUM');
});

t.test('plaintext replay: header says mode 5 but payload starts 2F2F, accepted without key', async (t) => {
  // V1's header (mode 5, 2 blocks) followed by V1's published plaintext, as a logger would store it.
  const replay = '2E4493157856341233037A2A0020252F2F0C1427048502046D32371F1502FD1700002F2F2F2F2F2F2F2F2F2F2F2F2F';
  const r = decodeTelegram(fromHex(replay));
  t.equal(r.security, 'plaintext-replay');
  t.equal(value(r, 'volume'), 28504.27);
  t.equal(code(() => decodeTelegram(fromHex(replay), { key: V1_KEY, requireEncryption: true })), 'KEY_WRONG');
});

t.test('garbage gives coded errors, never other exceptions', async (t) => {
  t.equal(code(() => decodeTelegram(new Uint8Array(0))), 'LINK_TRUNCATED');
  t.equal(code(() => decodeTelegram(fromHex('0A44'))), 'LINK_TRUNCATED');
  t.equal(code(() => decodeTelegram(fromHex('0B4493157856341233035500'))), 'TPL_UNKNOWN_CI');
  t.equal(code(() => decodeTelegram(fromHex('E5'))), 'LINK_NO_DATA');
});
