// Consumption between readings: cumulative meters, HCAs that reset at the due date (T7) and meter swaps.
// billing-domain.md § 4, § 5.2, § 6, § 9 ("Meter replaced"), worked examples T4, T7, T8.
import t from 'tap';
import { clipTenancyToPeriod, consumptionBetween, tenancyConsumption, type DueValue, type MeterSegment } from '../../src/billing/consumption.js';
import type { Reading } from '../../src/billing/reading.js';
import { near } from './near.js';

const reading = (meterId: string, date: string, value: number, extra: Partial<Reading> = {}): Reading => ({
  meterId,
  kind: 'A',
  date,
  value,
  telegramIds: [`${meterId}@${date}`],
  ...extra,
});

t.test('T7: Qundis HCA resets at the due date 2018-12-31 [WMB-QCAL]', async (t) => {
  // Decoded values from the T7 table: storage 1 = 145 at set date 2018-12-31, storage 17 = 79 at 2019-01-31,
  // storage 0 = 127 at device time 2019-02-20 11:32.
  const due: DueValue[] = [{ date: '2018-12-31', value: 145, sinceReset: '2017-12-31', telegramIds: ['t7'] }];
  const periodStart = reading('hca', '2017-12-31', 0, { sinceReset: '2017-12-31' });
  const atDue = reading('hca', '2018-12-31', 145, { sinceReset: '2017-12-31' });
  const endOfJanuary = reading('hca', '2019-01-31', 79, { sinceReset: '2018-12-31', kind: 'ZA' });
  const current = reading('hca', '2019-02-20', 127, { sinceReset: '2018-12-31', kind: 'ZA' });
  t.equal(consumptionBetween(periodStart, atDue, due), 145, 'period 2018 total = 145');
  t.equal(consumptionBetween(atDue, endOfJanuary, due), 79, 'January 2019 = 79');
  t.equal(consumptionBetween(endOfJanuary, current, due), 48, '01.–20.02.2019 = 127 − 79 = 48');
  // Across the reset (hand-computed from the rule): 60 units by 30.06.2018 → (145 − 60) + 79 = 164.
  t.equal(consumptionBetween(reading('hca', '2018-06-30', 60, { sinceReset: '2017-12-31' }), endOfJanuary, due), 164);
  t.throws(() => consumptionBetween(periodStart, endOfJanuary, []), { code: 'DUE_VALUE_MISSING' });
});

t.test('T8: water meter, set date and monthly history [WMB-WSTARM]', async (t) => {
  // set_date 2021-12-31 = 27.65 m³; slot "2022-02-01" (= end of 31.01.2022) = 30.519 m³.
  const atSetDate = reading('dwz', '2021-12-31', 27.65);
  const endOfJanuary = reading('dwz', '2022-01-31', 30.519, { kind: 'ZA' });
  near(t, consumptionBetween(atSetDate, endOfJanuary), 2.869, 1e-9, 'January 2022 = 2.869 m³');
});

t.test('T4: warm water per tenancy with an interim reading (ZA)', async (t) => {
  const readings = [
    reading('ww', '2022-12-31', 100.0),
    reading('ww', '2023-03-14', 105.5, { kind: 'ZA' }),
    reading('ww', '2023-12-31', 124.0),
  ];
  const segments: MeterSegment[] = [{ meterId: 'ww', installed: '2019-01-01' }];
  // The billing period starts 01.01.2023: the caller clips the tenancy to the period by passing moveIn = period start.
  const aInPeriod = tenancyConsumption({ tenancyId: 'A', moveIn: '2023-01-01', moveOut: '2023-03-14' }, '2023-12-31', segments, readings);
  const b = tenancyConsumption({ tenancyId: 'B', moveIn: '2023-03-15' }, '2023-12-31', segments, readings);
  t.throws(
    () => tenancyConsumption({ tenancyId: 'A', moveIn: '2022-05-01', moveOut: '2023-03-14' }, '2023-12-31', segments, readings),
    { code: 'READING_MISSING' },
    'unclipped tenancy needs a reading at 30.04.2022, which is missing',
  );
  near(t, aInPeriod.total, 5.5, 1e-9, 'A 5.500 m³');
  near(t, b.total, 18.5, 1e-9, 'B 18.500 m³');
  t.same([aInPeriod.segments[0].fromKind, aInPeriod.segments[0].toKind], ['A', 'ZA'], 'A: opened by A, closed by ZA');
  t.same([b.segments[0].fromKind, b.segments[0].toKind], ['ZA', 'A'], 'B: opened by ZA, closed by A');
  t.equal(b.openingDate, '2023-03-14', 'B opens with the reading at the end of the day before move-in');
  t.same(b.segments[0].from.telegramIds, ['ww@2023-03-14'], 'audit trail kept');
});

t.test('meter swap: consumption is the sum over segments (§ 9, derived)', async (t) => {
  // Hand-computed example: M1 removed 15.06.2023 at 210.400 m³, M2 installed the same day at 0.020 m³.
  const segments: MeterSegment[] = [
    { meterId: 'M2', installed: '2023-06-15' },
    { meterId: 'M1', installed: '2020-05-01', removed: '2023-06-15' },
  ];
  const readings = [
    reading('M1', '2022-12-31', 200.0),
    reading('M1', '2023-06-15', 210.4, { kind: 'ZA' }),
    reading('M2', '2023-06-15', 0.02, { kind: 'ZA' }),
    reading('M2', '2023-06-30', 1.52, { kind: 'ZA' }),
    reading('M2', '2023-12-31', 8.52),
  ];
  const year = tenancyConsumption({ tenancyId: 'T', moveIn: '2023-01-01' }, '2023-12-31', segments, readings);
  near(t, year.total, 18.9, 1e-9, '(210.400 − 200.000) + (8.520 − 0.020) = 18.900 m³');
  t.same(year.segments.map((s) => s.meterId), ['M1', 'M2'], 'segments in time order');
  near(t, year.segments[0].consumption, 10.4, 1e-9, 'old meter');
  near(t, year.segments[1].consumption, 8.5, 1e-9, 'new meter');
  const before = tenancyConsumption({ tenancyId: 'P', moveIn: '2023-01-01', moveOut: '2023-06-15' }, '2023-12-31', segments, readings);
  t.same(before.segments.map((s) => s.meterId), ['M1'], 'a tenancy ending on the swap day only touches the old meter');
  const after = tenancyConsumption({ tenancyId: 'S', moveIn: '2023-07-01' }, '2023-12-31', segments, readings);
  near(t, after.total, 7.0, 1e-9, 'successor from 01.07.: 8.520 − 1.520');
  t.throws(
    () => tenancyConsumption({ tenancyId: 'T', moveIn: '2023-01-01' }, '2023-12-31', [...segments, { meterId: 'M3', installed: '2023-09-01' }], readings),
    { code: 'SEGMENTS_OVERLAP' },
  );
});

t.test('mixing a cumulative and a resetting reading is a coded error', async (t) => {
  t.throws(() => consumptionBetween(reading('x', '2023-01-01', 1), reading('x', '2023-02-01', 2, { sinceReset: '2022-12-31' })), { code: 'VALUE_INVALID' });
  t.throws(() => consumptionBetween(reading('x', '2023-02-01', 1), reading('x', '2023-01-01', 2)), { code: 'INTERVAL_REVERSED' });
  t.throws(() => consumptionBetween(reading('x', '2023-01-01', Number.NaN), reading('x', '2023-02-01', 2)), { code: 'VALUE_INVALID' });
  t.throws(() => consumptionBetween(reading('x', '2023-01-01', 1), reading('x', '2023-02-30', 2)), { code: 'DATE_INVALID' });
});

t.test('tenancies are clipped to the billing period', async (t) => {
  const period = { first: '2023-01-01', last: '2023-12-31' };
  t.same(clipTenancyToPeriod({ tenancyId: 'A', moveIn: '2022-05-01', moveOut: '2023-03-14' }, period), { tenancyId: 'A', moveIn: '2023-01-01', moveOut: '2023-03-14' });
  t.same(clipTenancyToPeriod({ tenancyId: 'B', moveIn: '2023-03-15' }, period), { tenancyId: 'B', moveIn: '2023-03-15', moveOut: '2023-12-31' });
  t.equal(clipTenancyToPeriod({ tenancyId: 'C', moveIn: '2021-01-01', moveOut: '2022-12-31' }, period), undefined);
});
