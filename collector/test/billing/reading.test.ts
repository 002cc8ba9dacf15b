// Reading kinds and their ARGE table-S flags (billing-domain.md § 7.1 [SEED-EDDI], § 7.2 [ARGENET]).
import t from 'tap';
import { READING_KINDS, argeReadingFlag, isEstimate, splitBasisFor } from '../../src/billing/reading.js';

t.test('kinds and ARGE table-S mapping', async (t) => {
  t.same([...READING_KINDS], ['A', 'ZA', 'B', 'H1', 'H2', 'H3', 'H4', 'H5', 'D6', 'D7']);
  t.equal(argeReadingFlag('A'), '11', 'Hauptablesung');
  t.equal(argeReadingFlag('ZA'), '12', 'Zwischenablesung');
  t.equal(argeReadingFlag('B', 'days'), '13', 'split by days');
  t.equal(argeReadingFlag('B', 'degreeDays'), '14', 'split by degree days');
  t.equal(argeReadingFlag('H1'), '02', 'estimate by previous year');
  t.equal(argeReadingFlag('H3'), '07', 'comparable periods');
  t.equal(argeReadingFlag('D6'), '08', 'average consumption');
  t.equal(argeReadingFlag('D7'), '15', 'comparable rooms');
  t.notOk(isEstimate('ZA'));
  t.ok(isEstimate('B'));
  t.equal(splitBasisFor('hca'), 'degreeDays');
  t.equal(splitBasisFor('heat'), 'degreeDays');
  t.equal(splitBasisFor('coldWater'), 'days');
  t.equal(splitBasisFor('warmWater'), 'days');
});
