/**
 * API keys for billing systems and administrators. Stored as SHA-256 hashes in a JSON file (mode 0600);
 * the clear key is shown once at creation and never logged (the HTTP logger redacts the header).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type ApiRole = 'admin' | 'billing';
export const API_ROLES: readonly ApiRole[] = ['admin', 'billing'];

interface StoredKey {
  id: string;
  name: string;
  role: ApiRole;
  hash: string;
  createdAt: string;
}

const hash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export class ApiKeys {
  private keys: StoredKey[] = [];
  private loadedMtimeMs = 0;

  private constructor(private readonly path: string | null) {}

  /** In memory only (tests). */
  static memory(): ApiKeys {
    return new ApiKeys(null);
  }

  static open(path: string): ApiKeys {
    const k = new ApiKeys(path);
    k.reloadIfChanged();
    return k;
  }

  /** Keys created by `wmbus-collector apikey create` while the service runs take effect without a restart. */
  private reloadIfChanged(): void {
    if (!this.path || !existsSync(this.path)) return;
    const mtime = statSync(this.path).mtimeMs;
    if (mtime === this.loadedMtimeMs) return;
    this.keys = (JSON.parse(readFileSync(this.path, 'utf8')) as { keys: StoredKey[] }).keys;
    this.loadedMtimeMs = mtime;
  }

  create(role: ApiRole, name: string = role): { id: string; key: string } {
    this.reloadIfChanged();
    const id = randomBytes(6).toString('hex');
    const key = `wmk_${id}_${randomBytes(24).toString('base64url')}`;
    this.keys.push({ id, name, role, hash: hash(key), createdAt: new Date().toISOString() });
    this.save();
    return { id, key };
  }

  revoke(id: string): boolean {
    const before = this.keys.length;
    this.keys = this.keys.filter((k) => k.id !== id);
    this.save();
    return this.keys.length < before;
  }

  /** The role of a presented key, or undefined. Compares hashes in constant time. */
  verify(key: string | undefined): { id: string; role: ApiRole } | undefined {
    if (!key) return undefined;
    this.reloadIfChanged();
    const h = Buffer.from(hash(key), 'hex');
    for (const k of this.keys) if (timingSafeEqual(Buffer.from(k.hash, 'hex'), h)) return { id: k.id, role: k.role };
    return undefined;
  }

  list(): { id: string; name: string; role: ApiRole; createdAt: string }[] {
    return this.keys.map(({ id, name, role, createdAt }) => ({ id, name, role, createdAt }));
  }

  private save(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ keys: this.keys }, null, 1), { mode: 0o600 });
    renameSync(tmp, this.path);
    this.loadedMtimeMs = statSync(this.path).mtimeMs;
  }
}
