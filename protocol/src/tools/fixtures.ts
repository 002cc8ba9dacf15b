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

export function loadTelegramFixtures(dir = join(FIXTURES_DIR, 'telegrams')): TelegramFixture[] {
  const out: TelegramFixture[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      out.push(...loadTelegramFixtures(p));
      continue;
    }
    if (!name.endsWith('.json')) continue;
    const fx = JSON.parse(readFileSync(p, 'utf8')) as { driver?: string; hex?: string; telegrams?: string[]; key?: string | null; expected?: Record<string, unknown> };
    const hexes = fx.telegrams ?? (fx.hex ? [fx.hex] : []);
    out.push({
      file: p,
      driver: fx.driver ?? 'unknown',
      telegrams: hexes.map(fromHex),
      key: fx.key ? fromHex(fx.key) : null,
      ...(fx.expected ? { expected: fx.expected } : {}),
    });
  }
  return out;
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
