/**
 * Manufacturer payloads and profiles of the Techem / Qundis / ista drivers, on real telegrams (radio.md § 8.5,
 * § 8.6, shared/corpus): values, the reading view built from them, and bad payloads reported, not thrown.
 */
import t from 'tap';
import { decodeTelegram } from '../../src/wmbus/decode.js';
import { interpret } from '../../src/meters/interpret.js';
import { expandCompactProfile } from '../../src/meters/compact-profile.js';
import { fromHex } from '../../src/util/hex.js';

const decode = (hex: string, key?: string) => decodeTelegram(fromHex(hex), { key: key ? fromHex(key) : null });
const field = (r: ReturnType<typeof interpret>, name: string) => r.fields.find((f) => f.name === name)?.value;

t.test('fhkvdataiii: CI A2 payload (radio.md § 8.6)', async (t) => {
  const r = interpret(decode('33446850341211119480A20F9F292D005024040011BD08380904000000070000000000000000000000000001000000000003140E'));
  t.equal(r.driver, 'fhkvdataiii');
  t.equal(field(r, 'current'), 4);
  t.equal(field(r, 'current_date'), '2021-02-05');
  t.equal(field(r, 'previous'), 45);
  t.equal(field(r, 'previous_date'), '2020-12-31');
  t.equal(field(r, 'temp_room'), 22.37);
  t.equal(field(r, 'temp_radiator'), 23.6);
  t.same(r.reading.current, { value: 4, unit: 'HCA' });
  t.same(r.reading.dueDate, { value: 45, unit: 'HCA', date: '2020-12-31' });
});

t.test('fhkvdataiii: CI A0 format 01, current date rolls into the next year', async (t) => {
  const r = interpret(decode('32446850059605416980A0019F334805400CFE029808B1080000000000060F4F3467AEA9A88D7B8D503E000000000000000000'));
  t.equal(field(r, 'previous_date'), '2025-12-31');
  t.equal(field(r, 'current_date'), '2026-06-04');
  t.equal(field(r, 'current'), 766);
});

t.test('fhkvdataiii: a truncated payload is a coded warning, generic decoding goes on', async (t) => {
  // The § 8.6 telegram cut after 6 payload bytes, L-field adjusted.
  const r = interpret(decode('11446850341211119480A20F9F292D005024'));
  t.equal(r.driver, 'fhkvdataiii');
  t.match(r.warnings.join(), /DRIVER_PAYLOAD/);
  t.equal(r.fields.length, 0);
});

t.test('fhkvdataiv: monthly compact profile becomes dated history (radio.md § 8.5)', async (t) => {
  const r = interpret(
    decode(
      '4E4468507620541494087AAD004005089D86B62A329B3439873999738F82461ABDE3C7AC78692B363F3B41EB68607F9C9160F550769B065B6EA00A2E44346E29FF5DC5CB86283C69324AD33D137F6F',
      'FCF41938F63432975B52505F547FCEDF',
    ),
  );
  t.equal(r.driver, 'fhkvdataiv');
  t.equal(field(r, 'consumption_in_month_9'), 22);
  t.equal(field(r, 'month_end_date_9'), '2019-11-30');
  t.equal(field(r, 'consumption_in_month_10'), 3);
  t.equal(field(r, 'month_end_date_12'), '2020-02-29', 'month ends stay month ends');
  // The increments add up to the set-date value at the set date: 0 + 22 + 3 = 25 on 2020-12-31.
  t.equal(field(r, 'consumption_at_month_end_22'), 25);
  t.equal(field(r, 'month_end_date_22'), '2020-12-31');
  t.same(r.reading.dueDate, { value: 25, unit: 'HCA', date: '2020-12-31' });
  t.equal(r.reading.history.length, 15, 'storage 8 and the 14 profile slots');
  t.same(r.reading.history.at(-1), { value: 0, unit: 'HCA', date: '2019-10-31', storage: 8 });
});

t.test('compact profile: absolute BCD slots, all-FF slot skipped, no base', async (t) => {
  const profile = {
    offset: 0, length: 0, header: '8D01931F', data: '', storage: 1, tariff: 0, subunit: 0, function: 'instantaneous' as const,
    quantity: 'volume', description: 'Volume', value: '3AFE3412FFFF7856', unit: 'raw', modifiers: ['compact profile'],
  };
  const out = expandCompactProfile([profile], profile, 0.001, 'm3');
  // Last slot first: 5678 → storage 2, FFFF skipped (absolute: not an end), 1234 → storage 4.
  t.same(out.map((r) => [r.storage, r.value, r.unit]), [[2, 5.678, 'm3'], [4, 1.234, 'm3']]);
  t.same(expandCompactProfile([], { ...profile, value: '3AFB0000' }), [], 'reserved spacing value 251');
  t.same(expandCompactProfile([], { ...profile, value: '0AFE0000' }), [], '254 with spacing unit seconds is reserved');
  t.same(expandCompactProfile([], { ...profile, value: '3AFE00' }), [], 'slots not a whole number');
});

t.test('q400: Axioma battery percent under FD74 (corpus q400 MM)', async (t) => {
  const r = interpret(decode('614409074897280601077AD1000000046D2C173B370420580193040413FB94000004933BFB94000004933C01000000023B02000259E306446D000021374413C08A000044933BC08A000044933C0100000034FD17000000000424BA01930401FD745B'));
  t.equal(r.driver, 'q400');
  t.equal(field(r, 'battery'), 91);
  t.equal(field(r, 'total'), 38.139);
  t.equal(field(r, 'total_backward'), 0.001);
  t.same(r.reading.current, { value: 38.139, unit: 'm3', at: '2025-07-27T23:44' });
});

t.test('qheatv2: WalkByDataSet block (corpus qheatv2 QQA), month ends derived from monthly consumptions', async (t) => {
  const r = interpret(decode('58449344798995673E377807797989956793443E040DFF5F3500827D0000810007C006FFFF531100003F3C490900005F318010000083003C0022000B0000000000000000000A002B00510083002F02FD170000046D16085832'));
  t.equal(r.driver, 'qheatv2');
  t.equal(field(r, 'total'), 1153000, '1153 kWh (VIF 06)');
  t.equal(field(r, 'target_date'), '2026-01-31');
  t.equal(field(r, 'target'), 1080000);
  t.equal(field(r, 'energy_delta_2'), 131000, 'January');
  t.equal(field(r, 'energy_delta_13'), 131000);
  // Cross-check: last month end minus January's consumption is the yearly value at 2025-12-31.
  t.equal(field(r, 'month_end_2'), field(r, 'target_year'));
  t.same(r.reading.dueDate, { value: 949000, unit: 'Wh', date: '2025-12-31' });
  t.same(r.reading.history.slice(0, 2).map((h) => h.date), ['2026-01-31', '2025-12-31']);
  t.equal(r.reading.history.length, 13);
});

t.test('qwaterv2: 0x8000 monthly consumption is "no value" and ends the derived month ends (corpus qwaterv2 MyQWater_2)', async (t) => {
  const r = interpret(decode('4B449344483635121806780DFF5F350082DA0000600107C113FFFF48200000BF2C91170000DF2120200000008001000000060019001000160018000D001300350017002F046D370CC422C759'));
  t.equal(r.driver, 'qwaterv2');
  t.equal(field(r, 'total'), 2.048);
  t.equal(field(r, 'target'), 2.02);
  t.equal(field(r, 'target_date'), '2022-01-31');
  t.equal(field(r, 'volume_delta_2'), null, '0x8000');
  t.equal(field(r, 'volume_delta_3'), 0.001);
  t.equal(field(r, 'volume_delta_6'), 0.025);
  t.notOk(r.fields.some((f) => f.name.startsWith('month_end')), 'no month end derived past a missing month');
});

t.test('qcaloric: WalkByDataSet block of a short telegram (corpus qcaloric MyElement2)', async (t) => {
  const r = interpret(decode('49449344939291903408780DFF5F350082180000800007B06EFFFF970000009F2C70020000BE26970000000000010018002E001F002E0023FF210008000500020000002F046D220FA227'));
  t.equal(field(r, 'current_consumption'), 97);
  t.same(r.reading.dueDate, { value: 270, unit: 'HCA', date: '2020-12-31' });
  t.same(r.reading.history, [{ value: 97, unit: 'HCA', date: '2021-06-30', storage: 17 }], 'no month ends derived across the HCA reset');
  t.notOk(r.fields.some((f) => f.name.startsWith('month_end')));
});

t.test('Qundis WalkByDataSet: a block of the wrong type is a coded warning', async (t) => {
  // MyElement2 with the block type byte 0x82 changed to 0x81.
  const r = interpret(decode('49449344939291903408780DFF5F350081180000800007B06EFFFF970000009F2C70020000BE26970000000000010018002E001F002E0023FF210008000500020000002F046D220FA227'));
  t.match(r.warnings.join(), /DRIVER_PAYLOAD.*WalkByDataSet/);
  t.equal(r.reading.meterTime, '2021-07-02T15:34', 'generic records still read');
});

t.test('mkradio3: CI A2 payload, total = value at the previous date + volume since (corpus mkradio3 Duschen)', async (t) => {
  const r = interpret(decode('2F446850313233347462A2069F255900B029310000000306060906030609070606050509050505050407040605070500'));
  t.equal(r.driver, 'mkradio3');
  t.equal(field(r, 'total'), 13.8);
  t.equal(field(r, 'current_period'), 4.9);
  t.equal(field(r, 'current_date'), '2019-04-27');
  t.same(r.reading.dueDate, { value: 8.9, unit: 'm3', date: '2018-12-31' });
  // Same previous date and month/day as the current date: the current date is a year later.
  const same = interpret(decode('2F446850313233347462A2067F245900F007310000000306060906030609070606050509050505050407040605070500'));
  t.equal(field(same, 'current_date'), '2019-03-31');
});

t.test('mkradio3a: half-month consumptions grouped into months, month ends derived (corpus mkradio3a TCH)', async (t) => {
  const r = interpret(decode('36446850420656625072A20C007C3110250000293400373A002E38000E15002F37003A39003835002F24003930001D2500312500162900'));
  t.equal(r.driver, 'mkradio3a');
  t.equal(field(r, 'total'), 948.8);
  t.equal(field(r, 'reading_date'), '2024-11-28');
  // Reading on the 28th: November = 0x29 + 0x34 half-months = 9.3 m3, October = 0x37 + 0x3A = 11.3 m3.
  t.equal(field(r, 'consumption_in_month_2'), 9.3);
  t.equal(field(r, 'consumption_in_month_3'), 11.3);
  t.same(r.reading.history[0], { value: 939.5, unit: 'm3', date: '2024-10-31', storage: 2 });
  t.equal(r.reading.history.length, 12);
  t.match(interpret(decode('10446850420656625072A20C007C311025')).warnings.join(), /DRIVER_PAYLOAD.*mkradio3a: manufacturer payload of 6 bytes/, 'short payload');
});

t.test('vario451: CI A2 payload in 1/1000 GJ (corpus vario451 Hettan)', async (t) => {
  const r = interpret(decode('374468506549235827C3A2129F25383300A8622600008200800A2AF862115175552877A36F26C9AB1CB24400000004000000000004908002'));
  t.equal(r.driver, 'vario451');
  t.equal(field(r, 'total'), 22.938e9);
  t.equal(field(r, 'current'), 9.826e9);
  t.same(r.reading.dueDate, { value: 13.112e9, unit: 'J', date: '2018-12-31' });
});

t.test('compact5: 24-bit kWh values in the CI A1 payload (wmbusmeters drivers/src/compact5.xmq test "tt")', async (t) => {
  const r = interpret(decode('3D446850221471414543A100FF32406002C8CD0000019F81071F68E001072C0C9106642075B5A6AC6AD229E993376AA7D10E1E5C60C1050000000056FED3'));
  t.equal(r.driver, 'compact5');
  t.equal(field(r, 'previous'), 155712000);
  t.equal(field(r, 'current'), 205000);
  t.equal(field(r, 'total'), 155917000);
});

t.test('qsmoke: alarm and test-button counters and dates (wmbusmeters drivers/src/qsmoke.xmq test)', async (t) => {
  const r = interpret(decode('3E44934486707945211A7801FD08F081027C034955230082026CFFFF81037C034C41230082036CFFFF03FD17000000326CFFFF046D0F0ABC2B02FDAC7E1100'));
  t.equal(r.driver, 'qsmoke');
  t.equal(r.reading.kind, 'smoke detector');
  t.equal(field(r, 'alarm_counter'), 0);
  t.equal(field(r, 'last_alarm_date'), null, 'FFFF: never');
  t.equal(field(r, 'transmission_counter'), 240);
  t.equal(field(r, 'message_datetime'), '2021-11-28T10:15');
});
