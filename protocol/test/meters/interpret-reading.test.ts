/**
 * interpretReading is interpret without the named fields: driver, records, reading view and warnings must
 * be the same for every fixture telegram (the collector stores the view it gives).
 */
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { fromHex } from '../../src/util/hex.js';
import { decodeTelegram } from '../../src/wmbus/decode.js';
import { interpret, interpretReading } from '../../src/meters/interpret.js';
import { DEFAULT_REGISTRY } from '../../src/meters/registry.js';

const FIXTURES = new URL('../../../fixtures/telegrams/', import.meta.url);

t.test('interpretReading gives what interpret gives, fields left out', async (t) => {
  const formats = DEFAULT_REGISTRY.compactFormatStore();
  let compared = 0;
  let withHistory = 0;
  for (const dir of readdirSync(FIXTURES).sort()) {
    for (const name of readdirSync(new URL(`${dir}/`, FIXTURES)).sort()) {
      if (!name.endsWith('.json')) continue;
      const fx = JSON.parse(readFileSync(new URL(`${dir}/${name}`, FIXTURES), 'utf8')) as { hex?: string; telegrams?: string[]; key?: string | null };
      const key = fx.key ? fromHex(fx.key) : null;
      for (const hex of fx.telegrams ?? (fx.hex ? [fx.hex] : [])) {
        let decoded;
        try {
          decoded = decodeTelegram(fromHex(hex), { key, compactFormats: formats });
        } catch {
          continue;
        }
        const { fields, ...full } = interpret(decoded, DEFAULT_REGISTRY, { key });
        void fields;
        const reading = interpretReading(decoded, DEFAULT_REGISTRY, { key });
        if (JSON.stringify(reading) !== JSON.stringify(full)) t.fail(`${dir}/${name}`);
        if (reading.reading.history.length) withHistory++;
        compared++;
      }
    }
  }
  t.ok(compared > 300, `${compared} telegrams compared`);
  t.ok(withHistory > 10, `${withHistory} with history`);
});
