/**
 * `wmbus replay`: decodes the fixture telegrams and prints one line per telegram with what it reads.
 * It is what `npm start` shows until the agent and collector run the whole site.
 */
import type { Writable } from 'node:stream';
import { decodeTelegram } from '../wmbus/decode.js';
import { CompactFormatStore } from '../wmbus/compact-formats.js';
import { loadTelegramFixtures, type TelegramFixture } from '../tools/fixtures.js';
import { errorJson } from './commands.js';

export async function replayFixtures(path: string, stdout: Writable, stderr: Writable): Promise<number> {
  let fixtures: TelegramFixture[];
  try {
    fixtures = loadTelegramFixtures(path);
  } catch (e) {
    stderr.write(`cannot read ${path}: ${(e as Error).message}\n`);
    return 1;
  }
  const formats = new CompactFormatStore();
  let ok = 0;
  let failed = 0;
  for (const fx of fixtures) {
    for (const telegram of fx.telegrams) {
      try {
        const d = decodeTelegram(telegram, { key: fx.key, compactFormats: formats });
        const values = d.records
          .filter((r) => r.value !== null && r.unit !== 'raw')
          .slice(0, 6)
          .map((r) => `${r.quantity}${r.storage ? `[${r.storage}]` : ''}=${r.value}${r.unit && r.unit !== 'date' && r.unit !== 'datetime' ? ' ' + r.unit : ''}${r.invalid ? ' (invalid)' : ''}`);
        stdout.write(`${d.meter.manufacturer} ${d.meter.id} ${d.meter.deviceTypeName.padEnd(20)} ${values.join(', ')}\n`);
        ok++;
      } catch (e) {
        const err = errorJson(e);
        stdout.write(`${fx.file}: ${err.code} ${err.message}\n`);
        failed++;
      }
    }
  }
  stdout.write(`${ok} telegrams decoded, ${failed} failed\n`);
  return 0;
}
