// Evaporative HCA interim readings: accepted only between 400 and 800 ‰ since the last main reading
// (billing-domain.md § 5.1, T1; [SEED-ISTA], [MAW]).
import t from 'tap';
import { DEGREE_DAY_TABLES } from '../../src/billing/degree-days.js';
import { evaporativeHcaTenantChange, evaporativeInterimWindow } from '../../src/billing/evaporative-hca.js';
import type { Reading } from '../../src/billing/reading.js';
import { near } from './near.js';

const reading = (date: string, value: number, kind: Reading['kind'] = 'A'): Reading => ({ meterId: 'v', kind, date, value, telegramIds: [] });

t.test('T1: 28.12. → 31.03. = 465.5 ‰, interim reading accepted [SEED-ISTA]', async (t) => {
  const check = evaporativeInterimWindow('2022-12-28', '2023-03-31', DEGREE_DAY_TABLES.ista);
  t.equal(check.permille.toFixed(1), '465.5');
  t.ok(check.accepted);
  const result = evaporativeHcaTenantChange({
    lastMain: reading('2022-12-28', 0),
    periodEnd: reading('2023-12-28', 60),
    moveOut: '2023-03-31',
    interim: reading('2023-03-31', 31, 'ZA'),
  });
  t.equal(result.reason, 'interim-in-window');
  t.equal(result.reading.kind, 'ZA');
  t.equal(result.reading.value, 31);
  near(t, result.permille, 465.4839, 5e-5, 'exact share');
});

t.test('T1 companion: main 31.12., move-out 31.01. → 170 ‰ < 400, split 170 : 830', async (t) => {
  const result = evaporativeHcaTenantChange({
    lastMain: reading('2022-12-31', 0),
    periodEnd: reading('2023-12-31', 50),
    moveOut: '2023-01-31',
    interim: reading('2023-01-31', 20, 'ZA'),
  });
  t.equal(result.permille, 170);
  t.notOk(result.accepted);
  t.equal(result.reason, 'interim-outside-window');
  t.equal(result.reading.kind, 'B');
  t.equal(result.reading.basis, 'degreeDays');
  near(t, result.reading.value, 8.5, 1e-9, '50 units × 170/1000 (hand-computed from the doc ratio)');
});

t.test('window boundaries are inclusive: 400 and 800 ‰ accepted', async (t) => {
  // Whole months from § 3.2: Jan–Oct = 170 + 150 + 130 + 80 + 40 + 40 + 30 + 80 = 720; + Nov 120 = 840.
  t.equal(evaporativeInterimWindow('2022-12-31', '2023-10-31').permille, 720);
  t.notOk(evaporativeInterimWindow('2022-12-31', '2023-11-30').accepted, '840 ‰ > 800');
  // Main reading 30.09.: Oct–Dec = 80 + 120 + 160 = 360 (rejected); to end of February + 170 + 150 = 680.
  t.notOk(evaporativeInterimWindow('2022-09-30', '2022-12-31').accepted, '360 ‰ < 400');
  t.ok(evaporativeInterimWindow('2022-09-30', '2023-02-28').accepted, '680 ‰');
  t.ok(evaporativeInterimWindow('2022-12-31', '2023-10-31', DEGREE_DAY_TABLES.exact, { min: 400, max: 720 }).accepted, 'upper bound inclusive');
  t.ok(evaporativeInterimWindow('2022-12-31', '2023-10-31', DEGREE_DAY_TABLES.exact, { min: 720, max: 800 }).accepted, 'lower bound inclusive');
});

t.test('without interim reading the split is by degree days; move-out after period end is an error', async (t) => {
  const result = evaporativeHcaTenantChange({ lastMain: reading('2022-12-31', 0), periodEnd: reading('2023-12-31', 50), moveOut: '2023-03-31' });
  t.equal(result.reason, 'no-interim-reading');
  near(t, result.reading.value, 22.5, 1e-9, '50 × 450/1000');
  t.throws(
    () => evaporativeHcaTenantChange({ lastMain: reading('2022-12-31', 0), periodEnd: reading('2023-12-31', 50), moveOut: '2024-01-31' }),
    { code: 'NO_ENCLOSING_READINGS' },
  );
});
