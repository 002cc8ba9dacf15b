/**
 * Child process of crash.test.ts: acknowledges one batch, then dies by SIGKILL in the middle of the next
 * batch's transaction (after some of its rows were written), as a power cut or OOM kill would.
 */
import { SqliteRepository, type NewRawTelegram } from '../../src/store/index.js';
import { Ingestor } from '../../src/ingest/index.js';
import { crashBatches } from './crash-batches.js';

class DyingRepository extends SqliteRepository {
  armed = false;
  written = 0;
  override insertRawTelegram(row: NewRawTelegram): number {
    const id = super.insertRawTelegram(row);
    if (this.armed && ++this.written === 2) process.kill(process.pid, 'SIGKILL');
    return id;
  }
}

const repo = new DyingRepository(SqliteRepository.open(process.argv[2]!).db);
const ingest = new Ingestor(repo);
const [first, second] = crashBatches();
ingest.ingestBatch('gw-a', first);
// What the broker would do now: send the PUBACK. From here on the gateway has deleted the batch.
process.stdout.write('acked\n');
repo.armed = true;
ingest.ingestBatch('gw-a', second);
process.stdout.write('not reached\n');
