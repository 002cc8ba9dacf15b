/**
 * The meter keys an installer provisions. One JSON file, mode 0600 in a 0700 directory, written atomically
 * (temp file + rename). Keys are never logged or printed: listings show a fingerprint (first bytes of the
 * key's SHA-256) so an installer can compare with the key sheet without exposing it.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';
  constructor(
    readonly code: 'KEY_FORMAT' | 'METER_ID_FORMAT' | 'KEY_FILE' | 'CSV_FORMAT',
    message: string,
  ) {
    super(message);
  }
}

export interface MeterKey {
  /** Meter identification number, 8 digits as printed. */
  id: string;
  /** Optional manufacturer (three letters) when ids collide across manufacturers. */
  manufacturer?: string;
  /** 32 hex characters (AES-128) or 16 (DES). Stored uppercase. */
  key: string;
  added: string;
}

interface KeyFile {
  version: 1;
  keys: MeterKey[];
}

const ID_RE = /^[0-9A-Fa-f]{8}$/;
const KEY_RE = /^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{16})$/;

export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key.toUpperCase()).digest('hex').slice(0, 8);
}

export class KeyStore {
  private keys: MeterKey[] = [];
  private byId = new Map<string, MeterKey[]>();

  private constructor(readonly path: string) {}

  static open(path: string): KeyStore {
    const store = new KeyStore(path);
    if (existsSync(path)) {
      let parsed: KeyFile;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
      } catch (e) {
        throw new KeyStoreError('KEY_FILE', `${path} is not a key file: ${(e as Error).message}`);
      }
      if (parsed.version !== 1 || !Array.isArray(parsed.keys)) throw new KeyStoreError('KEY_FILE', `${path}: unknown key file version`);
      store.keys = parsed.keys;
      store.reindex();
    }
    return store;
  }

  /** Adds or replaces the key of a meter. Returns true when it replaced one. */
  add(id: string, key: string, manufacturer?: string): boolean {
    if (!ID_RE.test(id)) throw new KeyStoreError('METER_ID_FORMAT', `meter id must be 8 digits, got "${id}"`);
    const clean = key.replace(/\s/g, '');
    if (!KEY_RE.test(clean)) throw new KeyStoreError('KEY_FORMAT', `key for ${id} must be 32 hex characters (AES) or 16 (DES)`);
    const mfct = manufacturer?.toUpperCase();
    const before = this.keys.length;
    this.keys = this.keys.filter((k) => !(k.id === id.toUpperCase() && k.manufacturer === mfct));
    this.keys.push({ id: id.toUpperCase(), ...(mfct ? { manufacturer: mfct } : {}), key: clean.toUpperCase(), added: new Date().toISOString() });
    this.reindex();
    this.save();
    return this.keys.length === before;
  }

  remove(id: string, manufacturer?: string): boolean {
    const before = this.keys.length;
    this.keys = this.keys.filter((k) => !(k.id === id.toUpperCase() && (manufacturer === undefined || k.manufacturer === manufacturer.toUpperCase())));
    this.reindex();
    this.save();
    return this.keys.length < before;
  }

  /**
   * Imports `id,key` or `manufacturer,id,key` lines (a header line and # comments are skipped). All lines are
   * checked first; nothing is stored when one is wrong, and every wrong line is reported.
   */
  importCsv(text: string): number {
    const rows: { id: string; key: string; manufacturer?: string }[] = [];
    const errors: string[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      const t = line.trim();
      if (!t || t.startsWith('#')) return;
      const cells = t.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
      if (i === 0 && cells.some((c) => /key|schl/i.test(c))) return;
      const [a, b, c] = cells;
      const row = cells.length >= 3 ? { manufacturer: a!, id: b!, key: c! } : { id: a ?? '', key: b ?? '' };
      if (!ID_RE.test(row.id) || !KEY_RE.test(row.key)) errors.push(`line ${i + 1}: expected id,key or manufacturer,id,key`);
      else rows.push(row);
    });
    if (errors.length) throw new KeyStoreError('CSV_FORMAT', errors.join('; '));
    for (const r of rows) {
      this.keys = this.keys.filter((k) => !(k.id === r.id.toUpperCase() && k.manufacturer === r.manufacturer?.toUpperCase()));
      this.keys.push({ id: r.id.toUpperCase(), ...(r.manufacturer ? { manufacturer: r.manufacturer.toUpperCase() } : {}), key: r.key.toUpperCase(), added: new Date().toISOString() });
    }
    this.reindex();
    this.save();
    return rows.length;
  }

  /** The key for a meter: an entry with its manufacturer first, then one without. */
  lookup(id: string, manufacturer: string): Uint8Array | null {
    const list = this.byId.get(id);
    if (!list) return null;
    const k = list.find((x) => x.manufacturer === manufacturer) ?? list.find((x) => x.manufacturer === undefined);
    return k ? Uint8Array.from(Buffer.from(k.key, 'hex')) : null;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Listing without the keys themselves. */
  list(): { id: string; manufacturer?: string; fingerprint: string; bits: number; added: string }[] {
    return this.keys.map((k) => ({ id: k.id, ...(k.manufacturer ? { manufacturer: k.manufacturer } : {}), fingerprint: keyFingerprint(k.key), bits: k.key.length * 4, added: k.added }));
  }

  get size(): number {
    return this.keys.length;
  }

  private reindex(): void {
    this.byId = new Map();
    for (const k of this.keys) {
      const list = this.byId.get(k.id) ?? [];
      list.push(k);
      this.byId.set(k.id, list);
    }
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ version: 1, keys: this.keys } satisfies KeyFile, null, 1) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}
