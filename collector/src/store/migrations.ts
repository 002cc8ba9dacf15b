import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.js';

/**
 * Schema of the collector database, versioned through PRAGMA user_version. The SQL lives in this module
 * (tsc does not copy .sql files to dist/). A released migration is never edited: add a new one. Each runs
 * in one transaction with its user_version bump, so a crash leaves either the old or the new schema.
 * Times are integer milliseconds since the epoch (UTC); gateway times and collector times are kept apart.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'gateways, meters, raw telegrams, readings, meter keys, compact formats',
    sql: `
      CREATE TABLE gateways (
        id              TEXT PRIMARY KEY NOT NULL,   -- the MQTT identity (certificate CN)
        name            TEXT,
        created_at      INTEGER NOT NULL,            -- collector clock
        last_seen_at    INTEGER,                     -- collector clock, any message
        conn_state      TEXT,                        -- 'online' | 'offline' (status payload or will)
        conn_state_at   INTEGER,                     -- gateway clock (status.ts)
        last_stats      TEXT,                        -- the last stats payload as JSON
        last_stats_at   INTEGER                      -- gateway clock (stats.ts)
      ) STRICT;

      -- A meter is its link-layer identity (manufacturer + identification number, radio.md § 3); version
      -- and device type are what it last said about itself.
      CREATE TABLE meters (
        id              INTEGER PRIMARY KEY,
        manufacturer    TEXT NOT NULL,
        meter_id        TEXT NOT NULL,
        version         INTEGER NOT NULL,
        device_type     INTEGER NOT NULL,
        driver          TEXT,
        kind            TEXT,
        first_seen_at   INTEGER NOT NULL,            -- gateway receivedAt
        last_seen_at    INTEGER NOT NULL,
        UNIQUE (manufacturer, meter_id)
      ) STRICT;

      -- Last RSSI of each meter at each gateway (coverage planning, choosing a gateway to keep).
      CREATE TABLE meter_gateways (
        meter           INTEGER NOT NULL REFERENCES meters (id),
        gateway_id      TEXT NOT NULL REFERENCES gateways (id),
        last_rssi_dbm   REAL,
        last_seen_at    INTEGER NOT NULL,
        PRIMARY KEY (meter, gateway_id)
      ) STRICT, WITHOUT ROWID;

      -- One reading per distinct radio telegram. The raw telegrams pointing at it (raw_telegrams.reading)
      -- are its audit chain: every gateway that heard it, with its RSSI.
      CREATE TABLE readings (
        id              INTEGER PRIMARY KEY,
        meter           INTEGER NOT NULL REFERENCES meters (id),
        dedupe_key      BLOB NOT NULL,
        received_at     INTEGER NOT NULL,            -- earliest gateway receivedAt among its raw telegrams
        stored_at       INTEGER NOT NULL,            -- collector clock when the reading was created
        meter_time      TEXT,                        -- the meter's own clock (local time, no zone), if sent
        driver          TEXT,
        kind            TEXT NOT NULL,
        reading         TEXT NOT NULL,               -- ReadingView JSON
        records         TEXT NOT NULL                -- DataRecord[] as positional JSON (records-codec.ts)
      ) STRICT;
      -- Serves both the API's time-range pages and the dedupe lookup: a meter sends at most a few
      -- telegrams within the ±60 s window, so the candidates sit next to each other in this index
      -- (a separate index on the random dedupe hash would cost a random page write per reading).
      CREATE INDEX readings_by_meter_time ON readings (meter, received_at, dedupe_key);

      -- Every telegram a gateway uplinked, kept as received: raw is the truth (architecture.md § 3 rule 8).
      CREATE TABLE raw_telegrams (
        id              INTEGER PRIMARY KEY,
        gateway_id      TEXT NOT NULL REFERENCES gateways (id),
        seq             INTEGER NOT NULL,            -- gateway sequence: (gateway_id, seq) is the idempotency key
        received_at     INTEGER NOT NULL,            -- gateway clock
        stored_at       INTEGER NOT NULL,            -- collector clock
        stick_id        TEXT NOT NULL,
        raw             BLOB NOT NULL,
        rssi_dbm        REAL,
        link_mode       TEXT,
        frame_format    TEXT,
        meter           INTEGER REFERENCES meters (id),  -- NULL when not even the link header could be read
        dedupe_key      BLOB NOT NULL,
        decode_status   TEXT NOT NULL,               -- 'ok', a WmbusErrorCode (KEY_MISSING, ...), DECODER_INTERNAL or METER_UNKNOWN
        agent_error     TEXT,                        -- the gateway's own decodeError code, for comparison
        reading         INTEGER REFERENCES readings (id),
        UNIQUE (gateway_id, seq)
      ) STRICT;
      CREATE INDEX raw_telegrams_by_reading ON raw_telegrams (reading) WHERE reading IS NOT NULL;
      -- Telegrams kept raw (no key yet, ...) are found again when their meter's key arrives.
      CREATE INDEX raw_telegrams_undecoded ON raw_telegrams (meter, id) WHERE decode_status <> 'ok';

      -- AES keys held by the collector. Never logged, never returned by a query of this store's API.
      CREATE TABLE meter_keys (
        manufacturer    TEXT NOT NULL,
        meter_id        TEXT NOT NULL,
        key             BLOB NOT NULL,
        added_at        INTEGER NOT NULL,
        PRIMARY KEY (manufacturer, meter_id)
      ) STRICT, WITHOUT ROWID;

      -- Compact-frame formats learned from full frames (radio.md § 6), loaded at start.
      CREATE TABLE compact_formats (
        signature       INTEGER NOT NULL,
        format          BLOB NOT NULL,
        learned_at      INTEGER NOT NULL,
        PRIMARY KEY (signature, format)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'readings keep the reading view only; records are decoded again from the raw telegram on read',
    // A reading's records (1-6 KB of JSON with the bench mix) were two thirds of every stored reading and
    // are read only by the single-reading API; raw is the truth and the decoder deterministic, so they are
    // re-derived from the reading's first raw telegram when asked for (records-source.ts).
    sql: `ALTER TABLE readings DROP COLUMN records;`,
  },
  {
    version: 3,
    name: 'a change counter of meter_keys, so collector instances sharing the file notice keys added by another',
    // Bumped by triggers, whoever writes the keys: an instance reads one row per batch and reloads the keys
    // (and decodes again what it stored raw) only when it moved.
    sql: `
      CREATE TABLE change_counters (
        name            TEXT PRIMARY KEY NOT NULL,
        value           INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO change_counters (name, value) VALUES ('meter_keys', 0);
      CREATE TRIGGER meter_keys_inserted AFTER INSERT ON meter_keys
        BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'meter_keys'; END;
      CREATE TRIGGER meter_keys_updated AFTER UPDATE ON meter_keys
        BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'meter_keys'; END;
      CREATE TRIGGER meter_keys_deleted AFTER DELETE ON meter_keys
        BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'meter_keys'; END;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the database to SCHEMA_VERSION; refuses (without writing) a file from a newer collector. */
export function migrate(db: Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) throw new StoreError('STORE_SCHEMA_NEWER', `file has version ${from}, this collector knows up to ${SCHEMA_VERSION}`);
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: SCHEMA_VERSION };
}
