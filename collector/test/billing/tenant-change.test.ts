// Readings at a tenant change: delivered (ZA) or computed (B) by degree days / days.
// billing-domain.md § 1.9 ([GESATZ-9b], [SEED-EDDI] "B"), § 4, worked examples T4, T5, T7.
import t from 'tap';
import { endOfDay } from '../../src/billing/calendar.js';
import { computeReadingBetween } from '../../src/billing/computed-reading.js';
import { consumptionBetween, tenancyConsumption } from '../../src/billing/consumption.js';
import { DEGREE_DAY_TABLES } from '../../src/billing/degree-days.js';
import type { MeterInfo, MeterValues, Reading } from '../../src/billing/reading.js';
import { readingAtEndOfDay, tenantChangeReading } from '../../src/billing/tenant-change.js';
import { near } from './near.js';

const HOUR = 3_600_000;
const warmWater: MeterInfo = { meterId: 'ww', type: 'warmWater', resetsAtDueDate: false };
const heat: MeterInfo = { meterId: 'wmz', type: 'heat', resetsAtDueDate: false };
const hca: MeterInfo = { meterId: 'hca', type: 'hca', resetsAtDueDate: true, dueDate: '12-31', hcaPrinciple: 'electronic' };
const none = (meterId: string): MeterValues => ({ meterId, samples: [], stored: [] });
const reading = (meterId: string, date: string, value: number, extra: Partial<Reading> = {}): Reading => ({
  meterId,
  kind: 'A',
  date,
  value,
  telegramIds: [`${meterId}@${date}`],
  ...extra,
});

t.test('T4 without interim reading: warm water split by days (kind B)', async (t) => {
  const before = reading('ww', '2022-12-31', 100.0);
  const after = reading('ww', '2023-12-31', 124.0);
  const { reading: atMoveOut, method } = tenantChangeReading(warmWater, none('ww'), '2023-03-14', { before, after });
  t.equal(method, 'computed');
  t.equal(atMoveOut.kind, 'B');
  t.equal(atMoveOut.basis, 'days', 'water meters by days');
  t.same(atMoveOut.telegramIds, ['ww@2022-12-31', 'ww@2023-12-31'], 'cites both enclosing readings');
  const segments = [{ meterId: 'ww', installed: '2010-01-01' }];
  const readings = [before, atMoveOut, after];
  const a = tenancyConsumption({ tenancyId: 'A', moveIn: '2023-01-01', moveOut: '2023-03-14' }, '2023-12-31', segments, readings);
  const b = tenancyConsumption({ tenancyId: 'B', moveIn: '2023-03-15' }, '2023-12-31', segments, readings);
  near(t, a.total, 4.8, 1e-9, 'A 24.000 × 73/365 = 4.800 m³');
  near(t, b.total, 19.2, 1e-9, 'B 19.200 m³');
  t.equal(b.segments[0].fromKind, 'B');
});

t.test('T5: move-in 16.10., heat computed by degree days (321.29 ‰) and water by days (77 days) [WWW-321]', async (t) => {
  // Predecessor moves out 15.10.; 1,000 kWh for the year → successor 1000 × 321.29/1000 kWh (‰ from the doc).
  const before = reading('wmz', '2022-12-31', 5000);
  const after = reading('wmz', '2023-12-31', 6000);
  const { reading: heatAtMoveOut } = tenantChangeReading(heat, none('wmz'), '2023-10-15', { before, after });
  t.equal(heatAtMoveOut.basis, 'degreeDays');
  near(t, consumptionBetween(heatAtMoveOut, after), 321.29, 0.005, 'successor heat');
  const w0 = reading('ww', '2022-12-31', 0);
  const w1 = reading('ww', '2023-12-31', 36.5);
  const { reading: waterAtMoveOut } = tenantChangeReading(warmWater, none('ww'), '2023-10-15', { before: w0, after: w1 });
  near(t, consumptionBetween(waterAtMoveOut, w1), 7.7, 1e-9, 'successor water 36.5 × 77/365');
});

t.test('T2 dates with the immobilien.software table: predecessor share 378.702 ‰', async (t) => {
  const b = computeReadingBetween(reading('wmz', '2022-12-31', 0), reading('wmz', '2023-12-31', 1000), '2023-03-14', 'degreeDays', {
    table: DEGREE_DAY_TABLES.immobilienSoftware,
  });
  near(t, b.value, 378.702, 1e-9, '1000 × 378.702 / 1000');
});

t.test('a delivered value at the end of the move-out day wins (ZA)', async (t) => {
  const values: MeterValues = {
    meterId: 'ww',
    samples: [
      { value: 105.49, at: endOfDay('2023-03-14') - 50 * 60_000, telegramId: 'late' },
      { value: 105.2, at: endOfDay('2023-03-14') - 8 * HOUR, telegramId: 'evening' },
    ],
    stored: [],
  };
  const result = tenantChangeReading(warmWater, values, '2023-03-14', undefined);
  t.equal(result.method, 'delivered');
  t.equal(result.reading.kind, 'ZA');
  t.equal(result.reading.value, 105.49);
  t.same(result.reading.telegramIds, ['late']);
  t.equal(readingAtEndOfDay(warmWater, { ...values, samples: [values.samples[1]] }, '2023-03-14'), undefined, '8 h before midnight is outside the default 3 h');
  t.throws(() => tenantChangeReading(warmWater, { ...values, samples: [] }, '2023-03-14', undefined), { code: 'NO_ENCLOSING_READINGS' });
});

t.test('T7: electronic HCA, move-out 31.01.2019 uses the month-end value 79 since the reset [WMB-QCAL]', async (t) => {
  const values: MeterValues = {
    meterId: 'hca',
    samples: [{ value: 127, at: Date.parse('2019-02-20T10:32:00Z'), telegramId: 't7' }],
    stored: [
      { value: 145, date: '2018-12-31', telegramId: 't7', source: 'dueDate' },
      { value: 79, date: '2019-01-31', telegramId: 't7', source: 'history' },
    ],
  };
  const { reading: atMoveOut } = tenantChangeReading(hca, values, '2019-01-31', undefined);
  t.equal(atMoveOut.value, 79);
  t.equal(atMoveOut.sinceReset, '2018-12-31');
  const current = readingAtEndOfDay(hca, values, '2019-02-20', 24 * HOUR);
  t.ok(current);
  t.equal(consumptionBetween(atMoveOut, current!), 48, 'successor until 20.02.: 127 − 79');
});

t.test('resetting HCA computed across the due date', async (t) => {
  // Hand-computed: period value 145 frozen at 31.12.2018, next due value 1000 at 31.12.2019; move-out 31.01.2019
  // → 170 ‰ of 1000 units = 170 units since the reset.
  const before = reading('hca', '2018-12-31', 145, { sinceReset: '2017-12-31' });
  const after = reading('hca', '2019-12-31', 1000, { sinceReset: '2018-12-31' });
  const dueValues = [{ date: '2018-12-31', value: 145, sinceReset: '2017-12-31', telegramIds: ['x'] }];
  const { reading: b } = tenantChangeReading(hca, none('hca'), '2019-01-31', { before, after }, { dueValues });
  t.equal(b.sinceReset, '2018-12-31');
  near(t, b.value, 170, 1e-9, '170 units');
});

t.test('evaporative HCAs are refused here', async (t) => {
  const evaporative: MeterInfo = { meterId: 'v', type: 'hca', resetsAtDueDate: false, hcaPrinciple: 'evaporative' };
  t.throws(() => tenantChangeReading(evaporative, none('v'), '2023-03-31', undefined), { code: 'VALUE_INVALID' });
});
