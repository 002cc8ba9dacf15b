/**
 * The agent killed with SIGKILL mid-stream (its own process, agent-runner.ts) and started again: every
 * telegram its outbox had committed reaches the collector exactly once — rows that were in flight are
 * resent after the restart and the collector drops the replays by (gateway, seq).
 */
import t from 'tap';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enroll } from '@wmbus/agent';
import { startCollector } from '@wmbus/collector';
import { agentYaml, collectorView, fixtureKeys, outboxRows, runChild, tempDir, waitFor, writeFile } from '../../../collector/test/e2e/site-helpers.js';

const RUNNER = fileURLToPath(new URL('./agent-runner.ts', import.meta.url));

t.test('agent SIGKILLed mid-stream and restarted: nothing committed is lost, nothing stored twice', async (t) => {
  const dir = tempDir(t, 'agent-crash');
  const collectorDir = join(dir, 'collector');
  const collector = await startCollector({ dataDir: collectorDir, http: { host: '127.0.0.1', port: 0 }, mqtts: { host: '127.0.0.1', port: 0 } });
  t.teardown(() => collector.close());
  for (const k of await fixtureKeys()) collector.ingestor.addMeterKey(k, k.key);
  const gatewayId = 'e2e-agent-crash';
  const agentDir = join(dir, 'agent');
  const e = await enroll({ collectorUrl: collector.httpUrl, token: collector.tokens.issue(gatewayId).token, gatewayId, dataDir: agentDir });
  const base = { gatewayId, dataDir: agentDir, url: collector.mqttsUrl.replace('localhost', '127.0.0.1'), tls: { key: e.keyFile, cert: e.certFile, ca: e.caFile } };

  // Batches wait up to 3 s for more rows (500 telegrams/s arrive, commits every second): rows committed since
  // the last batch are not yet sent for about two seconds out of three.
  const streaming = writeFile(dir, 'streaming.yaml', agentYaml({ ...base, rate: 500, batchRows: 1000, batchDelayMs: 3000 }));
  // Kill it while telegrams are arriving, being committed and in flight to the collector. Whether a committed
  // row is still unsent at the instant of the kill is a race with the uplink, so the kill is repeated (up to
  // eight times, each a real SIGKILL of a running agent) until one lands with rows in that state.
  let committed: ReturnType<typeof outboxRows> = [];
  let storedBefore = 0;
  let attempts = 0;
  do {
    attempts++;
    const child = runChild(t, RUNNER, [streaming]);
    await child.json('started');
    await waitFor(
      () => {
        const stored = collectorView(collectorDir, gatewayId).seqs.size;
        return stored >= 200 * attempts && outboxRows(agentDir).length > stored;
      },
      30_000,
      '200 telegrams at the collector and more committed but not there',
    );
    await child.kill('SIGKILL');
    committed = outboxRows(agentDir);
    storedBefore = collectorView(collectorDir, gatewayId).seqs.size;
  } while (committed.length <= storedBefore && attempts < 8);
  t.ok(committed.length > storedBefore, `killed with ${committed.length - storedBefore} of ${committed.length} committed telegrams not yet at the collector (kill ${attempts})`);

  // Restarted as a supervisor would: same config, the stick keeps streaming.
  const second = runChild(t, RUNNER, [streaming]);
  await second.json('started');
  const stored = (seq: number) => collectorView(collectorDir, gatewayId).seqs.has(seq);
  await waitFor(() => committed.every((r) => stored(r.seq)), 20_000, 'every telegram committed before the kill at the collector');
  await second.kill('SIGTERM');
  const after = outboxRows(agentDir);
  const view = collectorView(collectorDir, gatewayId);
  const inOutbox = new Set(after.map((r) => r.seq));
  t.ok(after.length > committed.length, `the restarted agent went on: ${after.length - committed.length} more telegrams`);
  t.ok([...view.seqs.keys()].every((seq) => inOutbox.has(seq)), 'the collector holds only telegrams the outbox committed');
  t.ok(after.filter((r) => r.sent).every((r) => view.seqs.has(r.seq)), 'every telegram the agent saw acknowledged is stored');
  t.ok([...view.seqs.values()].every((n) => n === 1), 'each once, replays after the restart included');
  t.equal(view.duplicateReadings, 0, 'no transmission became two readings');
  t.equal(view.orphans, 0, 'every decoded telegram belongs to a reading');
});
