/**
 * "PUBACK means stored": a process killed in the middle of a batch keeps every batch it acknowledged and
 * nothing of the one it was writing (SQLite WAL rolls the torn transaction back), so the gateway's resend
 * of that batch is stored in full.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteRepository } from '../../src/store/index.js';
import { Ingestor } from '../../src/ingest/index.js';
import { crashBatches } from './crash-batches.js';
import { tempDir } from './helpers.js';

function runChild(file: string): Promise<{ stdout: string; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import=tsx', '--conditions=wmbus-source', fileURLToPath(new URL('./crash-child.ts', import.meta.url)), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (_code, signal) => resolve({ stdout, signal, stderr })));
}

t.test('a crash between batches loses nothing acknowledged and leaves no half batch', async (t) => {
  const file = join(tempDir(t), 'collector.db');
  const { stdout, signal, stderr } = await runChild(file);
  t.equal(signal, 'SIGKILL', stderr);
  t.equal(stdout, 'acked\n', 'the first batch was acknowledged, the second never completed');

  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  const seqs = () => (repo.db.prepare('SELECT seq FROM raw_telegrams ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
  t.same(seqs(), [1, 2, 3], 'the acknowledged batch in full, nothing of the torn one');
  t.match(repo.counts(), { rawTelegrams: 3, readings: 1, undecoded: 2 }, 'KAM decoded; VIP and APA wait for keys');

  // The gateway never got a PUBACK for the second batch, so it sends it again (and the first one, too).
  const [first, second] = crashBatches();
  const ingest = new Ingestor(repo);
  t.match(ingest.ingestBatch('gw-a', first), { stored: 0, duplicates: 3 });
  t.match(ingest.ingestBatch('gw-a', second), { stored: 3, duplicates: 0, readingsCreated: 1 });
  t.same(seqs(), [1, 2, 3, 4, 5, 6]);
  t.equal(repo.db.pragma('integrity_check', { simple: true }), 'ok');
});
