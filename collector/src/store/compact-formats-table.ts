import type { Database, Statement } from 'better-sqlite3';
import type { CompactFormat } from './repository.js';

/** Compact-frame formats learned from full frames (radio.md § 6), so a restart can decode compact frames at once. */
export class CompactFormatsTable {
  private readonly insert: Statement;
  private readonly all: Statement<[], { signature: number; format: Buffer }>;

  constructor(db: Database) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO compact_formats (signature, format, learned_at) VALUES (?, ?, ?)`);
    this.all = db.prepare(`SELECT signature, format FROM compact_formats ORDER BY signature`);
  }

  /** Stores the formats not stored yet; returns how many were new. */
  save(formats: readonly CompactFormat[], at: number): number {
    let added = 0;
    for (const f of formats) added += this.insert.run(f.signature, Buffer.from(f.format), at).changes;
    return added;
  }

  list(): CompactFormat[] {
    return this.all.all().map((r) => ({ signature: r.signature, format: new Uint8Array(r.format) }));
  }
}
