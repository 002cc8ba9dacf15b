/** Loads fixture telegrams for the tools (fuzz seeds, benchmark mix). Paths are relative to the repo root. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../util/hex.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export interface TelegramFixture {
  file: string;
  driver: string;
  telegrams: Uint8Array[];
  key: Uint8Array | null;
  expected?: Record<string, unknown>;
}

/** The fixture files under `path` (a folder, walked in name order, or one file). */
export function loadTelegramFixtures(path = join(FIXTURES_DIR, 'telegrams')): TelegramFixture[] {
  if (statSync(path).isFile()) return [readFixture(path)];
  const out: TelegramFixture[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    if (statSync(p).isDirectory()) out.push(...loadTelegramFixtures(p));
    else if (name.endsWith('.json')) out.push(readFixture(p));
  }
  return out;
}

function readFixture(p: string): TelegramFixture {
  const fx = JSON.parse(readFileSync(p, 'utf8')) as { driver?: string; hex?: string; telegrams?: string[]; key?: string | null; expected?: Record<string, unknown> };
  const hexes = fx.telegrams ?? (fx.hex ? [fx.hex] : []);
  return {
    file: p,
    driver: fx.driver ?? 'unknown',
    telegrams: hexes.map(fromHex),
    key: fx.key ? fromHex(fx.key) : null,
    ...(fx.expected ? { expected: fx.expected } : {}),
  };
}

export interface BenchTelegram {
  driver: string;
  id: string;
  key: Uint8Array | null;
  bytes: Uint8Array;
}

export function loadBenchMix(file = join(FIXTURES_DIR, 'bench-mix.tsv')): BenchTelegram[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const [driver, id, key, hex] = line.split('\t');
      return { driver: driver!, id: id!, key: key && key !== 'NOKEY' ? fromHex(key) : null, bytes: fromHex(hex!) };
    });
}
