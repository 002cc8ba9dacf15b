/**
 * The command the gateway runs is the bundle (bin/wmbus-agent.cjs → dist/bundle/wmbus-agent.cjs, built by
 * `npm ci` / `npm run build`), not the sources the other tests import. These tests run that file as an
 * installer would: keys provisioned with the CLI, `run` with an emulated iM871A until its telegrams are in the
 * outbox decoded, SIGTERM for a clean stop; and `enroll`, whose node-forge stays outside the bundle.
 */
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const launcher = fileURLToPath(new URL('../../bin/wmbus-agent.cjs', import.meta.url));
const bundle = fileURLToPath(new URL('../../dist/bundle/wmbus-agent.cjs', import.meta.url));
// A clean environment: NODE_OPTIONS of the test runner (tsx's loader) must not reach the bundle.
const env = { PATH: process.env.PATH ?? '' };
const cli = (args: string[]) => spawnSync(process.execPath, [launcher, ...args], { env, encoding: 'utf8', timeout: 30_000 });

t.ok(existsSync(bundle), 'the service bundle is built (npm ci / npm run build)');

t.test('keys add, then run: emulated stick telegrams reach the outbox decoded; SIGTERM stops cleanly', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-agent-bundle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const fixtures = join(dir, 'fixtures');
  mkdirSync(fixtures);
  // Techem FHKV data IV (AES mode 5) and Sensus iPERL (plain), as in run-emulated.test.ts.
  writeFileSync(
    join(fixtures, 'fhkv.json'),
    JSON.stringify({ hex: '4E4468507620541494087AAD004005089D86B62A329B3439873999738F82461ABDE3C7AC78692B363F3B41EB68607F9C9160F550769B065B6EA00A2E44346E29FF5DC5CB86283C69324AD33D137F6F' }),
  );
  writeFileSync(join(fixtures, 'iperl.json'), JSON.stringify({ hex: '1844AE4C4455223368077A55000000041389E20100023B0000' }));
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
    emulate: { fixtures: ${fixtures}, telegramsPerSecond: 50, loop: false }
outbox: { commitIntervalMs: 50 }
`,
  );
  const child = spawn(process.execPath, [launcher, 'run', '--config', configFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.teardown(() => child.kill('SIGKILL'));

  const outboxFile = join(dataDir, 'outbox.db');
  let rows: { meter_id: string; decode_status: string }[] = [];
  const deadline = Date.now() + 20_000;
  while (rows.length < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(outboxFile)) continue;
    const db = new Database(outboxFile, { readonly: true, fileMustExist: true });
    try {
      rows = db.prepare('SELECT meter_id, decode_status FROM outbox ORDER BY seq').all() as typeof rows;
    } catch {
      rows = []; // the agent may still be creating the schema
    } finally {
      db.close();
    }
  }
  t.match(stdout, /stick ready: iM871A/, 'the emulated stick was initialised');
  t.same(
    rows.map((r) => [r.meter_id, r.decode_status]).sort(),
    [
      ['14542076', 'ok'],
      ['33225544', 'ok'],
    ],
    `both telegrams in the outbox, decoded (stderr: ${stderr})`,
  );
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'SIGTERM: outbox flushed, exit 0');
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
