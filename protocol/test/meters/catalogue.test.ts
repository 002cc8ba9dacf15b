/**
 * The driver catalogue: every driver file is listed, detection triples are unique, names and kinds are
 * sound, and every driver reads every value of its real-meter fixtures (expected output of wmbusmeters,
 * stored with each fixture).
 */
import t from 'tap';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DRIVERS } from '../../src/meters/drivers/index.js';
import { DriverRegistry } from '../../src/meters/registry.js';
import { interpret } from '../../src/meters/interpret.js';
import { decodeTelegram } from '../../src/wmbus/decode.js';
import { fromHex } from '../../src/util/hex.js';
import { missingExpected } from '../helpers/expected.js';

const driversDir = fileURLToPath(new URL('../../src/meters/drivers/', import.meta.url));
const fixturesDir = fileURLToPath(new URL('../../../fixtures/telegrams/', import.meta.url));
const KINDS = ['hca', 'heat', 'cooling', 'heat/cooling', 'warm water', 'cold water', 'water', 'gas', 'electricity', 'room sensor', 'smoke detector', 'other'];

function driverFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return driverFiles(p);
    // A driver file declares a MeterDriver; other files beside drivers (payload helpers) are not listed.
    return f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.list.ts') && /:\s*MeterDriver\s*=/.test(readFileSync(p, 'utf8')) ? [p] : [];
  });
}

t.test('every driver file is listed in a group list', async (t) => {
  const files = driverFiles(driversDir);
  const lists = readdirSync(driversDir)
    .filter((f) => f.endsWith('.list.ts'))
    .map((f) => readFileSync(join(driversDir, f), 'utf8'))
    .join('\n');
  for (const f of files) {
    const rel = f.slice(driversDir.length).replace(/\.ts$/, '.js');
    t.ok(lists.includes(`'./${rel}'`), `${rel} imported in a *.list.ts`);
  }
  const index = readFileSync(join(driversDir, 'index.ts'), 'utf8');
  for (const f of readdirSync(driversDir).filter((x) => x.endsWith('.list.ts'))) t.ok(index.includes(`'./${f.replace(/\.ts$/, '.js')}'`), `${f} in index.ts`);
});

t.test('names unique, detection unique, kinds known', async (t) => {
  t.doesNotThrow(() => new DriverRegistry(DRIVERS), 'no two drivers claim one (manufacturer, version, type)');
  t.equal(new Set(DRIVERS.map((d) => d.name)).size, DRIVERS.length, 'unique names');
  for (const d of DRIVERS) {
    t.match(d.name, /^[a-z0-9_]+$/, `${d.name}: name`);
    t.ok(KINDS.includes(d.kind), `${d.name}: kind ${d.kind}`);
    t.ok(d.detect.length > 0, `${d.name}: detects something`);
    for (const x of d.detect) t.match(x.manufacturer, /^[A-Z@]{3}$/, `${d.name}: manufacturer ${x.manufacturer}`);
    t.ok(d.fixtures.length > 0, `${d.name}: has fixtures`);
    for (const f of d.fields ?? []) t.match(f.name, /^[a-z0-9_]+$/, `${d.name}: field ${f.name}`);
  }
});

function fixtureFiles(ref: string): string[] {
  const p = join(fixturesDir, ref);
  if (!existsSync(p)) return [];
  if (statSync(p).isFile()) return [p];
  return readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => join(p, f));
}

const registry = new DriverRegistry(DRIVERS);
for (const driver of DRIVERS) {
  t.test(`driver ${driver.name} reads its fixtures`, async (t) => {
    const files = driver.fixtures.flatMap(fixtureFiles);
    t.ok(files.length > 0, `fixtures present for ${driver.fixtures.join(', ')}`);
    const formats = registry.compactFormatStore();
    const deviations = driver.deviations ?? {};
    for (const ref of Object.keys(deviations)) t.ok(files.includes(join(fixturesDir, ref)), `deviation names a listed fixture file: ${ref}`);
    for (const file of files) {
      const fx = JSON.parse(readFileSync(file, 'utf8')) as { hex?: string; telegrams?: string[]; key: string | null; expected: Record<string, unknown> };
      const hexes = fx.telegrams ?? [fx.hex!];
      let last;
      const key = fx.key ? fromHex(fx.key) : null;
      for (const hex of hexes) last = decodeTelegram(fromHex(hex), { key, compactFormats: formats });
      const result = interpret(last!, registry, { key });
      t.equal(result.driver, driver.name, `${file}: detected`);
      const missing = missingExpected(fx.expected, [...result.records, ...result.fields]);
      // Declared deviations: fields this driver reads differently from the reference, for a stated reason.
      const declared = deviations[file.slice(fixturesDir.length)] ?? {};
      for (const [field, reason] of Object.entries(declared)) {
        t.ok(field in fx.expected, `${file}: deviation ${field} is a field of the fixture`);
        t.ok(reason.trim().length > 20, `${file}: deviation ${field} gives its reason`);
        t.ok(missing.some((m) => m.startsWith(`${field}=`)), `${file}: deviation ${field} still differs (not stale)`);
      }
      t.same(missing.filter((m) => !(m.slice(0, m.indexOf('=')) in declared)), [], `${file}: every expected value read`);
    }
  });
}
