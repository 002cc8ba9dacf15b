#!/usr/bin/env node
// Copies the shared corpus (../shared/corpus/wmbusmeters/cases.json) into fixtures/telegrams/<driver>/<case>.json,
// one file per real telegram with its key, expected values and provenance, and the benchmark mix into
// fixtures/bench-mix.tsv. Run again when the shared corpus grows:  node scripts/import-corpus.mjs
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus');
const cases = JSON.parse(readFileSync(join(corpus, 'wmbusmeters', 'cases.json'), 'utf8'));
const seen = new Map();
for (const c of cases) {
  const driver = c.driver_canonical || c.driver || 'unknown';
  const base = String(c.name || c.id || 'case').replace(/[^A-Za-z0-9_.-]+/g, '_');
  const n = (seen.get(`${driver}/${base}`) ?? 0) + 1;
  seen.set(`${driver}/${base}`, n);
  const file = join(root, 'fixtures', 'telegrams', driver, `${base}${n > 1 ? `_${n}` : ''}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const fixture = {
    driver,
    id: c.id,
    ...(c.telegrams_hex && c.telegrams_hex.length ? { telegrams: c.telegrams_hex } : { hex: c.telegram_hex }),
    key: c.key && c.key !== 'NOKEY' ? c.key : null,
    expected: c.expected_json,
    source: `wmbusmeters/wmbusmeters@4dedd717d3af: ${c.source_file} (via shared/corpus/wmbusmeters/cases.json)`,
  };
  writeFileSync(file, JSON.stringify(fixture, null, 1) + '\n');
}
copyFileSync(join(corpus, 'bench-mix.tsv'), join(root, 'fixtures', 'bench-mix.tsv'));
console.log(`${cases.length} corpus cases written to fixtures/telegrams/`);
