/**
 * `wmbus replay`: decodes the fixture telegrams and prints one line per telegram with what it reads.
 * It is what `npm start` shows until the agent and collector run the whole site.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { fromHex } from '../util/hex.js';
import { decodeTelegram } from '../wmbus/decode.js';
import { CompactFormatStore } from '../wmbus/compact-formats.js';
import { errorJson, parseKey } from './commands.js';

interface Fixture {
  hex?: string;
  telegrams?: string[];
  key?: string | null;
  source?: string;
}

function listJson(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const p = join(path, name);
      return statSync(p).isDirectory() ? listJson(p) : name.endsWith('.json') ? [p] : [];
    });
}

export async function replayFixtures(path: string, stdout: Writable, stderr: Writable): Promise<number> {
  let files: string[];
  try {
    files = listJson(path);
  } catch (e) {
    stderr.write(`cannot read ${path}: ${(e as Error).message}\n`);
    return 1;
  }
  const formats = new CompactFormatStore();
  let ok = 0;
  let failed = 0;
  for (const file of files) {
    const fx = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
    const hexes = fx.telegrams ?? (fx.hex ? [fx.hex] : []);
    for (const hex of hexes) {
      try {
        const d = decodeTelegram(fromHex(hex), { key: parseKey(fx.key), compactFormats: formats });
        const values = d.records
          .filter((r) => r.value !== null && r.unit !== 'raw')
          .slice(0, 6)
          .map((r) => `${r.quantity}${r.storage ? `[${r.storage}]` : ''}=${r.value}${r.unit && r.unit !== 'date' && r.unit !== 'datetime' ? ' ' + r.unit : ''}`);
        stdout.write(`${d.meter.manufacturer} ${d.meter.id} ${d.meter.deviceTypeName.padEnd(20)} ${values.join(', ')}\n`);
        ok++;
      } catch (e) {
        const err = errorJson(e);
        stdout.write(`${file}: ${err.code} ${err.message}\n`);
        failed++;
      }
    }
  }
  stdout.write(`${ok} telegrams decoded, ${failed} failed\n`);
  return 0;
}
