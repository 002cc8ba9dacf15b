/**
 * The whole site on loopback: an emulated iM871A → agent pipeline → outbox → MQTT over TLS with the client
 * certificate from a real enrollment (token, key + CSR on the gateway, POST /api/v1/enroll) → embedded
 * broker → ingest → collector database → HTTP API. And once through the whole stack: a gateway with a valid
 * certificate cannot publish into another gateway's topic.
 */
import t from 'tap';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { encodePayload, buildTopic } from '@wmbus/protocol';
import { enroll, parseConfig, startAgent } from '@wmbus/agent';
import { startCollector } from '../../src/index.js';
import { agentYaml, collectorView, fixtureKeys, outboxRows, tempDir, waitFor } from './site-helpers.js';

async function site(t: Tap.Test) {
  const dir = tempDir(t, 'site');
  const collector = await startCollector({ dataDir: join(dir, 'collector'), http: { host: '127.0.0.1', port: 0 }, mqtts: { host: '127.0.0.1', port: 0 } });
  t.teardown(() => collector.close());
  for (const k of await fixtureKeys()) collector.ingestor.addMeterKey(k, k.key);
  const admin = collector.apiKeys.create('admin', 'e2e').key;
  const billing = collector.apiKeys.create('billing', 'e2e').key;
  const enrollGateway = async (gatewayId: string) => {
    // The installer's path: an admin asks for a one-time token over HTTP, the gateway enrolls with it.
    const res = await fetch(`${collector.httpUrl}/api/v1/gateways/${gatewayId}/enrollment-token`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    t.equal(res.status, 200, `enrollment token for ${gatewayId}`);
    const { token } = (await res.json()) as { token: string };
    const agentDir = join(dir, gatewayId);
    const result = await enroll({ collectorUrl: collector.httpUrl, token, gatewayId, dataDir: agentDir });
    return { agentDir, tls: { key: result.keyFile, cert: result.certFile, ca: result.caFile } };
  };
  return { dir, collectorDir: join(dir, 'collector'), collector, billing, enrollGateway, url: collector.mqttsUrl.replace('localhost', '127.0.0.1') };
}

t.test('emulated stick → agent → TLS broker → database → HTTP API', async (t) => {
  const { collector, collectorDir, billing, enrollGateway, url } = await site(t);
  const gatewayId = 'e2e-gw-1';
  const { agentDir, tls } = await enrollGateway(gatewayId);
  const agent = await startAgent(parseConfig(agentYaml({ gatewayId, dataDir: agentDir, url, tls, rate: 400 })), { fixturesRoot: '/' });
  let stopped = false;
  t.teardown(() => (stopped ? undefined : agent.stop()));
  await waitFor(() => agent.pipeline.counters.received >= 600, 15_000, '600 telegrams from the emulated stick');
  for (const stick of agent.sticks) await stick.stop();
  // Everything the outbox committed is acknowledged by the collector and stored once.
  await waitFor(() => agent.outbox.pendingCount() === 0 && agent.outbox.stats().buffered === 0, 15_000, 'the outbox to drain');
  await agent.stop();
  stopped = true;
  const rows = outboxRows(agentDir);
  t.ok(rows.length >= 600, `${rows.length} telegrams committed in the outbox`);
  t.ok(rows.every((r) => r.sent), 'every row acknowledged by the broker');
  const view = collectorView(collectorDir, gatewayId);
  t.same([...view.seqs.keys()].sort((a, b) => a - b), rows.map((r) => r.seq), 'every committed telegram is a raw telegram at the collector');
  t.ok([...view.seqs.values()].every((n) => n === 1), 'each exactly once');
  t.equal(view.duplicateReadings, 0, 'no transmission became two readings');
  t.equal(view.orphans, 0, 'every decoded telegram belongs to a reading');
  t.ok(view.readings > 50, `${view.readings} readings`);

  // The billing API serves them: the latest reading of every meter, and one meter's history.
  const auth = { authorization: `Bearer ${billing}` };
  const latest = (await (await fetch(`${collector.httpUrl}/api/v1/readings/latest`, { headers: auth })).json()) as { meter: { manufacturer: string; id: string } }[];
  t.equal(latest.length, collector.repo.latestReadings().length, 'latest readings: one per meter that has one');
  t.ok(latest.length > 10, `${latest.length} meters with readings over HTTP`);
  const gateways = (await (await fetch(`${collector.httpUrl}/api/v1/gateways`, { headers: auth })).json()) as { id: string }[];
  t.ok(gateways.some((g) => g.id === gatewayId), 'the gateway is known by its certificate identity');
  const m = latest[0]!.meter;
  const res = await fetch(`${collector.httpUrl}/api/v1/meters/${m.manufacturer}/${m.id}/readings`, { headers: auth });
  t.equal(res.status, 200, `readings of ${m.manufacturer} ${m.id}`);
  const page = (await res.json()) as { items?: unknown[] } | unknown[];
  t.ok((Array.isArray(page) ? page : page.items ?? []).length >= 1, 'its history holds at least one reading');
});

t.test('a gateway with a valid certificate cannot publish into another gateway\'s topic', async (t) => {
  const { collectorDir, collector, enrollGateway, url } = await site(t);
  await enrollGateway('e2e-victim');
  const intruder = await enrollGateway('e2e-intruder');
  const { readFileSync } = await import('node:fs');
  const client = await connectAsync(url, {
    clientId: 'e2e-intruder',
    key: readFileSync(intruder.tls.key),
    cert: readFileSync(intruder.tls.cert),
    ca: readFileSync(intruder.tls.ca),
    reconnectPeriod: 0,
  });
  t.teardown(() => client.endAsync(true));
  const batch = encodePayload('up', { v: 1, sentAt: Date.now(), telegrams: [{ seq: 1, raw: Buffer.from('2e44931578563412330333637a2a0020255923c95aaa26d1b2e7493b013ec4a6f6d3529b520edff0ea6defc99d6d69ebf3', 'hex'), receivedAt: Date.now(), stickId: 'x' }] } as never);
  const forged = client.publishAsync(buildTopic('up', 'e2e-victim'), Buffer.from(batch), { qos: 1 });
  await t.rejects(Promise.race([forged, new Promise((_, rej) => client.once('close', () => rej(new Error('connection closed without PUBACK'))))]), 'no PUBACK for the forged batch');
  t.equal(collectorView(collectorDir, 'e2e-victim').seqs.size, 0, 'nothing stored for the victim');
  t.equal(collectorView(collectorDir, 'e2e-intruder').seqs.size, 0, 'nor for the intruder');
  t.ok(collector.broker!.stats.publishesRefused >= 1, 'the broker counted the refusal');
});
