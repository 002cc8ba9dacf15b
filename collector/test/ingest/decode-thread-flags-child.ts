/**
 * Child of decode-thread-flags.test.ts: one uplink batch through an IngestQueue with its decode thread, in
 * a process started with V8 flags. Prints the queue's counters and the result as one JSON line.
 */
import { encodePayload } from '@wmbus/protocol';
import { SqliteRepository } from '../../src/store/index.js';
import { IngestQueue, Ingestor } from '../../src/ingest/index.js';
import { batch, fixture, telegram } from './helpers.js';

const repo = SqliteRepository.open(':memory:');
const queue = new IngestQueue(new Ingestor(repo), { decodeThread: true });
const kamwater = fixture('kamwater/MyTapWater.json');
const result = await queue.submit({ gatewayId: 'gw-a', kind: 'up', payload: encodePayload('up', batch(telegram(1, kamwater.raw))) });
console.log(JSON.stringify({ counters: queue.counters, result }));
await queue.close();
repo.close();
