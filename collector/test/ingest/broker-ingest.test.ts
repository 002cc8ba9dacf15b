/**
 * "PUBACK means stored", end to end on loopback: a gateway publishes an uplink batch (QoS 1) to the
 * collector's broker, whose onPublish hook awaits the ingest queue; when the client's publish resolves
 * (PUBACK received), the telegrams are already committed in the SQLite file.
 */
import t from 'tap';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import Database from 'better-sqlite3';
import { buildTopic, encodePayload } from '@wmbus/protocol';
import { GatewayBroker } from '../../src/broker/index.js';
import { SqliteRepository } from '../../src/store/index.js';
import { IngestQueue, Ingestor, isIngestError } from '../../src/ingest/index.js';
import { batch, fixture, T0, telegram, tempDir } from './helpers.js';

const kamwater = fixture('kamwater/MyTapWater.json');
const kaden = fixture('kaden/KadenC10.json');

t.test('the PUBACK arrives after the batch is committed; a replay after a lost PUBACK stores nothing twice', async (t) => {
  const file = join(tempDir(t), 'collector.db');
  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  const queue = new IngestQueue(new Ingestor(repo));
  const refused: string[] = [];

  const broker = await GatewayBroker.create({ tcp: { host: '127.0.0.1', port: 0, authenticate: (_id, password) => password?.toString() === 'secret' } });
  t.teardown(() => broker.close());
  // The glue a collector needs: ingest what the contract says is ours; a payload that can never become
  // valid is acknowledged and counted (else the gateway would resend it forever); storage failures are
  // thrown, so no PUBACK is sent and the gateway keeps the batch.
  broker.onPublish(async (message) => {
    if (message.kind !== 'up' && message.kind !== 'status' && message.kind !== 'stats') return;
    try {
      await queue.submit(message);
    } catch (e) {
      if (!isIngestError(e)) throw e;
      refused.push(e.contractCode ?? e.code);
    }
  });
  const { tcp } = await broker.listen();

  const client = await connectAsync(`mqtt://127.0.0.1:${tcp!.port}`, { clientId: 'gw-a', username: 'gw-a', password: 'secret', reconnectPeriod: 0 });
  t.teardown(() => client.endAsync());
  const reader = new Database(file, { readonly: true });
  t.teardown(() => reader.close());
  const stored = () => reader.prepare('SELECT seq, decode_status FROM raw_telegrams ORDER BY seq').all();

  const payload = encodePayload('up', batch(telegram(1, kamwater.raw), telegram(2, kaden.raw, { receivedAt: T0 + 5 })));
  await client.publishAsync(buildTopic('up', 'gw-a'), Buffer.from(payload), { qos: 1 });
  t.same(stored(), [{ seq: 1, decode_status: 'ok' }, { seq: 2, decode_status: 'KEY_MISSING' }], 'committed when the PUBACK arrived');

  // The gateway did not see that PUBACK (say) and sends the batch again: acknowledged, nothing doubled.
  await client.publishAsync(buildTopic('up', 'gw-a'), Buffer.from(payload), { qos: 1 });
  t.equal(stored().length, 2);
  t.equal(repo.counts().readings, 1);

  await client.publishAsync(buildTopic('up', 'gw-a'), Buffer.from([0xff]), { qos: 1 });
  t.same(refused, ['PAYLOAD_NOT_CBOR'], 'a broken payload is counted, not stored');
  t.equal(stored().length, 2);
});
