/** Shared test material: real telegrams from fixtures/telegrams, temp database files, uplink batches. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc16En13757, fromHex, type UplinkBatch, type UplinkTelegram } from '@wmbus/protocol';

const FIXTURES = new URL('../../../fixtures/telegrams/', import.meta.url);

export interface TelegramFixture {
  raw: Uint8Array;
  key: Uint8Array | null;
  expected: Record<string, unknown>;
}

export function fixture(path: string): TelegramFixture {
  const json = JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8')) as { hex: string; key: string | null; expected: Record<string, unknown> };
  return { raw: fromHex(json.hex), key: json.key ? fromHex(json.key) : null, expected: json.expected };
}

/** Every fixture file: its name, telegrams in order (several for compact-frame cases) and key. */
export function allFixtures(): { file: string; telegrams: Uint8Array[]; key: Uint8Array | null }[] {
  const out: { file: string; telegrams: Uint8Array[]; key: Uint8Array | null }[] = [];
  for (const dir of readdirSync(FIXTURES).sort()) {
    for (const name of readdirSync(new URL(`${dir}/`, FIXTURES)).sort()) {
      if (!name.endsWith('.json')) continue;
      const json = JSON.parse(readFileSync(new URL(`${dir}/${name}`, FIXTURES), 'utf8')) as { hex?: string; telegrams?: string[]; key?: string | null };
      const hexes = json.telegrams ?? (json.hex ? [json.hex] : []);
      out.push({ file: `${dir}/${name}`, telegrams: hexes.map(fromHex), key: json.key ? fromHex(json.key) : null });
    }
  }
  return out;
}

/** A fresh directory for database files, removed when the test ends. */
export function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'collector-ingest-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const T0 = Date.UTC(2026, 1, 9, 9, 41, 30);

export function telegram(seq: number, raw: Uint8Array, extra: Partial<UplinkTelegram> = {}): UplinkTelegram {
  return { seq, raw, receivedAt: T0, stickId: 'stick0', rssiDbm: -70, linkMode: 'C1', frameFormat: 'A', ...extra };
}

export function batch(...telegrams: UplinkTelegram[]): UplinkBatch {
  return { v: 1, sentAt: T0 + 1000, telegrams };
}

/**
 * The same telegram as a stick that keeps the DLL CRCs delivers it (frame A, radio.md § 3.3: block 1 =
 * 10 bytes + CRC, then 16-byte blocks + CRC), with two trailer bytes (LQI, RSSI) as a CUL appends them.
 */
export function withFrameACrcs(telegram: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let pos = 0; pos < telegram.length; ) {
    const n = pos === 0 ? 10 : Math.min(16, telegram.length - pos);
    const block = telegram.subarray(pos, pos + n);
    const crc = crc16En13757(block);
    out.push(...block, crc >> 8, crc & 0xff);
    pos += n;
  }
  out.push(0x80, 0x31);
  return Uint8Array.from(out);
}
