/** Real mqtt.js clients against the real embedded broker on loopback, over mutual TLS with certificates from our CA. */
import t from 'tap';
import { buildTopic, commandFilter, decodePayload, encodePayload, fromJsonForm, type CommandPayload } from '@wmbus/protocol';
import { CertificateAuthority } from '../../src/pki/index.js';
import type { GatewayMessage } from '../../src/broker/index.js';
import { closed, connectOutcome, connectTls, deferred, gatewayCredentials, golden, goldenJson, nextMessage, startBroker, within, ca } from './helpers.js';

t.test('a gateway publishes to its own topic: the handler sees the bytes before the PUBACK', async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  const seen: GatewayMessage[] = [];
  broker.onPublish(async (m) => void seen.push(m));
  const gw = await connectTls(addresses.tls!.port, 'gw-a');
  t.teardown(() => gw.endAsync(true));
  const batch = golden('up/decoded-and-undecodable.cbor.hex');
  await within(gw.publishAsync(buildTopic('up', 'gw-a'), batch, { qos: 1 }), 5000, 'PUBACK');
  t.equal(seen.length, 1);
  t.equal(seen[0]!.gatewayId, 'gw-a');
  t.equal(seen[0]!.kind, 'up');
  t.equal(seen[0]!.isWill, false);
  t.ok(seen[0]!.payload.equals(batch), 'payload byte-identical');
  t.same(decodePayload('up', seen[0]!.payload), fromJsonForm('up', goldenJson('up/decoded-and-undecodable.json')));
  t.equal(broker.stats.publishesAccepted, 1);
  t.equal(broker.stats.connectionsAccepted, 1);
});

t.test("publishing to another gateway's topic is refused and counted", async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  let handled = 0;
  broker.onPublish(async () => void handled++);
  const gw = await connectTls(addresses.tls!.port, 'gw-a');
  t.teardown(() => gw.endAsync(true));
  const pubacks: number[] = [];
  gw.on('packetreceive', (p) => p.cmd === 'puback' && pubacks.push(p.messageId!));
  const gone = closed(gw);
  gw.publishAsync(buildTopic('up', 'gw-b'), golden('up/frame-b-compact.cbor.hex'), { qos: 1 }).catch(() => {});
  await within(gone, 5000, 'the broker to drop the connection');
  t.same(pubacks, [], 'no PUBACK');
  t.equal(handled, 0, 'the ingest never saw it');
  t.equal(broker.stats.publishesRefused, 1);

  const again = await connectTls(addresses.tls!.port, 'gw-a');
  t.teardown(() => again.endAsync(true));
  const gone2 = closed(again);
  again.publishAsync(buildTopic('cmd', 'gw-a', 'x1'), Buffer.from('a0', 'hex'), { qos: 1 }).catch(() => {});
  await within(gone2, 5000, 'refusal of a gateway publishing a command');
  const third = await connectTls(addresses.tls!.port, 'gw-a');
  t.teardown(() => third.endAsync(true));
  const gone3 = closed(third);
  third.publishAsync(buildTopic('up', 'gw-a'), golden('up/frame-b-compact.cbor.hex'), { qos: 1, retain: true }).catch(() => {});
  await within(gone3, 5000, 'refusal of a retained batch');
  t.equal(broker.stats.publishesRefused, 3);
  t.equal(handled, 0);
});

t.test('a gateway gets commands on its own cmd topic; other subscriptions are refused', async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  const a = await connectTls(addresses.tls!.port, 'gw-a');
  const b = await connectTls(addresses.tls!.port, 'gw-b');
  t.teardown(() => Promise.all([a.endAsync(true), b.endAsync(true)]));

  t.same((await a.subscribeAsync(commandFilter('gw-a'), { qos: 1 })).map((g) => g.qos), [1], 'own cmd/+ granted');
  t.same((await b.subscribeAsync('wmbus/v1/gw/gw-b/cmd/#', { qos: 1 })).map((g) => g.qos), [1], 'own cmd/# granted');
  // mqtt.js 5 rejects subscribeAsync when a SUBACK carries 0x80 and attaches the SUBACK packet.
  const refusal = await b.subscribeAsync(['wmbus/v1/gw/gw-a/cmd/+', 'wmbus/v1/gw/+/cmd/+', '#', 'wmbus/v1/gw/gw-b/up'], { qos: 1 }).then(
    () => undefined,
    (e: { packet?: { granted?: number[] } }) => e.packet?.granted,
  );
  t.same(refusal, [128, 128, 128, 128], "another gateway's commands, wildcards and non-command topics get SUBACK 0x80");
  t.equal(broker.stats.subscriptionsRefused, 4);

  let bGotSomething = false;
  b.on('message', () => (bGotSomething = true));
  const command = fromJsonForm('cmd', goldenJson('cmd/add-key.json')) as CommandPayload;
  const arrival = nextMessage(a);
  await broker.sendCommand('gw-a', command);
  const { topic, payload } = await within(arrival, 5000, 'the command');
  t.equal(topic, buildTopic('cmd', 'gw-a', command.id));
  t.ok(payload.equals(golden('cmd/add-key.cbor.hex')), 'the command arrives as the golden CBOR');
  t.same(decodePayload('cmd', payload), command);
  await b.publishAsync(buildTopic('stats', 'gw-b'), Buffer.from(encodePayload('stats', fromJsonForm('stats', goldenJson('stats/typical.json')))), { qos: 1 });
  t.equal(bGotSomething, false, 'gw-b did not see gw-a\'s command and is still connected');
});

t.test('TLS refuses clients without a certificate or with one from another CA', async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  const url = `mqtts://127.0.0.1:${addresses.tls!.port}`;
  const base = { ca: ca.certPem, clientId: 'gw-a' };
  t.match(await within(connectOutcome(url, base), 5000, 'no-certificate refusal'), /^error: .*certificate required/, 'no client certificate');
  const otherCa = CertificateAuthority.create({ commonName: 'someone else' });
  const foreign = gatewayCredentials('gw-a', otherCa);
  t.match(await within(connectOutcome(url, { ...base, key: foreign.keyPem, cert: foreign.certPem }), 5000, 'foreign-CA refusal'), /^(closed|error: .*)$/, 'certificate from another CA');
  t.equal(broker.stats.tlsHandshakesRefused, 2);
  t.equal(broker.stats.connectionsAccepted, 0);
  // And the client side checks the server: a CA the collector did not use fails verification.
  const own = gatewayCredentials('gw-a');
  t.match(await within(connectOutcome(url, { ...base, key: own.keyPem, cert: own.certPem, ca: otherCa.certPem }), 5000, 'server verification'), /^error: /);
  // The same client with the right CA gets in: the refusals above were about the certificates.
  t.equal(await within(connectOutcome(url, { ...base, key: own.keyPem, cert: own.certPem }), 5000, 'control'), 'connected');
});

t.test('client id and will must match the certificate', async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  const port = addresses.tls!.port;
  await t.rejects(connectTls(port, 'gw-a', { clientId: 'gw-b' }), { code: 2 }, 'client id of another gateway: CONNACK 2');
  await t.rejects(
    connectTls(port, 'gw-a', { will: { topic: buildTopic('status', 'gw-b'), payload: Buffer.from('a0', 'hex'), qos: 1, retain: true } }),
    { code: 5 },
    "will on another gateway's status: CONNACK 5",
  );
  t.equal(broker.stats.connectionsRefused, 2);
});

t.test('PUBACK is sent only after the handler resolves', async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  const events: string[] = [];
  const gate = deferred();
  const entered = deferred();
  broker.onPublish(async () => {
    events.push('handler entered');
    entered.resolve();
    await gate.promise;
    events.push('handler resolved');
  });
  const gw = await connectTls(addresses.tls!.port, 'gw-a');
  t.teardown(() => gw.endAsync(true));
  gw.on('packetreceive', (p) => p.cmd === 'puback' && events.push('PUBACK received'));
  let settled = false;
  const publish = gw.publishAsync(buildTopic('up', 'gw-a'), golden('up/frame-b-compact.cbor.hex'), { qos: 1 }).then(() => {
    settled = true;
    events.push('publishAsync resolved');
  });
  await within(entered.promise, 5000, 'the handler');
  // Give the network every chance to deliver a premature PUBACK before releasing the handler.
  await new Promise((r) => setTimeout(r, 150));
  t.equal(settled, false, 'publishAsync still pending while the handler is');
  gate.resolve();
  await within(publish, 5000, 'publishAsync');
  t.same(events, ['handler entered', 'handler resolved', 'PUBACK received', 'publishAsync resolved']);
});

t.test('a rejected handler means no PUBACK', async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  broker.onPublish(async () => {
    throw new Error('database is full');
  });
  const gw = await connectTls(addresses.tls!.port, 'gw-a');
  t.teardown(() => gw.endAsync(true));
  const pubacks: unknown[] = [];
  gw.on('packetreceive', (p) => p.cmd === 'puback' && pubacks.push(p));
  let resolved = false;
  const gone = closed(gw);
  gw.publishAsync(buildTopic('up', 'gw-a'), golden('up/frame-b-compact.cbor.hex'), { qos: 1 }).then(
    () => (resolved = true),
    () => {},
  );
  await within(gone, 5000, 'the connection to drop');
  t.same(pubacks, []);
  t.equal(resolved, false);
  t.equal(broker.stats.handlerFailures, 1);
  t.equal(broker.stats.publishesAccepted, 0);
});

t.test("an unexpected disconnect publishes the gateway's will through the handler", async (t) => {
  const { broker, addresses } = await startBroker();
  t.teardown(() => broker.close());
  const wills = deferred<GatewayMessage>();
  broker.onPublish(async (m) => (m.kind === 'status' ? wills.resolve(m) : undefined));
  const offline = Buffer.from(encodePayload('status', { v: 1, state: 'offline', ts: 1764000360000 }));
  const gw = await connectTls(addresses.tls!.port, 'gw-w', { will: { topic: buildTopic('status', 'gw-w'), payload: offline, qos: 1, retain: true } });
  gw.stream.destroy(); // power cut, as far as the broker can tell
  const will = await within(wills.promise, 5000, 'the will');
  t.equal(will.isWill, true);
  t.equal(will.gatewayId, 'gw-w');
  t.equal(will.retain, true);
  t.same(decodePayload('status', will.payload), { v: 1, state: 'offline', ts: 1764000360000 });
  await gw.endAsync(true);
});

t.test('plain TCP (dev only): username = gateway id, password checked by a function', async (t) => {
  const { broker, addresses } = await startBroker({
    tcp: { host: '127.0.0.1', port: 0, authenticate: (id, password) => id === 'gw-dev' && password?.toString() === 's3cret' },
  });
  t.teardown(() => broker.close());
  const { connectAsync } = await import('mqtt');
  const url = `mqtt://127.0.0.1:${addresses.tcp!.port}`;
  const opts = { reconnectPeriod: 0, connectTimeout: 3000 };
  await t.rejects(connectAsync(url, { ...opts, clientId: 'gw-dev', username: 'gw-dev', password: 'wrong' }), { code: 4 });
  await t.rejects(connectAsync(url, { ...opts, clientId: 'gw-dev' }), { code: 4 }, 'no username');
  const gw = await connectAsync(url, { ...opts, clientId: 'gw-dev', username: 'gw-dev', password: 's3cret' });
  t.teardown(() => gw.endAsync(true));
  let got: GatewayMessage | undefined;
  broker.onPublish(async (m) => void (got = m));
  await gw.publishAsync(buildTopic('stats', 'gw-dev'), golden('stats/typical.cbor.hex'), { qos: 1 });
  t.equal(got?.gatewayId, 'gw-dev');
  const gone = closed(gw);
  gw.publishAsync(buildTopic('stats', 'gw-other'), golden('stats/typical.cbor.hex'), { qos: 1 }).catch(() => {});
  await within(gone, 5000, 'refusal');
  t.equal(broker.stats.publishesRefused, 1);
  t.equal(broker.stats.connectionsRefused, 2);
});

t.test('plain TCP without an authenticator refuses everyone', async (t) => {
  const { broker, addresses } = await startBroker({ tcp: { host: '127.0.0.1', port: 0 } });
  t.teardown(() => broker.close());
  const { connectAsync } = await import('mqtt');
  await t.rejects(connectAsync(`mqtt://127.0.0.1:${addresses.tcp!.port}`, { reconnectPeriod: 0, clientId: 'gw-dev', username: 'gw-dev', password: 'x' }), { code: 4 });
});

t.test('close() disconnects clients, frees the ports and can be called twice', async (t) => {
  const { broker, addresses } = await startBroker({ tcp: { host: '127.0.0.1', port: 0, authenticate: () => true } });
  const gw = await connectTls(addresses.tls!.port, 'gw-a');
  const gone = closed(gw);
  await within(broker.close(), 5000, 'close');
  await within(gone, 5000, 'client disconnect');
  await broker.close();
  const net = await import('node:net');
  for (const port of [addresses.tls!.port, addresses.tcp!.port]) {
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('error', resolve);
    });
    t.equal(error?.code, 'ECONNREFUSED', `port ${port} closed`);
  }
  await gw.endAsync(true);
});

t.test('an authenticator that throws refuses the login and the broker keeps serving', async (t) => {
  let calls = 0;
  const { broker, addresses } = await startBroker({
    tcp: {
      host: '127.0.0.1',
      port: 0,
      authenticate: async (id) => {
        if (calls++ === 0) throw new Error('token database unavailable');
        return id === 'gw-dev';
      },
    },
  });
  t.teardown(() => broker.close());
  const { connectAsync } = await import('mqtt');
  const url = `mqtt://127.0.0.1:${addresses.tcp!.port}`;
  const opts = { reconnectPeriod: 0, clientId: 'gw-dev', username: 'gw-dev', password: 'x' };
  await t.rejects(connectAsync(url, opts), { code: 5 });
  const gw = await connectAsync(url, opts);
  t.ok(gw.connected, 'the next login works');
  await gw.endAsync(true);
  t.equal(broker.stats.connectionsRefused, 1);
});
