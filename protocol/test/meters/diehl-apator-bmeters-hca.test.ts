/**
 * Driver hooks of the Diehl / Apator / B meters / HCA group, on corpus telegrams (sources: the fixtures under
 * fixtures/telegrams/, from wmbusmeters/wmbusmeters driver tests): what a user sees in fields, reading view
 * and status, beyond "every expected value is read" (catalogue.test.ts).
 */
import t from 'tap';
import { decodeTelegram } from '../../src/wmbus/decode.js';
import { interpret } from '../../src/meters/interpret.js';
import { fromHex } from '../../src/util/hex.js';

const run = (hex: string, key?: string) => interpret(decodeTelegram(fromHex(hex), { key: key ? fromHex(key) : null }));
const field = (r: ReturnType<typeof run>, name: string) => r.fields.find((f) => f.name === name)?.value;

t.test('izarv2 (radio.md § 8.6): PRIOS total, month-end value with date, status flags', async (t) => {
  const r = run('1944304C72242421D401A2013D4013DD8B46A4999C1293E582CC');
  t.equal(r.driver, 'izarv2');
  t.equal(r.reading.current?.value, 3.488);
  t.same(r.reading.dueDate, { value: 3.486, unit: 'm3', date: '2019-09-30' });
  t.equal(field(r, 'battery'), 14.5 * 365 * 86400);
  t.equal(field(r, 'transmit_period'), 8);
  t.same(r.reading.status.flags.sort(), ['error']);
  t.same(r.reading.status.texts, ['METER_BLOCKED', 'UNDERFLOW']);
});

t.test('rfmtx1: security mode 16 payload reaches the driver; counter un-XORed, meter time read', async (t) => {
  const d = decodeTelegram(fromHex('4644B4097172737405077AA50006101115F78184AB0F1D1E200000005904103103208047004A4800E73C00193E00453F003E4000E64000E74100F442000144001545005B460000'));
  t.equal(d.tpl.securityMode, 16);
  t.same(d.records, [], 'no DIF/VIF records are invented from the proprietary layout');
  const r = interpret(d);
  t.equal(r.driver, 'rfmtx1');
  t.equal(field(r, 'total'), 188.56);
  t.equal(r.reading.meterTime, '2020-03-31T10:04:59');
  t.same(r.reading.current, { value: 188.56, unit: 'm3', at: '2020-03-31T10:04:59' });
});

t.test('apator162: payload with the older 0x80 lead byte still finds register 0x10', async (t) => {
  const r = run('6E4401068888888805077A85006085BC2630713819512EB4CD87FBA554FB43F67CF9654A68EE8E194088160DF752E716238292E8AF1AC20986202EE561D743602466915E42F1105D9C6782A54504E4F099E65A7656B930C73A30775122D2FDF074B5035CFAA7E0050BF32FAAE03A77', '00000000000000000000000000000000');
  t.equal(r.driver, 'apator162');
  t.equal(field(r, 'total'), 4.848);
  t.same(r.warnings, []);
});

t.test('apator162: a truncated payload gives no total rather than a wrong one', async (t) => {
  const hex = '2E4401064052030205077A2D0020852F2F0F334DA39A00000071011ABF0D00039A0D00A01053850310CECC0D008943';
  t.equal(field(run(hex), 'total'), 904.398);
  const cut = fromHex(hex).subarray(0, 40);
  cut[0] = cut.length - 1;
  const r = interpret(decodeTelegram(cut));
  t.equal(field(r, 'total'), undefined);
});

t.test('bfw240radio: month-end history with dates derived from the device date', async (t) => {
  const r = run('3644D7084774700002087A80C000002F2F6F1F01440100147000000000000000000000000000000000000000000037009B4410AC260221');
  t.equal(r.reading.current?.value, 256);
  t.same(r.reading.history.slice(0, 4).map((h) => [h.date, h.value]), [
    ['2021-01-31', 172],
    ['2020-12-31', 324],
    ['2020-11-30', 155],
    ['2020-10-31', 55],
  ]);
  t.equal(field(r, 'device_date'), '2021-02-26');
});

t.test('hydroclimav2: a 0x8000 temperature is "no value", not -327.68 °C', async (t) => {
  const r = run('5144B0092110009385088C20FB7AFB4040252F2F036E000000436E000000426C3F350F110001B9604734CE2E2708FD071B088832940766070000000000000000C407260800802DD400000000000000220000');
  t.equal(r.driver, 'hydroclimav2');
  t.equal(field(r, 'ambient_temperature_at_set_date_2'), 19.88);
  t.equal(field(r, 'ambient_temperature_at_set_date_3'), 20.86);
  t.equal(field(r, 'ambient_temperature_at_set_date_4'), undefined);
  t.notOk(r.records.some((x) => x.value === -327.68));
  t.equal(field(r, 'total_consumption'), 34);
});

t.test('caltose: the inverse compact profile becomes dated monthly history in the reading view', async (t) => {
  const r = run('5E44496A12180880FC087A7040500584A63344B5AF071A23539C6020CBBA81FA6ADCFE738682A0924D4F6F7D89D165C9144E4918CDC2D5F86BE7B5BD8143528273ACCC131A13D0B100F2540DC1F2C379DDE4984236D3BCA424113CF0EE1BBD', 'DC7C9EF16126348CDFD52CE6567A9FFD');
  t.equal(r.driver, 'caltose');
  t.same(r.reading.dueDate, { value: 627, unit: 'HCA', date: '2026-01-01' });
  t.same(r.reading.history.map((h) => [h.date, h.value]), [
    ['2026-02-01', 272],
    ['2026-01-01', 627],
    ['2025-12-01', 395],
    ['2025-11-01', 176],
    ['2025-10-01', 7],
  ]);
});

t.test('hydrodigit: calendar-month totals dated as a rolling year; unset months stay unset', async (t) => {
  const r = run('4944B4092243658713077A7F0000000C1363020400046D242C12360F950A24042507000000A405006E0700850900CA0B004A0E00FFFFFFFFFFFF020000020000250000B3010095030000');
  t.equal(r.driver, 'hydrodigit');
  t.equal(field(r, 'backflow'), 0.007);
  t.equal(field(r, 'voltage'), 3.05);
  const h = r.reading.history.map((x) => [x.date, x.value]);
  t.same(h.slice(0, 3), [['2024-05-31', 36.58], ['2024-04-30', 30.18], ['2024-03-31', 24.37]]);
  t.notOk(h.some(([date]) => date === '2023-06-30' || date === '2023-07-31'), 'FFFFFF months are not 0 m³');
  t.equal(r.reading.current?.value, 40.263);
});

t.test('kadenwater: leak bits of the TPL status become leak flags (radio.md § 8.5, STS 0x63)', async (t) => {
  const alarm = run('4E4430590010221901077A71634005F8C0D59E1536F306FFCD58075FDA84B6F21FC0F33DF92C8CF5FCAB599BD1FE73B0DB2E5D9E6D8A2E3363D67DB2CDAF16C26D57886B70EE0F77FC116753809BB5', '82B0551191F51D66EFCDAB8967452301');
  t.equal(alarm.driver, 'kadenwater');
  t.ok(alarm.reading.status.flags.includes('leak'));
  t.same(alarm.reading.status.texts.filter((x) => x.startsWith('LEAK')), ['LEAK_FLOW_LOW', 'LEAK_FLOW_HIGH']);
  const ok = run('4E448E2C1782221901077AB5004005339341AB7927F9337CD2175B2F0D121D9A56CBF3FCFCBF0D8CA57D0C6741A03A666D99467924A6DBF4DE305960917AFDE729AC19D62A789DCE1C66A323CC29CD', '82B0551191F51D66EFCDAB8967452301');
  t.same(ok.reading.status.flags, []);
});
