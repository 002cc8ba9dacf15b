// Plausibility flags, billing-domain.md § 9.
import t from 'tap';
import { endOfDay } from '../../src/billing/calendar.js';
import { checkBuildingBalance, checkReadingDate, checkSeries, checkSetDate } from '../../src/billing/plausibility.js';
import type { MeterInfo, MeterSample } from '../../src/billing/reading.js';

const DAY = 86_400_000;
const water: MeterInfo = { meterId: 'w', type: 'coldWater', resetsAtDueDate: false, dueDate: '12-31' };
const hca: MeterInfo = { meterId: 'h', type: 'hca', resetsAtDueDate: true, dueDate: '12-31', hcaPrinciple: 'electronic' };
const at = (date: string, hoursBeforeMidnight = 12) => endOfDay(date) - hoursBeforeMidnight * 3_600_000;
const sample = (id: string, date: string, value: number, extra: Partial<MeterSample> = {}): MeterSample => ({ telegramId: id, at: at(date), value, ...extra });

t.test('a cumulative meter that goes down is flagged [ESK], [IMMOSW-KUM]', async (t) => {
  const flags = checkSeries(water, [sample('a', '2023-01-10', 10.5), sample('b', '2023-01-11', 10.2), sample('c', '2023-01-12', 10.3)]);
  t.same(flags.map((f) => f.code), ['VALUE_DECREASED']);
  t.same(flags[0].telegramIds, ['a', 'b']);
});

t.test('a resetting HCA may drop to 0 after its due date, not elsewhere [EAD-LEIPZIG], [IMMOSW-NKUM]', async (t) => {
  t.same(checkSeries(hca, [sample('a', '2018-12-31', 145), sample('b', '2019-01-01', 0), sample('c', '2019-01-31', 79)]), []);
  const flags = checkSeries(hca, [sample('a', '2019-01-31', 79), sample('b', '2019-02-01', 3)]);
  t.same(flags.map((f) => f.code), ['VALUE_DECREASED'], 'drop on 01.02. is not a due date');
  // The due-date check also works on a cumulative meter: a drop right after 31.12. is still an error.
  t.same(checkSeries(water, [sample('a', '2018-12-31', 145), sample('b', '2019-01-01', 0)]).map((f) => f.code), ['VALUE_DECREASED']);
});

t.test('implausible jump against a configured daily limit', async (t) => {
  const samples = [sample('a', '2023-01-01', 100), sample('b', '2023-01-02', 100.4), sample('c', '2023-01-03', 130)];
  const flags = checkSeries(water, samples, { maxIncreasePerDay: 2 });
  t.same(flags.map((f) => [f.code, f.telegramIds]), [['IMPLAUSIBLE_JUMP', ['b', 'c']]]);
  t.same(checkSeries(water, samples), [], 'no limit, no jump check');
  // 10 days × 2/day = 20 allowed: 19.6 over 10 days is fine.
  t.same(checkSeries(water, [sample('a', '2023-01-01', 100), sample('b', '2023-01-11', 119.6)], { maxIncreasePerDay: 2 }), []);
});

t.test('silent meter: gaps and since the last value', async (t) => {
  const flags = checkSeries(water, [sample('a', '2023-01-01', 1), sample('b', '2023-01-20', 2)], { silentDays: 14, now: at('2023-03-01') });
  t.same(flags.map((f) => f.code), ['METER_SILENT', 'METER_SILENT']);
  t.same(checkSeries(water, [], { silentDays: 14, now: at('2023-03-01') }).map((f) => f.code), ['METER_SILENT']);
  t.same(checkSeries(water, [sample('a', '2023-01-01', 1), sample('b', '2023-01-10', 2)], { silentDays: 14, now: at('2023-01-12') }), []);
});

t.test('status flags raise one flag where they start', async (t) => {
  const flags = checkSeries(water, [
    sample('a', '2023-01-01', 1),
    sample('b', '2023-01-02', 1, { status: { batteryLow: true } }),
    sample('c', '2023-01-03', 1, { status: { batteryLow: true, reverseFlow: true } }),
    sample('d', '2023-01-04', 1, { status: { tamper: true, leak: true, error: true } }),
  ]);
  t.same(flags.map((f) => [f.code, f.telegramIds[0]]), [
    ['BATTERY_LOW', 'b'],
    ['REVERSE_FLOW', 'c'],
    ['TAMPER', 'd'],
    ['LEAK', 'd'],
    ['ERROR_STATE', 'd'],
  ]);
});

t.test('reading date far from the target date: beyond 31 days [EDDI-UEB]', async (t) => {
  const base = { meterId: 'w', kind: 'A' as const, value: 1, date: '2023-12-31', telegramIds: ['x'] };
  t.same(checkReadingDate({ ...base, observedAt: endOfDay('2023-12-31') - 31 * DAY }), [], '31 days is acceptable');
  t.same(checkReadingDate({ ...base, observedAt: endOfDay('2023-12-31') - 32 * DAY }).map((f) => f.code), ['READING_DATE_FAR']);
  t.same(checkReadingDate(base), [], 'no observation time: the value is for the date itself');
});

t.test('set date must be the configured due date [BFW-GOHL]', async (t) => {
  t.same(checkSetDate(water, [{ value: 1, date: '2023-12-31', telegramId: 'a', source: 'dueDate' }]), []);
  t.same(checkSetDate(water, [{ value: 1, date: '2023-09-30', telegramId: 'b', source: 'dueDate' }]).map((f) => f.code), ['SET_DATE_MISMATCH']);
  t.same(checkSetDate(water, [{ value: 1, date: '2023-09-30', telegramId: 'c', source: 'history' }]), [], 'history slots are not set dates');
});

t.test('building water balance within 20 % [HAUFE-WWZ]', async (t) => {
  t.same(checkBuildingBalance('main', 1000, [400, 420], '2023-01-01'), [], '18 % difference');
  t.same(checkBuildingBalance('main', 1000, [400, 390], '2023-01-01').map((f) => f.code), ['BUILDING_BALANCE'], '21 %');
  t.throws(() => checkBuildingBalance('main', 0, [1], '2023-01-01'), { code: 'VALUE_INVALID' });
});
