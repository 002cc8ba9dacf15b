import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Test } from 'tap';
import { Outbox, type OutboxEntry, type OutboxOptions } from '../../src/store/outbox.js';
import { TELEGRAMS, telegramBytes } from './fixtures/telegrams.js';

/** A fresh directory per test, removed at teardown. */
export function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens an outbox that is closed at teardown (if the test did not close it). */
export function openOutbox(t: Test, options: Partial<OutboxOptions> & { path: string }): Outbox {
  const outbox = Outbox.open({ gatewayId: 'gw-test', ...options });
  t.teardown(() => {
    try {
      outbox.close();
    } catch {
      /* a test that broke the file on purpose */
    }
  });
  return outbox;
}

/** A second, independent connection: sees only what the outbox really committed. */
export function observer(t: Test, path: string): Database.Database {
  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  return db;
}

/** Entry i of a stream built from the real fixture telegrams; decoded bytes name i, so rows cannot swap unnoticed. */
export function fixtureEntry(i: number, receivedAt?: number): OutboxEntry {
  const f = TELEGRAMS[i % TELEGRAMS.length]!;
  return {
    raw: telegramBytes(f),
    ...(receivedAt !== undefined ? { receivedAt } : {}),
    manufacturer: f.manufacturer,
    meterId: f.meterId,
    version: f.version,
    deviceType: f.deviceType,
    rssiDbm: -60 - (i % 30),
    linkMode: 'C1',
    stickId: 'im871a-0',
    decoded: f.encrypted ? null : new TextEncoder().encode(`reading ${i}`),
    decodeStatus: f.encrypted ? 'KEY_MISSING' : 'ok',
  };
}

export const countRows = (db: Database.Database): number => db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;

/** Polls until cond() holds (or the deadline passes): timer-driven commits without fixed sleeps. */
export async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}
