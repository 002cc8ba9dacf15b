/**
 * Record parser against the public vectors of radio.md §§ 7.3, 8.2, 8.3, 8.4 and real telegrams of the
 * corpus (../shared/corpus/wmbusmeters/cases.json). Expected values are the documents' values.
 */
import t, { type Test } from 'tap';
import { decodeDateG, decodeDateTimeF, decodeDateTimeI } from '../src/wmbus/dates.js';
import { formatSignature, fullFrameCrc, parseCompactRecords, parseRecords } from '../src/wmbus/records.js';
import type { DataRecord } from '../src/wmbus/types.js';
import { fromHex } from '../src/util/hex.js';

/** Offset of the first record in a wireless telegram with CI 7A at byte 10 (short TPL header). */
const APL_7A = 15;

function values(records: DataRecord[]): Array<[string, number | string | null, string]> {
  return records.map((r) => [r.quantity, r.value, r.unit]);
}

function near(t: Test, actual: unknown, expected: number, message: string): void {
  t.equal(typeof actual, 'number', message);
  t.ok(Math.abs((actual as number) - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${message}: ${String(actual)} ≈ ${expected}`);
}

t.test('date types G, F and I (radio.md § 7.3)', async (t) => {
  t.equal(decodeDateG(fromHex('5F2C'), 0), '2018-12-31');
  t.equal(decodeDateG(fromHex('7F21'), 0), '2019-01-31');
  t.equal(decodeDateG(fromHex('FE04'), 0), '2007-04-30');
  t.equal(decodeDateG(fromHex('FFFF'), 0), null, 'FFFF is "not set"');
  t.equal(decodeDateTimeF(fromHex('200B7422'), 0), '2019-02-20T11:32');
  t.equal(decodeDateTimeF(fromHex('32371F15'), 0), '2008-05-31T23:50');
  t.equal(decodeDateTimeF(fromHex('A00B7422'), 0), null, 'invalid bit set');
  // ultraheat MyUltra2 (corpus, drivers/src/ultraheat.xmq): 066D 0C080AF42500 → 2023-05-20 10:08:12
  t.equal(decodeDateTimeI(fromHex('0C080AF42500'), 0), '2023-05-20T10:08:12');
});

t.test('V1/V2 plaintext: ELS gas meter (radio.md § 8.2)', async (t) => {
  const r = parseRecords(fromHex('2F2F0C1427048502046D32371F1502FD1700002F2F2F2F2F2F2F2F2F2F2F2F2F2F'));
  t.equal(r.error, undefined);
  t.equal(r.records.length, 3);
  const [volume, time, flags] = r.records;
  near(t, volume!.value, 28504.27, 'volume');
  t.equal(volume!.unit, 'm3');
  t.equal(volume!.quantity, 'volume');
  t.equal(volume!.header, '0C14');
  t.equal(volume!.data, '27048502');
  t.equal(volume!.offset, 2);
  t.equal(volume!.length, 6);
  t.same([time!.value, time!.unit], ['2008-05-31T23:50', 'datetime']);
  t.same([flags!.quantity, flags!.value, flags!.header], ['error_flags', 0, '02FD17']);
  t.same(Array.from(r.format), [0x0c, 0x14, 0x04, 0x6d, 0x02, 0xfd, 0x17], 'format holds the headers only');
});

t.test('P1: negative BCD return temperature (radio.md § 8.3)', async (t) => {
  const tg = fromHex('2C44A7320613996707047A821000202F2F0C06000000000C14000000000C22224101000B5A4102000B5E4000F0');
  const r = parseRecords(tg, APL_7A);
  t.equal(r.error, undefined);
  t.same(values(r.records), [
    ['energy', 0, 'Wh'],
    ['volume', 0, 'm3'],
    ['on_time', 14122 * 3600, 's'],
    ['flow_temperature', 24.1, '°C'],
    ['return_temperature', -4, '°C'],
  ]);
});

t.test('P2: LSE warm-water meter with an unset error date (radio.md § 8.3)', async (t) => {
  const tg = fromHex('2C446532821851582C067AE1000000046D1906D9180C1334120000426CBF1C4C1300000000326CFFFF01FD7300');
  const r = parseRecords(tg, APL_7A);
  t.equal(r.error, undefined);
  const [now, total, setDate, atSetDate, errorDate, fd73] = r.records;
  t.same([now!.value, now!.unit], ['2014-08-25T06:25', 'datetime']);
  near(t, total!.value, 1.234, 'volume');
  t.same([setDate!.value, setDate!.unit, setDate!.storage], ['2013-12-31', 'date', 1]);
  t.same([atSetDate!.value, atSetDate!.storage], [0, 1]);
  t.same([errorDate!.value, errorDate!.unit, errorDate!.function], [null, 'date', 'error']);
  t.equal(fd73!.header, '01FD73', 'FD73 is kept as a record');
  t.equal(r.records.length, 6);
});

t.test('P4: 64-bit integer volume and the same data behind a manufacturer VIF (radio.md § 8.3)', async (t) => {
  // ELL 8C (CC 20, ACC 27) then CI 78 at byte 13: records start at 14.
  const r = parseRecords(fromHex('1744ae0c7856341201078c20277807138877665544332211'), 14);
  t.equal(r.error, undefined);
  near(t, r.records[0]!.value, 1234605616436508.8, '64-bit volume');
  t.equal(r.records[0]!.unit, 'm3');
  const raw = parseRecords(fromHex('1744ae0c7856341201078c202778077F8877665544332211'), 14);
  t.equal(raw.records[0]!.unit, 'raw');
  t.equal(raw.records[0]!.value, Number(1234605616436508552n), 'raw integer (double precision)');
  t.equal(raw.records[0]!.data, '8877665544332211');
});

t.test('P5: HCA with storage 1 and 17 (radio.md § 8.3, § 7.1 CB 08 6E)', async (t) => {
  const tg = fromHex('314493441234567835087A740000200B6E2701004B6E450100426C5F2CCB086E790000C2086C7F21326CFFFF046D200B7422');
  const r = parseRecords(tg, APL_7A);
  t.equal(r.error, undefined);
  t.same(
    r.records.map((x) => [x.header, x.storage, x.value, x.unit]),
    [
      ['0B6E', 0, 127, 'HCA'],
      ['4B6E', 1, 145, 'HCA'],
      ['426C', 1, '2018-12-31', 'date'],
      ['CB086E', 17, 79, 'HCA'],
      ['C2086C', 17, '2019-01-31', 'date'],
      ['326C', 0, null, 'date'],
      ['046D', 0, '2019-02-20T11:32', 'datetime'],
    ],
  );
});

t.test('P6: iPERL total and max flow (radio.md § 8.3)', async (t) => {
  const r = parseRecords(fromHex('1844AE4C4455223368077A55000000041389E20100023B0000'), APL_7A);
  t.equal(r.error, undefined);
  near(t, r.records[0]!.value, 123.529, 'total');
  t.same([r.records[1]!.quantity, r.records[1]!.value, r.records[1]!.unit], ['volume_flow', 0, 'm3/h']);
});

t.test('V4 plaintext: HCA, set date, customer location (radio.md § 8.2)', async (t) => {
  const r = parseRecords(fromHex('2F2F0B6E341200426CFE044B6E5634020CFD1078563412'));
  t.equal(r.error, undefined);
  t.same(values(r.records), [
    ['hca', 1234, 'HCA'],
    ['date', '2007-04-30', 'date'],
    ['hca', 23456, 'HCA'],
    ['customer_location', 12345678, ''],
  ]);
});

t.test('V5 and S13 Kamstrup plaintexts after CI 78 (radio.md §§ 8.1, 8.2)', async (t) => {
  const v5 = parseRecords(fromHex('02FF2000000413803C070044139F380700'));
  t.equal(v5.error, undefined);
  t.equal(v5.records[0]!.unit, 'raw', 'info code behind VIF FF stays raw');
  near(t, v5.records[1]!.value, 474.24, 'volume');
  near(t, v5.records[2]!.value, 473.247, 'volume storage 1');
  t.equal(v5.records[2]!.storage, 1);

  const s13 = parseRecords(fromHex('02FF207100041308190000441308190000615B7F616713'));
  t.equal(s13.error, undefined);
  near(t, s13.records[1]!.value, 6.408, 'total');
  near(t, s13.records[2]!.value, 6.408, 'target');
  t.same([s13.records[3]!.quantity, s13.records[3]!.value, s13.records[3]!.unit], ['flow_temperature', 127, '°C']);
  t.same([s13.records[4]!.quantity, s13.records[4]!.function, s13.records[4]!.value], ['external_temperature', 'minimum', 19]);
});

t.test('Kamstrup compact pair: format signature, full-frame CRC, same records (radio.md § 8.4)', async (t) => {
  const full = fromHex(
    '5C442D2C06357260190C8D207B70032F21271D7802F9FF15011104061765000004EEFF07BFA8000004EEFF08D24F00000414B1FB000002FD170000026CE919426CFF184406F76400004414E8FA0000043B0B0000000259DB11025D1C0B',
  );
  // ELL 8D: CC, ACC, SN(4), payload CRC(2) from byte 11; CI 78 at byte 19.
  const fullResult = parseRecords(full, 20);
  t.equal(fullResult.error, undefined);
  t.equal(fullResult.records.length, 13);
  t.equal(formatSignature(fullResult.format), 0x82dd);

  const compact = fromHex('3F442D2C06357260190C8D207C71032F21255C79DD829283011117650000BFA80000D24F0000B1FB00000000E919FF18F7640000E8FA00000B000000DB111C0B');
  t.equal(compact[19], 0x79);
  t.equal(compact[20]! | (compact[21]! << 8), 0x82dd, 'signature on the wire');
  const compactResult = parseCompactRecords(fullResult.format, compact, 24);
  t.equal(compactResult.error, undefined);
  t.equal(compactResult.records.length, 13);
  t.equal(fullFrameCrc(compactResult), 0x8392);
  t.equal(compact[22]! | (compact[23]! << 8), 0x8392, 'full-frame CRC on the wire');
  t.same(values(compactResult.records), values(fullResult.records));
  t.same(
    compactResult.records.map((r) => r.header + r.data),
    fullResult.records.map((r) => r.header + r.data),
  );
});

t.test('compact frame with too little data is truncated, not thrown', async (t) => {
  const full = parseRecords(fromHex('0413803C070044139F380700'));
  const r = parseCompactRecords(full.format, fromHex('803C07009F38'));
  t.equal(r.records.length, 1);
  t.equal(r.error?.code, 'RECORD_TRUNCATED');
});

t.test('signed integers: negative power, flow temperature and temperature difference (corpus)', async (t) => {
  // qualcosonic "qualco" (drivers/src/qualcosonic.xmq): power −3.706 kW, difference −6.2 °C
  const q = parseRecords(fromHex('042B86F1FFFF026194FD'));
  t.same(values(q.records), [
    ['power', -3706, 'W'],
    ['temperature_difference', -6.2, 'K'],
  ]);
  // q400 "Mm" (drivers/src/q400.xmq): flow temperature −100 °C
  t.same(values(parseRecords(fromHex('0259F0D8')).records), [['flow_temperature', -100, '°C']]);
  // ultraheat "MyUltra2": 0B2D 0200F0 negative BCD power −0.2 kW
  t.same(values(parseRecords(fromHex('0B2D0200F0')).records), [['power', -200, 'W']]);
});

t.test('VIFE effects: backward flow, phase via 7C, multiplicative correction, type I (corpus)', async (t) => {
  // § 7.2 example key 0E 83 3C: 12-digit BCD energy, backward flow.
  const back = parseRecords(fromHex('0E833C129078563412')).records[0]!;
  t.same([back.quantity, back.value, back.unit, back.modifiers], ['energy', 123456789012, 'Wh', ['backward flow']]);
  t.equal(back.description, 'Energy, backward flow');
  // amiplus MyElectricity5 (drivers/src/amiplus.xmq): voltage at phase 1 = 243.6 V
  const phase = parseRecords(fromHex('0AFDC8FC013624')).records[0]!;
  t.same([phase.quantity, phase.value, phase.unit, phase.modifiers], ['voltage', 243.6, 'V', ['at phase L1']]);
  // amiplus MyElectricity2: 066D 404708AC2A40 → 2021-10-12 08:07
  t.same(values(parseRecords(fromHex('066D404708AC2A40')).records), [['datetime', '2021-10-12T08:07:00', 'datetime']]);
  // VIFE 0x73: multiplicative correction 10^-3 applied to 1000 Wh
  const corr = parseRecords(fromHex('048373E8030000')).records[0]!;
  near(t, corr.value, 1, '1000 Wh × 10^-3');
  // VIFE 0x22 per hour on a volume: a flow in m3/h
  const perHour = parseRecords(fromHex('0293220A00')).records[0]!;
  t.same([perHour.quantity, perHour.unit], ['volume_flow', 'm3/h']);
  near(t, perHour.value, 0.01, '10 l per hour');
});

t.test('LVAR text is reversed (corpus)', async (t) => {
  // abbb23 ABBmeter: firmware B1.28.0; iem3000 Schneider1: manufacturer "Schneider Electric"
  const abb = parseRecords(fromHex('0DFD8E0007302E38322E3142')).records[0]!;
  t.same([abb.quantity, abb.value, abb.unit, abb.modifiers], ['firmware_version', 'B1.28.0', 'text', ['error: no error']]);
  const sch = parseRecords(fromHex('0DFD0A126369727463656C452072656469656E686353')).records[0]!;
  t.same([sch.quantity, sch.value], ['manufacturer', 'Schneider Electric']);
  // C0–DF: BCD of 2 × n digits, D0–DF negative
  t.same(parseRecords(fromHex('0D13C23412')).records.map((r) => r.value), [1.234]);
  t.same(parseRecords(fromHex('0D13D23412')).records.map((r) => r.value), [-1.234]);
});

t.test('plain-text VIF: unit text right after the VIF, reversed, then VIFEs', async (t) => {
  // DIF 02, VIF FC (plain text, VIFE follows), length 3, "RCH" stored last character first, VIFE 3C, data 10.
  const r = parseRecords(fromHex('02FC034843523C0A00'));
  t.equal(r.error, undefined);
  const rec = r.records[0]!;
  t.same([rec.plainTextUnit, rec.value, rec.modifiers, rec.header, rec.data], ['RCH', 10, ['backward flow'], '02FC034843523C', '0A00']);
});

t.test('FD73 listening window (P2) keeps its own quantity, raw', async (t) => {
  const r = parseRecords(fromHex('01FD7300')).records[0]!;
  t.same([r.quantity, r.unit, r.value], ['listening_window', 'raw', 0]);
});

t.test('special DIFs: fillers, manufacturer data, more records follow, global readout', async (t) => {
  const m = parseRecords(fromHex('2F0C13785634122F0F010203'));
  t.equal(m.records.length, 1);
  t.equal(m.moreRecordsFollow, false);
  t.same(Array.from(m.manufacturerData!.bytes), [1, 2, 3]);
  t.equal(m.manufacturerData!.offset, 9);
  const more = parseRecords(fromHex('0C13785634121FAA'));
  t.equal(more.moreRecordsFollow, true);
  t.same(Array.from(more.manufacturerData!.bytes), [0xaa]);
  const readout = parseRecords(fromHex('7F0C1378563412'));
  t.equal(readout.records.length, 1);
  t.equal(readout.error, undefined);
  const selection = parseRecords(fromHex('0813')).records[0]!;
  t.same([selection.value, selection.data, selection.quantity], [null, '', 'volume']);
});

t.test('DIFE chain: storage, tariff and subunit accumulate (radio.md § 7.1)', async (t) => {
  // DIF C4: storage LSB 1; DIFE D1: storage 0001 (→ 2), tariff 01, subunit bit 1; DIFE 40: subunit bit (→ 2).
  const r = parseRecords(fromHex('C4D14013E8030000')).records[0]!;
  t.same([r.storage, r.tariff, r.subunit], [3, 1, 3]);
});

t.test('bad records end the walk with a coded error and keep what was read', async (t) => {
  const truncated = parseRecords(fromHex('0C1378563412' + '0C137856'));
  t.equal(truncated.records.length, 1);
  t.equal(truncated.error?.code, 'RECORD_TRUNCATED');
  t.equal(truncated.error?.offset, 6);
  const noVif = parseRecords(fromHex('0C1378563412' + '84'));
  t.equal(noVif.error?.code, 'RECORD_TRUNCATED');
  const reservedLvar = parseRecords(fromHex('0D13FA00'));
  t.equal(reservedLvar.error?.code, 'RECORD_INVALID');
  const tooManyDifes = parseRecords(fromHex('84' + '80'.repeat(10) + '0013'));
  t.equal(tooManyDifes.error?.code, 'RECORD_INVALID');
  const reservedSpecial = parseRecords(fromHex('0C13785634123F'));
  t.same([reservedSpecial.records.length, reservedSpecial.error?.code], [1, 'RECORD_INVALID']);
  t.equal(parseRecords(fromHex('0C1378563412'), 0, 4).error?.code, 'RECORD_TRUNCATED', 'end bounds the walk');
});

t.test('never throws on arbitrary bytes', async (t) => {
  let seed = 0x12345678;
  const next = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) & 0xff;
  };
  let records = 0;
  let outside = 0;
  for (let i = 0; i < 5000; i++) {
    const bytes = Uint8Array.from({ length: 1 + (next() % 64) }, next);
    const r = parseRecords(bytes);
    records += r.records.length;
    for (const rec of r.records) if (rec.offset + rec.length > bytes.length || rec.length < 1) outside++;
    parseCompactRecords(r.format, bytes);
  }
  t.ok(records > 0, 'random bytes do yield records');
  t.equal(outside, 0, 'every record lies inside the bytes');
});
