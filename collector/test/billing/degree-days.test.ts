// Degree-day shares, billing-domain.md § 3 and worked examples T1, T2, T5.
import t from 'tap';
import { DEGREE_DAY_TABLES, degreeDays, degreeDayShare, degreeDaysAfterReading, perDayPermille } from '../../src/billing/degree-days.js';

import { near as close } from './near.js';

t.test('a calendar year is 1000 ‰ in every table variant (§ 3.2)', async (t) => {
  for (const table of Object.values(DEGREE_DAY_TABLES)) {
    close(t, degreeDays('2023-01-01', '2023-12-31', table), 1000, 1e-9, table.id);
    close(t, degreeDays('2024-01-01', '2024-12-31', table), 1000, 1e-9, `${table.id} leap year`);
  }
  t.equal(degreeDays('2024-02-01', '2024-02-29'), 150, 'full leap February still 150 ‰ [SEED-ISTA]');
  t.equal(degreeDays('2023-06-01', '2023-08-31'), 40, 'summer block 40 ‰');
});

t.test('per-day values of the printed tables (§ 3.3)', async (t) => {
  t.equal(perDayPermille(2023, 2, DEGREE_DAY_TABLES.ista), 5.35, 'ista truncates');
  t.equal(perDayPermille(2023, 2, DEGREE_DAY_TABLES.casameta), 5.36, 'Casameta rounds');
  t.equal(perDayPermille(2024, 2, DEGREE_DAY_TABLES.ista), 5.17, 'leap February');
  t.equal(perDayPermille(2023, 3, DEGREE_DAY_TABLES.immobilienSoftware), 4.193, 'immobilien.software March [IMMOSW-GTZ]');
  close(t, perDayPermille(2023, 1, DEGREE_DAY_TABLES.exact), 5.48387, 1e-5, 'exact January');
  close(t, perDayPermille(2023, 7, DEGREE_DAY_TABLES.exact), 40 / 92, 1e-12, 'exact summer day 40/92');
});

t.test('T1: last main reading 28.12., move-out 31.03. → 465.5 ‰ [SEED-ISTA]', async (t) => {
  // 29–31 Dec = 3 days × 160/31, then Jan + Feb + Mar = 170 + 150 + 130.
  close(t, degreeDaysAfterReading('2022-12-28', '2023-03-31'), 465.4839, 5e-5, 'exact (derived)');
  const ista = degreeDaysAfterReading('2022-12-28', '2023-03-31', DEGREE_DAY_TABLES.ista);
  close(t, degreeDaysAfterReading('2022-12-28', '2022-12-31', DEGREE_DAY_TABLES.ista), 15.48, 1e-9, '3 × 5.16 = 15.48');
  t.equal(ista.toFixed(1), '465.5', 'ista prints 465.5');
});

t.test('T1 companion: main reading 31.12., move-out 31.01. → 170 ‰, split 170 : 830', async (t) => {
  t.equal(degreeDaysAfterReading('2022-12-31', '2023-01-31'), 170);
  t.equal(degreeDays('2023-02-01', '2023-12-31'), 830);
});

t.test('T2: change on 15 March with March 4.193 ‰/day [IMMOSW-GTZ]', async (t) => {
  const immosw = DEGREE_DAY_TABLES.immobilienSoftware;
  close(t, degreeDays('2023-01-01', '2023-03-14', immosw), 378.702, 1e-9, 'predecessor 170 + 150 + 14 × 4.193');
  close(t, degreeDays('2023-03-15', '2023-12-31', immosw), 621.281, 1e-9, 'successor 17 × 4.193 + 550');
  close(t, degreeDays('2023-01-01', '2023-03-14'), 378.7097, 5e-5, 'exact (derived)');
  close(t, degreeDays('2023-03-15', '2023-12-31'), 621.2903, 5e-5, 'exact (derived)');
  close(t, degreeDays('2023-01-01', '2023-03-14', DEGREE_DAY_TABLES.ista), 378.66, 1e-9, 'with 4.19 (derived)');
  close(t, degreeDays('2023-01-01', '2023-03-14', DEGREE_DAY_TABLES.regiomess), 378.716, 1e-9, 'with 4.194 (derived)');
});

t.test('T5: move-in 16.10. → 321.29 ‰ [WWW-321]', async (t) => {
  t.equal(degreeDays('2023-10-16', '2023-12-31').toFixed(2), '321.29');
});

t.test('summer conventions give different shares inside June–August (§ 3.3 conflict 2)', async (t) => {
  // 1–15 July: block 15 × 40/92 = 6.5217; 14/13/13: 15 × 13/31 = 6.2903 (both derived by hand).
  close(t, degreeDays('2023-07-01', '2023-07-15'), 6.52174, 1e-5, 'block92');
  close(t, degreeDays('2023-07-01', '2023-07-15', DEGREE_DAY_TABLES.exactSummer141313), 6.29032, 1e-5, '14/13/13');
  t.equal(degreeDays('2023-06-01', '2023-06-30', DEGREE_DAY_TABLES.casameta), 14, 'full June under 14/13/13');
});

t.test('degree-day share of a period spanning a year end', async (t) => {
  // Heating year 01.07.2022–30.06.2023 is 1000 ‰ as well; its first half to 31.12. holds 30+80+120+160 + 2 summer months.
  close(t, degreeDays('2022-07-01', '2023-06-30'), 1000, 1e-9, 'heating year');
  close(t, degreeDayShare({ first: '2023-01-01', last: '2023-03-14' }, { first: '2023-01-01', last: '2023-12-31' }), 0.3787097, 1e-6, 'T2 share');
  t.equal(degreeDays('2023-03-15', '2023-03-14'), 0, 'empty interval');
  t.throws(() => degreeDays('2023-03-15', '2023-03-10'), { code: 'INTERVAL_REVERSED' });
});
