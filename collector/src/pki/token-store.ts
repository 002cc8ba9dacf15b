/**
 * Storage of enrollment token hashes behind a small synchronous interface (synchronous so that
 * "find, then mark used" cannot interleave with another request). In-memory for tests, a JSON file for a
 * single collector process; the collector's SQLite database can implement the same interface later.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface EnrollmentTokenRecord {
  tokenHash: string;
  gatewayId: string;
  createdAt: number;
  expiresAt: number;
  usedAt?: number;
}

export interface EnrollmentTokenStore {
  insert(record: EnrollmentTokenRecord): void;
  find(tokenHash: string): EnrollmentTokenRecord | undefined;
  /** Marks the token used; returns false if it was already used (or is unknown). */
  markUsed(tokenHash: string, usedAt: number): boolean;
}

export class MemoryTokenStore implements EnrollmentTokenStore {
  protected readonly records = new Map<string, EnrollmentTokenRecord>();

  insert(record: EnrollmentTokenRecord): void {
    this.records.set(record.tokenHash, { ...record });
  }

  find(tokenHash: string): EnrollmentTokenRecord | undefined {
    const record = this.records.get(tokenHash);
    return record ? { ...record } : undefined;
  }

  markUsed(tokenHash: string, usedAt: number): boolean {
    const record = this.records.get(tokenHash);
    if (!record || record.usedAt !== undefined) return false;
    record.usedAt = usedAt;
    return true;
  }
}

/**
 * Keeps the records in a JSON file, rewritten atomically (temp file + rename) on every change. The file is
 * read again before every look-up, so a token issued by `wmbus-collector gateway add` while the service runs
 * is found by the service (enrollments are rare; the read is cheap).
 */
export class JsonFileTokenStore extends MemoryTokenStore {
  constructor(private readonly path: string) {
    super();
    this.reload();
  }

  private reload(): void {
    if (!existsSync(this.path)) return;
    const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as { tokens?: EnrollmentTokenRecord[] };
    this.records.clear();
    for (const record of parsed.tokens ?? []) this.records.set(record.tokenHash, record);
  }

  override insert(record: EnrollmentTokenRecord): void {
    this.reload();
    super.insert(record);
    this.save();
  }

  override find(tokenHash: string): EnrollmentTokenRecord | undefined {
    this.reload();
    return super.find(tokenHash);
  }

  override markUsed(tokenHash: string, usedAt: number): boolean {
    this.reload();
    const changed = super.markUsed(tokenHash, usedAt);
    if (changed) this.save();
    return changed;
  }

  private save(): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ tokens: [...this.records.values()] }, null, 1), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}
