/** A short fuzz run in every test run (the full million is `npm run fuzz`): no uncoded exception. */
import t from 'tap';
import { runFuzz } from '../src/tools/fuzz-core.js';

t.test('50,000 mutated corpus telegrams raise only coded errors', async (t) => {
  const r = runFuzz(50_000, 20261122);
  t.equal(r.crashes, 0, r.examples.join('\n'));
  t.ok(r.codedErrors > 1000, 'the mutations do reach the error paths');
  t.ok(r.seeds >= 400, 'seeded from the real corpus fixtures');
});
