/**
 * Several collector instances on one store (external broker mode, a shared subscription): a key added
 * through one instance reaches the others with their next batch, and what they stored raw meanwhile
 * becomes readings — no restart needed.
 */
import t from 'tap';
import { join } from 'node:path';
import { encodePayload } from '@wmbus/protocol';
import { SqliteRepository } from '../../src/store/index.js';
import { IngestQueue, Ingestor, linkIdentity } from '../../src/ingest/index.js';
import { batch, fixture, T0, telegram, tempDir } from './helpers.js';

// KadenC10: encrypted, so without its key it is stored raw (KEY_MISSING).
const kaden = fixture('kaden/KadenC10.json');
const { manufacturer, id } = linkIdentity(kaden.raw).address!;
const HOUR = 3_600_000;

for (const decodeThread of [false, true]) {
  t.test(`${decodeThread ? 'decode thread' : 'main thread'}: a key added on instance A decodes instance B's telegrams`, async (t) => {
    const file = join(tempDir(t), 'shared.db');
    const repoA = SqliteRepository.open(file);
    const repoB = SqliteRepository.open(file);
    t.teardown(() => (repoA.close(), repoB.close()));
    const a = new Ingestor(repoA);
    const b = new IngestQueue(new Ingestor(repoB), { decodeThread });
    t.teardown(() => b.close());
    const up = (seq: number) => ({ gatewayId: 'gw-b', kind: 'up' as const, payload: encodePayload('up', batch(telegram(seq, kaden.raw, { receivedAt: T0 + seq * HOUR }))) });

    t.match(await b.submit(up(1)), { undecoded: { KEY_MISSING: 1 } }, 'B has no key yet');
    t.match(a.addMeterKey({ manufacturer, id }, kaden.key!), { examined: 1, decoded: 1 }, "A decodes B's stored telegram at once");

    // B's next batch: B notices the key, and the batch is decoded (at once, or right after it is stored).
    await b.submit(up(2));
    t.match(repoB.counts(), { rawTelegrams: 2, readings: 2, undecoded: 0 });
    t.match(await b.submit(up(3)), { readingsCreated: 1, undecoded: {} }, 'later batches decode directly');
  });
}
