/**
 * Diehl frame quirks (wmbus/diehl.ts): the swapped A-field of "real data" and PRIOS frames, Sappel PRIOS
 * addresses, and the LFSR "real data" scrambling (security mode 21), with corpus telegrams
 * (wmbusmeters/wmbusmeters: drivers/src/sharky.xmq, drivers/src/izarv2.xmq).
 */
import t from 'tap';
import { decodeTelegram } from '../src/wmbus/decode.js';
import { diehlFrame, diehlRealData, diehlLfsr, DIEHL_DEFAULT_KEYS } from '../src/wmbus/diehl.js';
import { interpret } from '../src/meters/interpret.js';
import { fromHex } from '../src/util/hex.js';
import { isWmbusError } from '../src/errors.js';

const SHARKY_775 = '534424232004256092687A370045752235854DEEEA5939FAD81C25FEEF5A23C38FB9168493C563F08DB10BAF87F660FBA91296BA2397E8F4220B86D3A192FB51E0BFCF24DCE72118E0C75A9E89F43BDFE370824B';
const IZAR = '1944304C72242421D401A2013D4013DD8B46A4999C1293E582CC';

t.test('real-data frame: A-field swapped, payload unscrambled with the default key (mode 21)', async (t) => {
  const b = fromHex(SHARKY_775);
  t.equal(diehlFrame(b), 'real-data');
  const d = decodeTelegram(b);
  t.same([d.meter.manufacturer, d.meter.id, d.meter.version, d.meter.deviceType], ['HYD', '68926025', 0x20, 0x04]);
  t.equal(d.tpl.securityMode, 21);
  t.equal(d.security, 'decrypted');
  const energy = d.records.find((r) => r.quantity === 'energy' && r.storage === 0 && r.tariff === 0);
  t.equal(energy?.value, 2651000, '2651 kWh');
  t.equal(energy?.unit, 'Wh');
  t.equal(interpret(d).driver, 'sharky');
});

t.test('a corrupted real-data payload fails the byte-sum check and stays a coded error', async (t) => {
  const b = fromHex(SHARKY_775);
  b[40] = b[40]! ^ 0x01;
  t.equal(diehlRealData(b), null);
  let code: string | undefined;
  try {
    decodeTelegram(b);
  } catch (e) {
    code = isWmbusError(e) ? e.code : 'not a WmbusError';
  }
  t.equal(code, 'SECURITY_UNSUPPORTED');
});

t.test('a configured key replaces the default keys', async (t) => {
  const b = fromHex(SHARKY_775);
  t.equal(diehlRealData(b, fromHex('00112233445566778899AABBCCDDEEFF')), null, 'wrong key: no plaintext');
  t.ok(diehlRealData(b, fromHex('51728910E66D83F851728910E66D83F8')), 'the vendor key given explicitly');
});

t.test('Sappel PRIOS: version byte belongs to the ID, read as SAP 00 07; scrambled part starts 0x4B', async (t) => {
  const b = fromHex(IZAR);
  t.equal(diehlFrame(b), 'sap-prios');
  const d = decodeTelegram(b);
  t.same([d.meter.manufacturer, d.meter.id, d.meter.version, d.meter.deviceType], ['SAP', '21242472', 0, 7]);
  const plain = diehlLfsr(DIEHL_DEFAULT_KEYS[0]!, b.subarray(2, 10), b.subarray(10, 14), b.subarray(15));
  t.equal(plain[0], 0x4b);
  const r = interpret(d);
  t.equal(r.driver, 'izarv2');
  t.same(r.fields.filter((f) => f.name === 'total' || f.name === 'last_month_end' || f.name === 'last_month_end_date').map((f) => f.value), [3.488, 3.486, '2019-09-30']);
  t.same(r.reading.status.texts, ['METER_BLOCKED', 'UNDERFLOW']);
});

t.test('standard frames of other manufacturers are untouched', async (t) => {
  const b = fromHex('1844AE4C4455223368077A55000000041389E20100023B0000');
  t.equal(diehlFrame(b), null);
  const d = decodeTelegram(b);
  t.same([d.meter.manufacturer, d.meter.id], ['SEN', '33225544']);
});

t.test('Diehl OMS frame (mode 5) without a key: the vendor default key decrypts it; a configured key wins', async (t) => {
  const b = fromHex('6644242328001081640E7266567464A51170071F0050052C411A08674048DD6BA82A0DF79FFD401309179A893A1BE3CE8EDC50C2A45CD7AFEC3B4CE765820BE8056C124A17416C3722985FFFF7FCEB7094901AB3A16294B511B9A740C9F9911352B42A72FB3B0C');
  const d = decodeTelegram(b);
  t.equal(d.security, 'decrypted');
  t.equal(d.meter.id, '64745666');
  t.equal(d.records.find((r) => r.quantity === 'volume' && r.storage === 0 && r.tariff === 0)?.value, 137.291);
  let code: string | undefined;
  try {
    decodeTelegram(b, { key: fromHex('000102030405060708090A0B0C0D0E0F') });
  } catch (e) {
    code = isWmbusError(e) ? e.code : 'not a WmbusError';
  }
  t.equal(code, 'KEY_WRONG', 'a wrong configured key is not silently replaced by the default');
});

t.test('real-data frame logged already unscrambled: accepted as a replay when it passes the byte sum and reads as records', async (t) => {
  // wmbusmeters/wmbusmeters: drivers/src/hydrus.xmq, HydrusIzarRS (mode 29, plain records on the wire).
  const b = fromHex('1E4424238B07797389607A8F00107D041312170100426CBF23441344100100');
  t.equal(diehlFrame(b), 'real-data');
  t.equal(diehlRealData(b), null, 'no LFSR key explains it');
  const d = decodeTelegram(b);
  t.equal(d.security, 'plaintext-replay');
  t.same([d.meter.manufacturer, d.meter.id], ['HYD', '60897379']);
  t.equal(d.records.find((r) => r.quantity === 'volume' && r.storage === 0)?.value, 71.442);
  let code: string | undefined;
  try {
    decodeTelegram(b, { key: fromHex('51728910E66D83F851728910E66D83F8') });
  } catch (e) {
    code = isWmbusError(e) ? e.code : 'not a WmbusError';
  }
  t.equal(code, 'SECURITY_UNSUPPORTED', 'with a key configured, a frame that does not unscramble is not taken as plain');
});
