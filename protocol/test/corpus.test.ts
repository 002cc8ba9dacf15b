/**
 * The open corpus (414 real telegrams, shared/corpus) scored by its own scorer against our CLI's JSON-lines
 * mode. Fails below the bar of the protocol-core issue: parsed ≥ 95 %, value coverage ≥ 80 %, every keyed
 * case parsed. The CLI runs from source through tsx so the test needs no build.
 */
import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scorer = fileURLToPath(new URL('../../../shared/corpus/score.mjs', import.meta.url));
const cli = `node --import=tsx --conditions=wmbus-source ${fileURLToPath(new URL('../src/cli/wmbus.ts', import.meta.url))} decode --jsonl`;

t.test('corpus score meets the bar', { skip: existsSync(scorer) ? false : `scorer not found at ${scorer}` }, async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, [scorer, '--cmd', cli], { cwd: root, maxBuffer: 1 << 24 });
  const lines = stdout.trim().split('\n');
  const headline = lines.at(-1)!;
  t.comment(lines.join('\n'));
  const m = /value coverage ([\d.]+)% \((\d+)\/(\d+)\), parsed ([\d.]+)% \((\d+)\/(\d+)\)/.exec(headline);
  t.ok(m, `headline parsed: ${headline}`);
  const keyed = /keyed cases parsed: (\d+)\/(\d+)/.exec(stdout);
  t.ok(keyed, 'keyed line present');
  t.ok(Number(m![4]) >= 95, `parsed ${m![4]}% >= 95%`);
  t.ok(Number(m![1]) >= 80, `value coverage ${m![1]}% >= 80%`);
  t.equal(keyed![1], keyed![2], 'every keyed case parsed');
});
