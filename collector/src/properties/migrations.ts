/**
 * Tables of the property model, on the collector's database file but versioned apart from the store's
 * schema (which uses PRAGMA user_version): the version sits in the one-row table billing_schema_version,
 * so either side can migrate without knowing the other. Same habits as the store: released migrations are
 * never edited, each runs in one transaction with its version bump.
 */
import type { Database } from 'better-sqlite3';
import { PropertyError } from './errors.js';

export interface BillingMigration {
  version: number;
  name: string;
  sql: string;
}

export const BILLING_MIGRATIONS: readonly BillingMigration[] = [
  {
    version: 1,
    name: 'properties, units, tenancies, billing meters, assignments, manual readings',
    sql: `
      CREATE TABLE billing_properties (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL,
        due_date          TEXT NOT NULL,          -- 'MM-DD': every billing period ends on it
        degree_day_table  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE billing_units (
        id                INTEGER PRIMARY KEY,
        property          INTEGER NOT NULL REFERENCES billing_properties (id),
        name              TEXT NOT NULL,
        area_m2           REAL NOT NULL,
        UNIQUE (property, name)
      ) STRICT;

      -- Closed date intervals [move_in, move_out]; tenant NULL = vacancy (Leerstand).
      CREATE TABLE billing_tenancies (
        id                INTEGER PRIMARY KEY,
        unit              INTEGER NOT NULL REFERENCES billing_units (id),
        tenant            TEXT,
        vacancy           INTEGER NOT NULL,
        move_in           TEXT NOT NULL,
        move_out          TEXT
      ) STRICT;
      CREATE INDEX billing_tenancies_by_unit ON billing_tenancies (unit, move_in);

      CREATE TABLE billing_meters (
        id                INTEGER PRIMARY KEY,
        property          INTEGER NOT NULL REFERENCES billing_properties (id),
        kind              TEXT NOT NULL,
        manufacturer      TEXT,                   -- radio address; NULL for devices read on site
        radio_id          TEXT,
        room              TEXT,
        hca_scale         TEXT,
        kq                REAL,
        kc                REAL,
        resets_at_due_date INTEGER NOT NULL,
        due_date          TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX billing_meters_by_radio ON billing_meters (manufacturer, radio_id) WHERE manufacturer IS NOT NULL;
      CREATE INDEX billing_meters_by_property ON billing_meters (property, id);

      CREATE TABLE billing_meter_assignments (
        id                INTEGER PRIMARY KEY,
        meter             INTEGER NOT NULL REFERENCES billing_meters (id),
        unit              INTEGER NOT NULL REFERENCES billing_units (id),
        position          TEXT NOT NULL,
        installed         TEXT NOT NULL,
        removed           TEXT
      ) STRICT;
      CREATE INDEX billing_assignments_by_unit ON billing_meter_assignments (unit, position, installed);
      CREATE INDEX billing_assignments_by_meter ON billing_meter_assignments (meter, installed);

      CREATE TABLE billing_manual_readings (
        id                INTEGER PRIMARY KEY,
        meter             INTEGER NOT NULL REFERENCES billing_meters (id),
        date              TEXT NOT NULL,
        value             REAL NOT NULL,
        note              TEXT,
        UNIQUE (meter, date)
      ) STRICT;
    `,
  },
];

export const BILLING_SCHEMA_VERSION = BILLING_MIGRATIONS[BILLING_MIGRATIONS.length - 1]!.version;

function currentVersion(db: Database): number {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'billing_schema_version'`).get();
  if (!table) return 0;
  return (db.prepare(`SELECT version FROM billing_schema_version WHERE id = 1`).get() as { version: number } | undefined)?.version ?? 0;
}

/** Brings the billing tables to BILLING_SCHEMA_VERSION; refuses (without writing) a newer file. */
export function migrateBilling(db: Database): { from: number; to: number } {
  const from = currentVersion(db);
  if (from > BILLING_SCHEMA_VERSION) throw new PropertyError('BILLING_SCHEMA_NEWER', `file has ${from}, this collector knows up to ${BILLING_SCHEMA_VERSION}`);
  for (const m of BILLING_MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS billing_schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL) STRICT`);
      db.exec(m.sql);
      db.prepare(`INSERT INTO billing_schema_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version`).run(m.version);
    }).immediate();
  }
  return { from, to: BILLING_SCHEMA_VERSION };
}
