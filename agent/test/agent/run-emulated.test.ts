/**
 * The agent as `wmbus-agent run` composes it, with an emulated iM871A (the real HCI framing and init sequence
 * over serialport's mock binding) replaying real corpus telegrams: they arrive in the outbox decoded with the
 * provisioned keys, raw bytes kept, and the scan table knows the meters.
 */
import t from 'tap';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'cbor-x';
import { parseConfig } from '../../src/config/load.js';
import { startAgent } from '../../src/agent.js';
import { KeyStore } from '../../src/keys/key-store.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

t.test('emulated stick → pipeline → outbox, with a key provisioned before the start', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-agent-run-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Two meters of the bench mix: Techem FHKV data IV (AES mode 5) and Sensus iPERL (plain).
  const fixtures = join(dir, 'fixtures');
  mkdirSync(fixtures);
  writeFileSync(
    join(fixtures, 'fhkv.json'),
    JSON.stringify({ hex: '4E4468507620541494087AAD004005089D86B62A329B3439873999738F82461ABDE3C7AC78692B363F3B41EB68607F9C9160F550769B065B6EA00A2E44346E29FF5DC5CB86283C69324AD33D137F6F', key: 'FCF41938F63432975B52505F547FCEDF' }),
  );
  writeFileSync(join(fixtures, 'iperl.json'), JSON.stringify({ hex: '1844AE4C4455223368077A55000000041389E20100023B0000', key: null }));
  KeyStore.open(join(dir, 'data', 'keys.json')).add('14542076', 'FCF41938F63432975B52505F547FCEDF');

  const config = parseConfig(`version: 1
gatewayId: test-gw
dataDir: ${join(dir, 'data')}
sticks:
  - id: emu
    kind: im871a
    emulate: { fixtures: ${fixtures}, telegramsPerSecond: 50, loop: false }
pipeline: { dedupeWindowSeconds: 10 }
outbox: { commitIntervalMs: 50 }
`);
  const agent = await startAgent(config, { fixturesRoot: root });
  t.teardown(() => agent.stop());
  const deadline = Date.now() + 10_000;
  while (agent.pipeline.counters.stored < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  agent.outbox.flush();
  t.equal(agent.pipeline.counters.stored, 2, 'both telegrams stored');
  const rows = agent.outbox.claimBatch(10, 1 << 20);
  t.equal(rows.length, 2);
  for (const row of rows) {
    t.equal(row.decodeStatus, 'ok', `${row.manufacturer} ${row.meterId} decoded`);
    t.equal(row.stickId, 'emu');
    t.ok(row.rssiDbm !== null, 'RSSI from the stick');
  }
  const fhkv = rows.find((r) => r.meterId === '14542076')!;
  const view = decode(Buffer.from(fhkv.decoded!)) as { driver: string; reading: { dueDate?: { value: number; date: string } } };
  t.equal(view.driver, 'fhkvdataiv');
  // radio.md § 8.5: 25 HCA at the set date 2020-12-31.
  t.same(view.reading.dueDate, { value: 25, unit: 'HCA', date: '2020-12-31' });
  t.equal(agent.pipeline.heard.get('TCH:14542076')?.keyKnown, true);
  t.equal(agent.sticks[0]!.counters.checksumErrors, 0);
});
