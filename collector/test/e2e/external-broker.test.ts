/**
 * External broker mode against the machine's Mosquitto 2 on 127.0.0.1:1883 (standing in for an EMQX
 * cluster): shared subscription, persistent session, PUBACK only after the commit.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { buildTopic, encodePayload } from '@wmbus/protocol';
import { loadFixtureTelegrams, parseConfig, startAgent } from '@wmbus/agent';
import { startCollector } from '../../src/index.js';
import { ExternalBrokerIngest, type ExternalGatewayMessage } from '../../src/external-broker/index.js';
import { agentYaml, collectorView, FIXTURES, fixtureKeys, outboxRows, tempDir, waitFor } from './site-helpers.js';

const URL = 'mqtt://127.0.0.1:1883';
const unavailable = await new Promise<string | undefined>((resolve) => {
  const s = createConnection({ host: '127.0.0.1', port: 1883 });
  s.once('connect', () => s.end(() => resolve(undefined)));
  s.once('error', (e) => resolve(e.message));
});
const skip = unavailable ? `nothing listens on 127.0.0.1:1883 (${unavailable}); start mosquitto to run this test` : false;
/** Unique per run: Mosquitto keeps sessions and retained messages across test runs. */
const run = randomBytes(4).toString('hex');

/** Removes the retained status a test gateway left on the shared broker. */
async function clearRetained(gatewayId: string): Promise<void> {
  const c = await connectAsync(URL, { reconnectPeriod: 0 });
  await c.publishAsync(buildTopic('status', gatewayId), Buffer.alloc(0), { qos: 1, retain: true });
  await c.endAsync();
}

t.test('agent → Mosquitto → two collector instances on one shared subscription: all stored once, load split', { skip }, async (t) => {
  const dir = tempDir(t, 'external');
  const dataDir = join(dir, 'collector');
  const group = `e2e-${run}`;
  const external = (name: string) => ({ url: URL, group, clientId: `e2e-${run}-${name}`, sessionExpirySeconds: 30 });
  // Both instances on one database file: cross-gateway dedupe needs one store (see the module comment).
  const a = await startCollector({ dataDir, http: { host: '127.0.0.1', port: 0 }, externalBroker: external('a') });
  for (const k of await fixtureKeys()) a.ingestor.addMeterKey(k, k.key);
  const b = await startCollector({ dataDir, http: { host: '127.0.0.1', port: 0 }, externalBroker: external('b') });
  t.teardown(async () => {
    await a.externalBroker!.close({ endSession: true });
    await b.externalBroker!.close({ endSession: true });
    await a.close();
    await b.close();
  });
  const batches = { a: 0, b: 0 };
  a.externalBroker!.on('stored', (m: ExternalGatewayMessage) => m.kind === 'up' && batches.a++);
  b.externalBroker!.on('stored', (m: ExternalGatewayMessage) => m.kind === 'up' && batches.b++);

  const gatewayId = `e2e-ext-${run}`;
  const agentDir = join(dir, 'agent');
  const agent = await startAgent(parseConfig(agentYaml({ gatewayId, dataDir: agentDir, url: URL, rate: 500, batchRows: 20 })), { fixturesRoot: '/' });
  t.teardown(() => clearRetained(gatewayId));
  await waitFor(() => agent.pipeline.counters.received >= 600, 20_000, '600 telegrams from the stick');
  for (const stick of agent.sticks) await stick.stop();
  await waitFor(() => agent.outbox.pendingCount() === 0 && agent.outbox.stats().buffered === 0, 20_000, 'the outbox to drain through Mosquitto');
  const rows = outboxRows(agentDir);
  // The gateway's PUBACK came from Mosquitto; the collectors may still be committing the last batches.
  await waitFor(() => collectorView(dataDir, gatewayId).seqs.size >= rows.length, 20_000, 'every batch at a collector');
  await agent.stop();
  const view = collectorView(dataDir, gatewayId);
  t.same([...view.seqs.keys()].sort((x, y) => x - y), rows.map((r) => r.seq), `all ${rows.length} committed telegrams stored`);
  t.ok([...view.seqs.values()].every((n) => n === 1), 'each once');
  t.equal(view.duplicateReadings, 0, 'no transmission became two readings');
  t.equal(view.orphans, 0, 'every decoded telegram belongs to a reading');
  t.ok(view.readings > 50, `${view.readings} readings`);
  t.ok(batches.a > 0 && batches.b > 0, `both instances stored batches (a ${batches.a}, b ${batches.b})`);
});

t.test('a batch delivered to an instance that dies before its commit is delivered again', { skip }, async (t) => {
  const dir = tempDir(t, 'external-redeliver');
  const group = `e2e-redeliver-${run}`;
  const clientId = `e2e-${run}-redeliver`;
  const gatewayId = `e2e-ext-redeliver-${run}`;
  // First life: the handler takes the batch and never finishes storing it (the process "crashes" before the commit).
  const received: ExternalGatewayMessage[] = [];
  const doomed = await ExternalBrokerIngest.start({ url: URL, group, clientId, sessionExpirySeconds: 30 }, (m) => {
    received.push(m);
    return new Promise<void>(() => {});
  });
  const gateway = await connectAsync(URL, { clientId: gatewayId, reconnectPeriod: 0 });
  t.teardown(() => gateway.endAsync());
  const hex = loadFixtureTelegrams(FIXTURES)[0]!.hex;
  const batch = encodePayload('up', { v: 1, sentAt: Date.now(), telegrams: [{ seq: 7, raw: Buffer.from(hex, 'hex'), receivedAt: Date.now(), stickId: 'e2e' }] } as never);
  await gateway.publishAsync(buildTopic('up', gatewayId), Buffer.from(batch), { qos: 1 }); // Mosquitto's PUBACK: it has the batch
  await waitFor(() => received.length === 1, 10_000, 'the batch at the first instance');
  doomed.destroyConnection();
  await doomed.close().catch(() => undefined);
  t.equal(doomed.counters.acknowledged, 0, 'the first instance never acknowledged it');

  // Second life: same client id, so the same persistent session; the broker resends what was not acknowledged.
  const collector = await startCollector({ dataDir: join(dir, 'collector'), http: { host: '127.0.0.1', port: 0 }, externalBroker: { url: URL, group, clientId, sessionExpirySeconds: 30 } });
  t.teardown(async () => {
    await collector.externalBroker!.close({ endSession: true });
    await collector.close();
  });
  await waitFor(() => collectorView(join(dir, 'collector'), gatewayId).seqs.get(7) === 1, 10_000, 'the batch stored by the second instance');
  t.ok(collector.externalBroker!.counters.redeliveries >= 1, 'delivered again, marked as a resend (DUP)');
});
