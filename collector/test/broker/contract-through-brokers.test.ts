/**
 * Golden contract bytes through real brokers: every golden payload through the embedded broker, and a
 * batch plus a retained status through an independent broker, Mosquitto on 127.0.0.1:1883 (running on
 * the development machines; that test is skipped, with a message, only when nothing listens there).
 */
import t from 'tap';
import { connect as netConnect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { connectAsync } from 'mqtt';
import { readdirSync } from 'node:fs';
import { buildTopic, decodePayload, encodePayload, fromJsonForm, PUBLISH_OPTIONS, toJsonForm, type CommandPayload, type TopicKind } from '@wmbus/protocol';
import type { GatewayMessage } from '../../src/broker/index.js';
import { connectTls, golden, goldenJson, nextMessage, startBroker, within } from './helpers.js';

const fixtureNames = (kind: TopicKind) =>
  readdirSync(new URL(`../../../fixtures/mqtt/${kind}/`, import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

t.test('every golden payload passes the embedded broker byte-identical, both directions', async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  const received: GatewayMessage[] = [];
  broker.onPublish(async (m) => void received.push(m));
  const gw = await connectTls(addresses.tls!.port, 'gw-golden');
  t.teardown(() => gw.endAsync(true));
  let sent = 0;
  for (const kind of ['up', 'stats', 'status'] as const) {
    for (const name of fixtureNames(kind)) {
      await gw.publishAsync(buildTopic(kind, 'gw-golden'), golden(`${kind}/${name}.cbor.hex`), PUBLISH_OPTIONS[kind]);
      t.ok(received[sent++]!.payload.equals(golden(`${kind}/${name}.cbor.hex`)), `${kind}/${name} gateway → collector`);
    }
  }
  for (const name of fixtureNames('cmd-ack')) {
    const ack = goldenJson(`cmd-ack/${name}.json`) as { id: string };
    await gw.publishAsync(buildTopic('cmd-ack', 'gw-golden', ack.id), golden(`cmd-ack/${name}.cbor.hex`), PUBLISH_OPTIONS['cmd-ack']);
    const m = received[sent++]!;
    t.equal(m.commandId, ack.id);
    t.ok(m.payload.equals(golden(`cmd-ack/${name}.cbor.hex`)), `cmd-ack/${name} gateway → collector`);
  }
  await gw.subscribeAsync('wmbus/v1/gw/gw-golden/cmd/#', { qos: 1 });
  for (const name of fixtureNames('cmd')) {
    const command = fromJsonForm('cmd', goldenJson(`cmd/${name}.json`)) as CommandPayload;
    const arrival = nextMessage(gw);
    await broker.sendCommand('gw-golden', command);
    const { topic, payload } = await within(arrival, 5000, `command ${name}`);
    t.equal(topic, buildTopic('cmd', 'gw-golden', command.id));
    t.ok(payload.equals(golden(`cmd/${name}.cbor.hex`)), `cmd/${name} collector → gateway`);
  }
});

const HOST = '127.0.0.1';
const PORT = 1883;

/** Why the Mosquitto test cannot run, or undefined when something accepts connections on HOST:PORT. */
const unavailable = await new Promise<string | undefined>((resolve) => {
  const socket = netConnect(PORT, HOST);
  socket.setTimeout(5000, () => {
    socket.destroy();
    resolve('no answer within 5 s');
  });
  socket.once('connect', () => {
    socket.end();
    resolve(undefined);
  });
  socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
});

t.test('golden CBOR batch through Mosquitto arrives byte-identical', { skip: unavailable ? `nothing listens on ${HOST}:${PORT} (${unavailable}); start mosquitto to run this test` : false }, async (t) => {
  const gatewayId = `mosq-${randomBytes(4).toString('hex')}`;
  const url = `mqtt://${HOST}:${PORT}`;
  const collector = await connectAsync(url, { clientId: `collector-${gatewayId}`, reconnectPeriod: 0 });
  const gateway = await connectAsync(url, { clientId: gatewayId, reconnectPeriod: 0 });
  t.teardown(() => Promise.all([collector.endAsync(true), gateway.endAsync(true)]));

  const topic = buildTopic('up', gatewayId);
  await collector.subscribeAsync(topic, { qos: 1 });
  const batch = golden('up/decoded-and-undecodable.cbor.hex');
  const arrival = nextMessage(collector);
  await gateway.publishAsync(topic, batch, PUBLISH_OPTIONS.up);
  const received = await within(arrival, 5000, 'the batch from Mosquitto');
  t.equal(received.topic, topic);
  t.ok(received.payload.equals(batch), 'byte-identical');
  t.same(toJsonForm('up', decodePayload('up', received.payload)), goldenJson('up/decoded-and-undecodable.json'));

  // Retained status (the will topic): a subscriber that comes later still gets the golden bytes.
  const statusTopic = buildTopic('status', gatewayId);
  const status = Buffer.from(encodePayload('status', fromJsonForm('status', goldenJson('status/online.json'))));
  t.ok(status.equals(golden('status/online.cbor.hex')));
  await gateway.publishAsync(statusTopic, status, PUBLISH_OPTIONS.status);
  const late = await connectAsync(url, { clientId: `late-${gatewayId}`, reconnectPeriod: 0 });
  t.teardown(() => late.endAsync(true));
  const retained = nextMessage(late);
  await late.subscribeAsync(statusTopic, { qos: 1 });
  t.ok((await within(retained, 5000, 'the retained status')).payload.equals(status));
  await gateway.publishAsync(statusTopic, Buffer.alloc(0), { qos: 1, retain: true }); // clear it again
});
