/**
 * The uplink draining an outbox to the machine's Mosquitto on 127.0.0.1:1883: what the broker delivers is
 * what the contract reads, rows are marked sent after their PUBACK, and a row the collector would refuse
 * neither stops the others nor is marked sent.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { connectAsync } from 'mqtt';
import { buildTopic, decodePayload } from '@wmbus/protocol';
import { encode } from 'cbor-x';
import { MqttUplink } from '../../src/uplink/mqtt-uplink.js';
import { TELEGRAMS, telegramBytes } from '../store/fixtures/telegrams.js';
import { observer, openOutbox, tempDir, waitFor } from '../store/helpers.js';

const URL = 'mqtt://127.0.0.1:1883';
const unavailable = await new Promise<string | undefined>((resolve) => {
  const s = createConnection({ host: '127.0.0.1', port: 1883 });
  s.once('connect', () => s.end(() => resolve(undefined)));
  s.once('error', (e) => resolve(e.message));
});
const skip = unavailable ? `nothing listens on 127.0.0.1:1883 (${unavailable}); start mosquitto to run this test` : false;

t.test('a backlog drains in batches; a row the contract refuses stays unsent, a bad decoded form goes as raw', { skip }, async (t) => {
  const gatewayId = `uplink-test-${randomBytes(4).toString('hex')}`;
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, gatewayId, commitIntervalMs: 20, maxAgeMs: null });
  const other = observer(t, path);
  const total = 2500;
  const tooLong = 1000; // raw of 1025 bytes: the outbox keeps it, the contract takes at most 1024
  const badDecoded = 1500;
  for (let seq = 1; seq <= total; seq++) {
    const f = TELEGRAMS[seq % TELEGRAMS.length]!;
    outbox.enqueue({
      raw: seq === tooLong ? new Uint8Array(1025).fill(0x44) : telegramBytes(f),
      rssiDbm: -70,
      linkMode: 'T1',
      stickId: 'im871a-0',
      decoded: seq === badDecoded ? encode({ reading: { 'no spaces': 1 } }) : seq % 2 ? encode({ driver: f.driver, reading: { n: seq } }) : null,
      decodeStatus: seq % 2 || seq === badDecoded ? 'ok' : 'KEY_MISSING',
    });
  }
  outbox.flush();

  const received: number[] = [];
  const telegrams = new Map<number, ReturnType<typeof decodePayload<'up'>>['telegrams'][number]>();
  const sub = await connectAsync(URL, { reconnectPeriod: 0 });
  t.teardown(() => void sub.end(true)); // if an assertion threw first
  sub.on('message', (_topic, payload) => {
    const batch = decodePayload('up', payload);
    received.push(batch.telegrams.length);
    for (const tg of batch.telegrams) telegrams.set(tg.seq, tg);
  });
  await sub.subscribeAsync(buildTopic('up', gatewayId), { qos: 1 });

  const uplink = new MqttUplink({ url: URL, gatewayId, outbox, batchRows: 400, batchDelayMs: 50, window: 2, statsIntervalMs: 3_600_000 });
  const refused: { seq: number }[] = [];
  uplink.on('rows-refused', (rows: { seq: number }[]) => refused.push(...rows));
  uplink.start();
  t.teardown(() => uplink.stop()); // if an assertion threw first

  const sent = () => other.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL').pluck().get() as number;
  t.ok(await waitFor(() => sent() === total - 1 && telegrams.size === total - 1, 20_000), `all but one marked sent (${sent()})`);
  t.same(refused.map((r) => r.seq), [tooLong], 'the row with raw too long was refused once');
  t.equal(other.prepare('SELECT sent_at FROM outbox WHERE seq = ?').pluck().get(tooLong), null, 'and stays unsent');
  t.equal(outbox.pendingCount(), 1);
  t.ok(received.every((n) => n <= 400), 'batches of at most batchRows');
  t.notOk(telegrams.has(tooLong));
  t.equal(telegrams.get(badDecoded)!.decodeError?.code, 'DECODED_INVALID');
  t.equal(telegrams.get(badDecoded)!.decoded, undefined);
  t.same(telegrams.get(3)!.decoded, { driver: TELEGRAMS[3 % TELEGRAMS.length]!.driver, reading: { n: 3 } });
  t.same(telegrams.get(4)!.decodeError, { code: 'KEY_MISSING' });
  t.same(Buffer.from(telegrams.get(4)!.raw), Buffer.from(telegramBytes(TELEGRAMS[4 % TELEGRAMS.length]!)));
  t.match(uplink.counters, { telegramsSent: total - 1, rowsRefused: 1, decodedRefused: 1 });
  await uplink.stop();
  await sub.publishAsync(buildTopic('status', gatewayId), Buffer.alloc(0), { qos: 1, retain: true }); // the shared broker keeps retained status
  await sub.endAsync();
});
