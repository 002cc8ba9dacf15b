import type { Database } from 'better-sqlite3';
import { OutboxError } from './errors.js';

/**
 * Schema of the outbox, versioned through PRAGMA user_version. The SQL lives in this module (not in
 * .sql files) because tsc does not copy .sql files to dist/. A migration is never edited once
 * released: add a new one. Each runs in one transaction together with its user_version bump, so a
 * power cut leaves either the old or the new schema.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'outbox, sequence reservation, counters',
    sql: `
      -- One row per gateway: seq values up to reserved_through may already have been handed out by
      -- enqueue(), so a restart continues above it and a seq is never reused, even after deletions.
      CREATE TABLE outbox_sequence (
        gateway_id       TEXT PRIMARY KEY NOT NULL,
        reserved_through INTEGER NOT NULL
      ) STRICT;

      -- Persistent counters (row totals, drops by reason), updated in the same transaction as the rows
      -- they count, so they survive restarts without a full-table count(*) on a multi-GB file.
      CREATE TABLE outbox_counters (
        name  TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
      ) STRICT;

      -- seq is the rowid alias (rows are stored in seq order, deletes of the oldest free whole pages);
      -- its values come from outbox_sequence, not from SQLite.
      CREATE TABLE outbox (
        seq           INTEGER PRIMARY KEY,
        received_at   INTEGER NOT NULL,          -- ms since the epoch, host clock
        raw           BLOB NOT NULL,             -- the telegram as heard, always kept
        manufacturer  TEXT,                      -- 3-letter code, e.g. 'KAM'
        meter_id      TEXT,                      -- 8 digits as printed on the meter
        version       INTEGER,
        device_type   INTEGER,
        rssi_dbm      REAL,
        link_mode     TEXT,                      -- 'C1', 'T1', 'S1', ...
        stick_id      TEXT,
        decoded       BLOB,                      -- opaque (e.g. CBOR) or NULL
        decode_status TEXT NOT NULL,             -- 'ok' or an error code such as 'KEY_MISSING'
        sent_at       INTEGER                    -- ms since the epoch of the PUBACK, NULL while unsent
      ) STRICT;

      -- The uplink reads unsent rows in seq order; pruning reads the oldest sent ones. Two partial
      -- indexes keep both lookups O(log n) whatever the mix (30 days offline = millions unsent).
      CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
      CREATE INDEX outbox_sent ON outbox (seq) WHERE sent_at IS NOT NULL;
      -- Rows kept raw for lack of a key are found again when the key arrives.
      CREATE INDEX outbox_needs_decode ON outbox (decode_status, seq) WHERE decode_status <> 'ok';
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the database to SCHEMA_VERSION; refuses (without writing) a database from a newer agent. */
export function migrate(db: Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) {
    throw new OutboxError('OUTBOX_SCHEMA_NEWER', `file has version ${from}, this agent knows up to ${SCHEMA_VERSION}`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: SCHEMA_VERSION };
}
