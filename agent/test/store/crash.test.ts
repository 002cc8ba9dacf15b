import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import t from 'tap';
import { Outbox } from '../../src/store/outbox.js';
import { crashEntry } from './fixtures/crash-entry.js';
import { tempDir } from './helpers.js';

/*
 * Crash safety for real: a child enqueues as fast as it can and logs every seq after enqueue()
 * returned; we SIGKILL it at a random moment, reopen the file (SQLite's WAL recovery) and demand that
 * every telegram enqueued more than one commit interval before the kill is there, byte for byte, and
 * that the next run's sequence numbers start above everything the dead run handed out.
 * The acceptance, 50 kills (≈ 3 s a round, more than tap's default 300 s file timeout allows
 * on a busy machine):  OUTBOX_KILL_ROUNDS=50 npx tap --timeout=900 agent/test/store/crash.test.ts
 * The default of 8 rounds keeps the suite fast.
 */
const ROUNDS = Number(process.env.OUTBOX_KILL_ROUNDS ?? 8);
const ROUNDS_PER_FILE = 5;
const COMMIT_INTERVAL_MS = 1000; // the child runs with the production default
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url));

interface Logged {
  seq: number;
  i: number;
  at: number;
}

async function runAndKill(dbPath: string, logPath: string, pace: string, run: string, killAfterMs: number): Promise<{ killedAt: number; signal: string | null }> {
  const child = spawn(process.execPath, ['--import=tsx', '--conditions=wmbus-source', CHILD, dbPath, logPath, pace, run], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, killAfterMs));
  const killedAt = Date.now();
  child.kill('SIGKILL');
  return { killedAt, signal: await exited };
}

function readLog(logPath: string): Logged[] {
  if (!existsSync(logPath)) return [];
  const lines = readFileSync(logPath, 'utf8').split('\n');
  lines.pop(); // the last line may be cut short by the kill (or be the empty string after a final \n)
  return lines.map((l) => {
    const [seq, i, at] = l.split(' ').map(Number);
    return { seq: seq!, i: i!, at: at! };
  });
}

t.test(`${ROUNDS} random SIGKILLs lose no telegram older than one commit interval`, { timeout: 60_000 + ROUNDS * 10_000 }, async (t) => {
  const dir = tempDir(t);
  let dbPath = '';
  let highestSeqSoFar = 0;
  let totalChecked = 0;
  let totalLogged = 0;
  let failures = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const run = `r${round}`;
    if (round % ROUNDS_PER_FILE === 0) {
      // A fresh file now and then keeps integrity checks fast; within a file every restart continues.
      dbPath = join(dir, `outbox-${round / ROUNDS_PER_FILE}.db`);
      highestSeqSoFar = 0;
    }
    const logPath = join(dir, `${run}.log`);
    const pace = round % 2 === 0 ? 'burst' : 'paced';
    // Past one commit interval, so that every round has telegrams that must have survived.
    const killAfterMs = COMMIT_INTERVAL_MS + 100 + Math.floor(Math.random() * 1900);
    const { killedAt, signal } = await runAndKill(dbPath, logPath, pace, run, killAfterMs);
    t.equal(signal, 'SIGKILL', `${run} was killed`);
    const logged = readLog(logPath);
    totalLogged += logged.length;

    const db = new Database(dbPath, { readonly: false }); // a writable open replays the WAL
    t.equal(db.pragma('integrity_check', { simple: true }), 'ok', `${run}: integrity after the kill`);
    const select = db.prepare('SELECT seq, raw, decoded, decode_status FROM outbox WHERE seq = ?');
    const firstSeqOfRun = logged[0]?.seq;
    let missing = 0;
    let corrupt = 0;
    let mustHave = 0;
    for (const entry of logged) {
      const row = select.get(entry.seq) as { raw: Buffer; decoded: Buffer } | undefined;
      if (entry.seq - entry.i !== firstSeqOfRun) corrupt++; // seqs within one run are contiguous
      if (entry.seq <= highestSeqSoFar) corrupt++; // reuse of an earlier run's seq
      const expected = crashEntry(run, entry.i);
      if (row) {
        if (!Buffer.from(expected.raw).equals(row.raw) || !Buffer.from(expected.decoded!).equals(row.decoded)) corrupt++;
      }
      if (entry.at < killedAt - COMMIT_INTERVAL_MS) {
        mustHave++;
        if (!row) missing++;
      }
    }
    // Rows committed but not yet logged when the kill came must be the run's next telegrams, intact.
    const lastLogged = logged[logged.length - 1];
    const unlogged = db.prepare('SELECT seq, raw, decoded FROM outbox WHERE seq > ?').all(lastLogged?.seq ?? highestSeqSoFar) as {
      seq: number;
      raw: Buffer;
      decoded: Buffer;
    }[];
    for (const row of unlogged) {
      const i = row.seq - (firstSeqOfRun ?? row.seq);
      const expected = crashEntry(run, i);
      if (!Buffer.from(expected.raw).equals(row.raw) || !Buffer.from(expected.decoded!).equals(row.decoded)) corrupt++;
    }
    const maxSeqInDb = (db.prepare('SELECT max(seq) FROM outbox').pluck().get() as number | null) ?? 0;
    db.close();
    totalChecked += mustHave;
    if (missing || corrupt) failures++;
    t.equal(missing, 0, `${run} (${pace}, killed after ${killAfterMs} ms): ${logged.length} logged, ${mustHave} older than 1 s, none missing`);
    t.equal(corrupt, 0, `${run}: every stored telegram intact, seqs contiguous and never reused`);
    highestSeqSoFar = Math.max(highestSeqSoFar, lastLogged?.seq ?? 0, maxSeqInDb);
  }
  t.ok(totalLogged > 0 && totalChecked > 0, `${totalLogged} telegrams logged, ${totalChecked} had to survive`);
  t.equal(failures, 0, `${ROUNDS} kills, ${failures} rounds with a loss`);

  // A clean run after all the kills continues above every seq handed out.
  const outbox = Outbox.open({ path: dbPath, gatewayId: 'gw-crash' });
  const next = outbox.enqueue(crashEntry('final', 0));
  t.ok(next > highestSeqSoFar, `next seq ${next} > ${highestSeqSoFar}`);
  outbox.close();
});
