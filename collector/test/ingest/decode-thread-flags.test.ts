/**
 * A collector started with V8 flags (`node --max-semi-space-size=32 …`, as a unit's NODE_OPTIONS or an
 * operator may set them) still gets its decode thread: a worker refuses V8 flags passed as its execArgv,
 * so it must inherit them instead.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./decode-thread-flags-child.ts', import.meta.url));

for (const flag of ['--max-semi-space-size=32', '--stack-size=2000']) {
  t.test(`node ${flag}: the batch is decoded in the thread and stored`, (t) => {
    const run = spawnSync(process.execPath, [flag, '--import=tsx', '--conditions=wmbus-source', child], { encoding: 'utf8', timeout: 60_000 });
    t.equal(run.status, 0, `the process exits cleanly (stderr: ${run.stderr.slice(0, 400)})`);
    const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { counters?: Record<string, number>; result?: Record<string, unknown> };
    t.match(out.counters, { preparedInThread: 1, preparedHere: 0, commits: 1 }, 'prepared in the decode thread, not on the main thread');
    t.match(out.result, { stored: 1, readingsCreated: 1 });
    t.end();
  });
}
