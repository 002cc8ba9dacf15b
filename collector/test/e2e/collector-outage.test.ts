/**
 * The collector going away under a streaming agent: (b) killed with SIGKILL (its own process,
 * collector-runner.ts) and started again — every batch the agent saw acknowledged is already in the
 * database, the rest is resent after the reconnect; (c) stopped for a while — the outbox buffers and
 * drains once the collector is back. Neither loses a committed telegram or stores one twice.
 */
import t from 'tap';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enroll, parseConfig, startAgent, type RunningAgent } from '@wmbus/agent';
import { startCollector } from '../../src/index.js';
import { agentYaml, collectorView, fixtureKeys, freePort, outboxRows, runChild, sleep, tempDir, waitFor } from './site-helpers.js';

const RUNNER = fileURLToPath(new URL('./collector-runner.ts', import.meta.url));

/** Stops the stick, lets the outbox drain, stops the agent; asserts the end state against the outbox. */
async function drainAndCheck(t: Tap.Test, agent: RunningAgent, agentDir: string, collectorDir: string, gatewayId: string): Promise<void> {
  for (const stick of agent.sticks) await stick.stop();
  await waitFor(() => agent.outbox.pendingCount() === 0 && agent.outbox.stats().buffered === 0, 30_000, 'the outbox to drain');
  await agent.stop();
  const rows = outboxRows(agentDir);
  const view = collectorView(collectorDir, gatewayId);
  t.ok(rows.every((r) => r.sent), `all ${rows.length} committed telegrams acknowledged in the end`);
  t.same([...view.seqs.keys()].sort((a, b) => a - b), rows.map((r) => r.seq), 'exactly the committed telegrams are stored');
  t.ok([...view.seqs.values()].every((n) => n === 1), 'each once');
  t.equal(view.duplicateReadings, 0, 'no transmission became two readings');
  t.equal(view.orphans, 0, 'every decoded telegram belongs to a reading');
}

t.test('(b) collector SIGKILLed and restarted: acknowledged batches are stored, the rest is resent', async (t) => {
  const dir = tempDir(t, 'collector-crash');
  const collectorDir = join(dir, 'collector');
  const ports = [String(await freePort()), String(await freePort())];
  const gatewayId = 'e2e-collector-crash';
  const first = runChild(t, RUNNER, [collectorDir, ...ports, gatewayId]);
  const info = await first.json<{ httpUrl: string; mqttsUrl: string; tokens: Record<string, string> }>('httpUrl');
  const agentDir = join(dir, 'agent');
  const e = await enroll({ collectorUrl: info.httpUrl, token: info.tokens[gatewayId]!, gatewayId, dataDir: agentDir });
  const tls = { key: e.keyFile, cert: e.certFile, ca: e.caFile };
  const agent = await startAgent(parseConfig(agentYaml({ gatewayId, dataDir: agentDir, url: info.mqttsUrl, tls, rate: 500, batchRows: 20 })), { fixturesRoot: '/' });
  let stopped = false;
  t.teardown(() => (stopped ? undefined : agent.stop()));

  await waitFor(() => collectorView(collectorDir, gatewayId).seqs.size >= 200, 20_000, '200 telegrams at the collector');
  await first.kill('SIGKILL');
  const acknowledged = outboxRows(agentDir).filter((r) => r.sent);
  const afterCrash = collectorView(collectorDir, gatewayId);
  // The agent records acknowledgements with its next group commit (up to a second later), so its file may show
  // fewer than the collector already holds; what matters is that some were acknowledged and all of them stored.
  t.ok(acknowledged.length > 0, `${acknowledged.length} telegrams acknowledged before the kill`);
  t.ok(acknowledged.every((r) => afterCrash.seqs.has(r.seq)), 'every acknowledged telegram survived the SIGKILL in the database');

  await sleep(500); // the agent keeps receiving and buffering meanwhile
  const second = runChild(t, RUNNER, [collectorDir, ...ports]);
  await second.json('httpUrl');
  await waitFor(() => agent.uplink?.connected, 20_000, 'the agent to reconnect');
  t.ok(agent.uplink!.counters.reconnects >= 1, 'the agent reconnected');
  await drainAndCheck(t, agent, agentDir, collectorDir, gatewayId);
  stopped = true;
  await second.kill('SIGTERM');
});

t.test('(c) collector stopped for a while: the outbox buffers and drains after it is back', async (t) => {
  const dir = tempDir(t, 'collector-down');
  const collectorDir = join(dir, 'collector');
  const mqttsPort = await freePort();
  const options = { dataDir: collectorDir, http: { host: '127.0.0.1', port: 0 }, mqtts: { host: '127.0.0.1', port: mqttsPort } };
  let collector = await startCollector(options);
  for (const k of await fixtureKeys()) collector.ingestor.addMeterKey(k, k.key);
  const gatewayId = 'e2e-collector-down';
  const agentDir = join(dir, 'agent');
  const e = await enroll({ collectorUrl: collector.httpUrl, token: collector.tokens.issue(gatewayId).token, gatewayId, dataDir: agentDir });
  const url = collector.mqttsUrl.replace('localhost', '127.0.0.1');
  const agent = await startAgent(parseConfig(agentYaml({ gatewayId, dataDir: agentDir, url, tls: { key: e.keyFile, cert: e.certFile, ca: e.caFile }, rate: 400 })), { fixturesRoot: '/' });
  let stopped = false;
  t.teardown(async () => {
    if (!stopped) await agent.stop();
    await collector.close();
  });
  await waitFor(() => collectorView(collectorDir, gatewayId).seqs.size >= 100, 20_000, '100 telegrams at the collector');

  await collector.close();
  const pendingAtStop = agent.outbox.pendingCount();
  await waitFor(() => agent.outbox.pendingCount() >= pendingAtStop + 400, 20_000, '400 more telegrams buffered while the collector is down');
  t.notOk(agent.uplink!.connected, 'the agent is offline');
  const storedWhileDown = collectorView(collectorDir, gatewayId).seqs.size;

  collector = await startCollector(options);
  await waitFor(() => collectorView(collectorDir, gatewayId).seqs.size > storedWhileDown + 400, 20_000, 'the backlog to arrive');
  await drainAndCheck(t, agent, agentDir, collectorDir, gatewayId);
  stopped = true;
});
