/**
 * How a reading's DataRecord[] is stored: JSON, one array per record with the fields in a fixed order,
 * instead of one object per record. Field names made up about half of every record (~200 bytes each,
 * up to 60 records per telegram), and bytes written are what limits the ingest (scripts/bench-ingest.ts).
 * Still plain JSON, so `json_extract(records, '$[0][10]')` works in the sqlite3 shell.
 *
 * Layout: [offset, length, header, data, storage, tariff, subunit, function, quantity, description, value,
 * unit] plus, only when the record has any, an object with the remaining fields (modifiers,
 * plainTextUnit, source, and whatever a later protocol version adds), so nothing is lost.
 */
import type { DataRecord } from '@wmbus/protocol';

const FIELDS = ['offset', 'length', 'header', 'data', 'storage', 'tariff', 'subunit', 'function', 'quantity', 'description', 'value', 'unit'] as const;
const POSITIONAL = new Set<string>(FIELDS);

export function encodeRecords(records: readonly DataRecord[]): string {
  const rows: unknown[] = [];
  for (const r of records) {
    const row: unknown[] = [r.offset, r.length, r.header, r.data, r.storage, r.tariff, r.subunit, r.function, r.quantity, r.description, r.value, r.unit];
    let extra: Record<string, unknown> | undefined;
    for (const key of Object.keys(r)) {
      const value = (r as unknown as Record<string, unknown>)[key];
      if (POSITIONAL.has(key) || value === undefined) continue;
      (extra ??= {})[key] = value;
    }
    if (extra) row.push(extra);
    rows.push(row);
  }
  return JSON.stringify(rows);
}

export function decodeRecords(json: string): DataRecord[] {
  const rows = JSON.parse(json) as unknown[][];
  return rows.map((row) => {
    const r: Record<string, unknown> = {};
    FIELDS.forEach((field, i) => (r[field] = row[i]));
    const extra = row[FIELDS.length];
    if (extra) Object.assign(r, extra);
    return r as unknown as DataRecord;
  });
}
