/**
 * Checks decoded records against the expected output of the reference decoder stored with each fixture
 * (field names end in their unit: total_m3, flow_temperature_c). The unit table mirrors the one documented
 * in shared/corpus/README.md and used by shared/corpus/score.mjs, so a fixture passes here exactly when the
 * scorer would count its values.
 */
import type { DataRecord } from '../../src/wmbus/types.js';

const UNITS: Record<string, [string, number][]> = {
  m3: [['m3', 1]],
  l: [['m3', 1000]],
  kwh: [['Wh', 1e-3], ['J', 1 / 3.6e6]],
  mwh: [['Wh', 1e-6], ['J', 1 / 3.6e9]],
  gj: [['J', 1e-9], ['Wh', 3.6e-6]],
  mj: [['J', 1e-6], ['Wh', 3.6e-3]],
  hca: [['HCA', 1]],
  c: [['°C', 1]],
  k: [['K', 1]],
  f: [['°F', 1]],
  kw: [['W', 1e-3], ['J/h', 1 / 3.6e6]],
  w: [['W', 1], ['J/h', 1 / 3600]],
  m3h: [['m3/h', 1], ['m3/min', 60], ['m3/s', 3600]],
  lh: [['m3/h', 1000], ['m3/min', 60000], ['m3/s', 3.6e6]],
  counter: [['count', 1], ['', 1]],
  nr: [['count', 1], ['', 1]],
  factor: [['', 1], ['count', 1]],
  v: [['V', 1]],
  a: [['A', 1]],
  hz: [['Hz', 1]],
  h: [['s', 1 / 3600]],
  s: [['s', 1]],
  d: [['s', 1 / 86400]],
  y: [['s', 1 / (365 * 86400)]],
  rh: [['%RH', 1], ['%', 1]],
  pct: [['%', 1], ['%RH', 1]],
  bar: [['bar', 1]],
  ppm: [['ppm', 1]],
  m3c: [['m3°C', 1]],
  kvarh: [['varh', 1e-3]],
  kvah: [['VAh', 1e-3]],
  kvar: [['var', 1e-3]],
  kva: [['VA', 1e-3]],
};
const META = new Set(['_', 'id', 'media', 'meter', 'name', 'timestamp', 'device', 'rssi_dbm']);
const DATE_RE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 + 5e-4 * Math.abs(b);

/** The expected fields that no record reads, as "field=value". */
export function missingExpected(expected: Record<string, unknown>, records: readonly Pick<DataRecord, 'value' | 'unit'>[]): string[] {
  const missing: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (META.has(k) || v === null) continue;
    if (typeof v === 'number') {
      const units = UNITS[(k.match(/_([a-z0-9]+)$/) ?? [])[1] ?? ''];
      if (!units) continue;
      const ok = records.some((r) => typeof r.value === 'number' && units.some(([u, f]) => (r.unit ?? '') === u && close(r.value as number * f, v)));
      if (!ok) missing.push(`${k}=${v}`);
    } else if (typeof v === 'string' && DATE_RE.test(v) && !v.startsWith('2127-15-31') && !v.startsWith('2000-00-00')) {
      const ok = records.some((r) => typeof r.value === 'string' && (r.unit === 'date' || r.unit === 'datetime') && (r.value.replace('T', ' ').startsWith(v) || v.startsWith(r.value.replace('T', ' ').slice(0, 16))));
      if (!ok) missing.push(`${k}=${v}`);
    }
  }
  return missing;
}
