// Day counting and instants in Europe/Berlin, billing-domain.md § 4 (sources [SEED-KALO], [SEED-ISTA],
// [IMMOSW-GTZ], [WWW-321], [MISTERCHECK], [WMB-WSTARM]).
import t from 'tap';
import {
  addDays,
  berlinDateOf,
  daysAfterReading,
  daysInclusive,
  endOfDay,
  moveInAfterMoveOut,
  openingReadingDate,
  parseDate,
  readingDateOfStartOfDayLabel,
  startOfDay,
} from '../../src/billing/calendar.js';
import { BillingError } from '../../src/billing/errors.js';

t.test('tenancy days are counted inclusive (T4, § 4)', async (t) => {
  t.equal(daysInclusive('2023-01-01', '2023-03-14'), 73, 'A: 31 + 28 + 14');
  t.equal(daysInclusive('2023-03-15', '2023-12-31'), 292, 'B');
  t.equal(daysInclusive('2024-01-01', '2024-03-14'), 74, 'leap year: 31 + 29 + 14');
  t.equal(daysInclusive('2024-01-01', '2024-12-31'), 366);
  t.equal(daysInclusive('2023-03-01', '2023-03-14'), 14, 'change "zum 15. März": predecessor 1–14 March [IMMOSW-GTZ]');
  t.equal(daysInclusive('2023-03-15', '2023-03-31'), 17, 'successor 15–31 March');
  t.equal(daysInclusive('2023-10-16', '2023-12-31'), 77, 'move-in 16.10. → 77 days (T5)');
  t.equal(daysInclusive('2023-08-01', '2023-12-31'), 153, 'move-in 01.08. → 153 days (T9)');
  t.equal(daysInclusive('2023-01-01', '2023-07-31'), 212, 'predecessor Jan–Jul 212 days (T9)');
});

t.test('a reading closes its day: 28.12. → 31.12. = 3 days [SEED-ISTA]', async (t) => {
  t.equal(daysAfterReading('2022-12-28', '2022-12-31'), 3);
  t.equal(daysAfterReading('2022-12-31', '2022-12-31'), 0);
});

t.test('move-in is the day after move-out [SEED-KALO]; the opening reading is the end of the day before', async (t) => {
  t.equal(moveInAfterMoveOut('2023-03-14'), '2023-03-15');
  t.equal(moveInAfterMoveOut('2024-02-28'), '2024-02-29');
  t.equal(moveInAfterMoveOut('2023-12-31'), '2024-01-01');
  t.equal(openingReadingDate('2023-01-01'), '2022-12-31');
});

t.test('end of day D is the start of D+1 in Berlin, winter and summer time', async (t) => {
  // 31.12.2021 24:00 CET = 2021-12-31T23:00Z; the history slot labelled 2022-01-01 is that same instant [WMB-WSTARM].
  t.equal(endOfDay('2021-12-31'), Date.parse('2021-12-31T23:00:00Z'));
  t.equal(endOfDay('2021-12-31'), startOfDay('2022-01-01'));
  t.equal(readingDateOfStartOfDayLabel('2022-01-01'), '2021-12-31');
  t.equal(endOfDay('2023-06-30'), Date.parse('2023-06-30T22:00:00Z'), 'CEST is UTC+2');
  // Clock changes: 26.03.2023 (02:00 → 03:00) and 29.10.2023 (03:00 → 02:00) are 23 and 25 hours long.
  t.equal(endOfDay('2023-03-26') - startOfDay('2023-03-26'), 23 * 3_600_000);
  t.equal(endOfDay('2023-10-29') - startOfDay('2023-10-29'), 25 * 3_600_000);
  t.equal(berlinDateOf(Date.parse('2021-12-31T22:59:59Z')), '2021-12-31');
  t.equal(berlinDateOf(Date.parse('2021-12-31T23:00:00Z')), '2022-01-01');
});

t.test('bad dates raise DATE_INVALID, reversed intervals INTERVAL_REVERSED', async (t) => {
  for (const bad of ['2023-02-29', '2023-13-01', '23-01-01', '2023-1-1', '', 'x']) {
    t.throws(() => parseDate(bad), { code: 'DATE_INVALID' }, bad);
  }
  t.throws(() => daysInclusive('2023-03-15', '2023-03-13'), BillingError);
  t.throws(() => daysInclusive('2023-03-15', '2023-03-13'), { code: 'INTERVAL_REVERSED' });
  t.equal(addDays('2024-02-28', 2), '2024-03-01');
});
