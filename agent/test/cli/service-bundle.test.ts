/**
 * The command the gateway runs is the bundle (bin/wmbus-agent.cjs → dist/bundle/wmbus-agent.cjs, built by
 * `npm ci` / `npm run build`), not the sources the other tests import, and the unit runs it with a small V8
 * heap (systemd/wmbus-agent.service). These tests run that file as an installer and the unit would: keys
 * provisioned with the CLI, `run` under the unit's environment with an emulated iM871A and an uplink to the
 * local Mosquitto, SIGTERM for a clean stop; the bundled bench:agent filling the in-memory backlog under the
 * same limit; and `enroll`, whose node-forge stays outside the bundle.
 */
import t, { type Test } from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Outbox } from '../../src/store/index.js';
import { agentUnitEnvironment } from '../../src/tools/service-environment.js';

const launcher = fileURLToPath(new URL('../../bin/wmbus-agent.cjs', import.meta.url));
const bundle = fileURLToPath(new URL('../../dist/bundle/wmbus-agent.cjs', import.meta.url));
const benchBundle = fileURLToPath(new URL('../../dist/bundle/bench-agent.cjs', import.meta.url));
/**
 * `env VAR=… node ARGS`: tap adds its process-tracking loader to the NODE_OPTIONS of every child it sees
 * spawned (and that loader turns source maps on), so the variables are set by `env` after that; the child
 * then runs as the service or an installer's shell would run it.
 */
const node = (args: string[], vars: Record<string, string> = {}): [string, string[]] => [
  'env',
  [`PATH=${process.env.PATH ?? ''}`, 'NODE_OPTIONS=', ...Object.entries(vars).map(([k, v]) => `${k}=${v}`), process.execPath, ...args],
];
// What systemd gives the service: --jitless, the 16 MB old generation, the malloc tuning.
const unitEnv = agentUnitEnvironment();
/** Sensus iPERL water meter, plaintext (as in run-emulated.test.ts). */
const IPERL_HEX = '1844AE4C4455223368077A55000000041389E20100023B0000';
const cli = (args: string[]) => spawnSync(...node([launcher, ...args]), { encoding: 'utf8', timeout: 30_000 });

/**
 * `wmbus-agent run` as the unit runs it, plus --trace-gc (to stdout): the live heap after each full GC can be
 * checked against the unit's 16 MB old generation. Killed when the test ends.
 */
function runService(t: Test, configFile: string): { child: ChildProcess; exited: Promise<number | null>; readonly stdout: string; readonly stderr: string } {
  const child = spawn(...node(['--trace-gc', launcher, 'run', '--config', configFile], unitEnv), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.teardown(() => child.kill('SIGKILL'));
  return {
    child,
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

/** "Mark-Compact 10.2 (11.0) -> 8.3 (10.5) MB" lines of --trace-gc: the heap after each, in MB. */
const liveHeapAfterFullGcs = (traceGc: string): number[] => [...traceGc.matchAll(/Mark-Compact[^\n]*?-> ([\d.]+) \(/g)].map((m) => Number(m[1]));

t.ok(existsSync(bundle), 'the service bundle is built (npm ci / npm run build)');

t.test('keys add, then run under the unit environment: stick telegrams reach the outbox decoded and the broker; SIGTERM stops cleanly', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-agent-bundle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const fixtures = join(dir, 'fixtures');
  mkdirSync(fixtures);
  // Techem FHKV data IV (AES mode 5) and Sensus iPERL (plain), as in run-emulated.test.ts.
  writeFileSync(
    join(fixtures, 'fhkv.json'),
    JSON.stringify({ hex: '4E4468507620541494087AAD004005089D86B62A329B3439873999738F82461ABDE3C7AC78692B363F3B41EB68607F9C9160F550769B065B6EA00A2E44346E29FF5DC5CB86283C69324AD33D137F6F' }),
  );
  writeFileSync(join(fixtures, 'iperl.json'), JSON.stringify({ hex: IPERL_HEX }));
  const dataDir = join(dir, 'data');
  const added = cli(['keys', 'add', '14542076', 'FCF41938F63432975B52505F547FCEDF', '--data-dir', dataDir]);
  t.equal(added.status, 0, `keys add: ${added.stderr}`);

  const configFile = join(dir, 'config.yaml');
  writeFileSync(
    configFile,
    `version: 1
gatewayId: bundle-gw
dataDir: ${dataDir}
sticks:
  - id: emu
    kind: im871a
    emulate: { fixtures: ${fixtures}, telegramsPerSecond: 2000, loop: true }
pipeline: { dedupeWindowSeconds: 0 }
outbox: { commitIntervalMs: 50 }
uplink: { url: 'mqtt://127.0.0.1:1883', batchRows: 500, batchDelayMs: 100, window: 4 }
`,
  );
  const service = runService(t, configFile);
  const { child, exited } = service;

  const outboxFile = join(dataDir, 'outbox.db');
  const count = (sql: string): number => {
    if (!existsSync(outboxFile)) return 0;
    const db = new Database(outboxFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).pluck().get() as number) ?? 0;
    } catch {
      return 0; // the agent may still be creating the schema
    } finally {
      db.close();
    }
  };
  // Replaying the two telegrams in a loop, with batches of 500 going to the broker: the stick,
  // pipeline, outbox and an uplink window of batches all live at once in the unit's heap limit.
  let stored = 0;
  let acked = 0;
  const deadline = Date.now() + 30_000;
  while ((stored < 1500 || acked < 1000) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 200));
    stored = count('SELECT count(*) FROM outbox');
    acked = count('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL');
  }
  t.equal(child.exitCode, null, `the agent is running (stderr: ${service.stderr.slice(0, 500)})`);
  t.match(service.stdout, /stick ready: iM871A/, 'the emulated stick was initialised');
  t.match(service.stdout, /uplink connected to mqtt:\/\/127\.0\.0\.1:1883/);
  t.ok(stored >= 1500, `telegrams stored (${stored})`);
  t.ok(acked >= 1000, `telegrams acknowledged by the broker (${acked})`);
  t.same(
    count("SELECT count(*) FROM outbox WHERE decode_status <> 'ok'"),
    0,
    'all decoded (the key provisioned with the CLI was used)',
  );
  t.same(count("SELECT count(DISTINCT meter_id) FROM outbox WHERE meter_id IN ('14542076', '33225544')"), 2, 'both meters');
  // With mqtt-packet's number cache (6.3 MB) the service ran at 14.1-14.9 MB after every full GC, a full GC
  // every ~20 ms, and once died of out-of-memory in CI; 4 MB of headroom keeps a burst from doing that.
  const liveAfterFullGc = liveHeapAfterFullGcs(service.stdout);
  t.ok(liveAfterFullGc.length > 0, 'V8 traced its full GCs');
  const peak = Math.max(...liveAfterFullGc);
  t.ok(peak < 12, `live heap after full GCs < 12 MB: at most ${peak} MB in ${liveAfterFullGc.length} full GCs`);
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'SIGTERM: outbox flushed, exit 0');
});

t.test('a backlog of 100,000 telegrams drains to the broker under the unit environment', async (t) => {
  // After an outage the uplink claims batch after batch and the local broker acks them within
  // milliseconds: before acks were committed at a bound (Outbox maxPendingUpdates) the acks of ~70,000 rows
  // waited for one commit interval and the service died of out-of-memory within 2 s, over and over.
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-agent-backlog-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'data');
  const fixtures = join(dir, 'fixtures');
  mkdirSync(fixtures);
  writeFileSync(join(fixtures, 'iperl.json'), JSON.stringify({ hex: IPERL_HEX }));
  const backlog = 100_000;
  const outbox = Outbox.open({ path: join(dataDir, 'outbox.db'), gatewayId: 'backlog-gw', maxBytes: null, maxAgeMs: null, maxSentAgeMs: null });
  const raw = Buffer.from(IPERL_HEX, 'hex');
  const start = Date.now() - backlog * 1000;
  for (let i = 0; i < backlog; i++) outbox.enqueue({ raw, receivedAt: start + i * 1000, rssiDbm: -70, linkMode: 'T1', stickId: 'emu', decodeStatus: 'KEY_MISSING' });
  outbox.close();
  const configFile = join(dir, 'config.yaml');
  writeFileSync(
    configFile,
    `version: 1
gatewayId: backlog-gw
dataDir: ${dataDir}
sticks:
  - id: emu
    kind: im871a
    emulate: { fixtures: ${fixtures}, telegramsPerSecond: 5, loop: true }
uplink: { url: 'mqtt://127.0.0.1:1883' }
`,
  );
  const service = runService(t, configFile);
  const { child, exited } = service;
  const unsent = (): number => {
    const db = new Database(join(dataDir, 'outbox.db'), { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL AND seq <= ?').pluck().get(backlog) as number;
    } finally {
      db.close();
    }
  };
  const deadline = Date.now() + 60_000;
  let left = backlog;
  while (left > 0 && Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    await new Promise((r) => setTimeout(r, 250));
    left = unsent();
  }
  t.equal(child.signalCode, null, `the service did not die (stderr: ${service.stderr.slice(-600)})`);
  t.equal(left, 0, 'every backlog telegram acknowledged by the broker and marked sent');
  const liveAfterFullGc = liveHeapAfterFullGcs(service.stdout);
  const peak = Math.max(...liveAfterFullGc);
  t.ok(peak < 12, `live heap after full GCs < 12 MB while draining: at most ${peak} MB in ${liveAfterFullGc.length} full GCs`);
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'SIGTERM: exit 0');
});

t.test('bench:agent under the unit environment: a full in-memory backlog while the disk refuses writes, nothing lost', (t) => {
  // The bench reads the unit's Environment= itself; its backlog phase fills outbox.maxBacklogRows (10,000)
  // and then lets the disk take writes again. Too small a heap limit would end it with a V8 out-of-memory.
  const r = spawnSync(...node([benchBundle, '--seconds', '1']), { encoding: 'utf8', timeout: 120_000 });
  t.equal(r.status, 0, r.stderr.slice(-2000));
  t.match(r.stdout, /backlog disk_refusing: 10000 telegrams held in memory when the outbox refused more, .* lost=0/);
  t.match(r.stdout, /uplink drained (\d+) of \1 telegrams to mqtt:\/\/127\.0\.0\.1:1883/, 'then the whole outbox went to the local broker');
  t.match(r.stdout, /service_env NODE_OPTIONS="--jitless --max-semi-space-size=1 --max-old-space-size=16"/);
  t.end();
});

t.test('enroll loads node-forge from node_modules and reports an unreachable collector as an error', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-agent-bundle-enroll-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Port 9 on loopback (discard): nothing listens there, so the request fails after the CSR is built.
  const r = cli(['enroll', '--collector', 'http://127.0.0.1:9', '--token', 'x', '--gateway-id', 'gw-1', '--data-dir', dir]);
  t.equal(r.status, 1);
  t.match(r.stderr, /cannot reach http:\/\/127\.0\.0\.1:9/, 'the CSR was built (node-forge loaded), then the HTTP request failed');
  t.notMatch(r.stderr, /Cannot find module|ERR_MODULE_NOT_FOUND/);
});
