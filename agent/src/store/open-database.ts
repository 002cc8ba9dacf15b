import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens (or creates) the SQLite file of the outbox with the settings its durability depends on.
 *
 * - The directory is created 0700 and the file 0600 before SQLite touches it: SQLite gives the -wal and
 *   -shm files the mode of the main file, so all three stay private (telegrams identify households).
 * - journal_mode=WAL: a writer never blocks the uplink's reads, and a crash mid-commit leaves the last
 *   commit either whole in the WAL or absent; the next open replays the WAL (SQLite's recovery).
 * - synchronous=FULL: in WAL mode NORMAL is crash-safe for the *process* but a power cut may roll back
 *   the last commits before a checkpoint. The agent runs on flaky power and must not lose a telegram
 *   it acknowledged as stored, so every commit fsyncs the WAL. Group commits (≈1 per second) keep that
 *   to about one fsync per second instead of one per telegram.
 * - journal_size_limit bounds the WAL file after a checkpoint; busy_timeout lets a diagnostic reader
 *   (sqlite3 CLI) coexist without SQLITE_BUSY surfacing as a lost commit.
 */
export function openOutboxDatabase(path: string): Database.Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600)); // creates it 0600 if absent; never truncates
    chmodSync(path, 0o600); // an older file created with a wider umask is tightened
  }
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('trusted_schema = OFF');
    // 512 KiB of page cache (SQLite's malloc, resident once filled: 2 MiB cost 1.5 MB more RSS in
    // bench:agent, 8 MiB ~6 MB, at the same throughput). Inserts touch only the right edge of the table and
    // its three indexes, the uplink reads the unsent tail in seq order and pruning walks the oldest pages
    // once: none gains from more, and the kernel's page cache keeps the file's recent pages anyway.
    db.pragma('cache_size = -512');
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
