/**
 * Applies the meter's driver to a decoded telegram: manufacturer payloads become records (decode hook),
 * named fields are picked by the driver's matchers, and the normalized reading view is built.
 * Meters without a driver still get generic records and a reading view from their device type.
 */
import { isWmbusError, WmbusError } from '../errors.js';
import type { DecodedTelegram } from '../wmbus/decode.js';
import type { DataRecord } from '../wmbus/types.js';
import { buildReadingView, kindFromDeviceType, matches, type ReadingView } from './reading.js';
import { DEFAULT_REGISTRY, type DriverRegistry } from './registry.js';
import type { DriverContext, DriverExtra, FieldSpec, MeterDriver } from './types.js';

export interface NamedField {
  name: string;
  value: number | string | null;
  unit: string;
  storage: number;
}

export interface Interpretation {
  driver: string | null;
  records: DataRecord[];
  fields: NamedField[];
  reading: ReadingView;
  warnings: string[];
}

/** `context.key`: the meter key the telegram was decoded with, for drivers whose manufacturer block is encrypted with it. */
export function interpret(decoded: DecodedTelegram, registry: DriverRegistry = DEFAULT_REGISTRY, context: DriverContext = {}): Interpretation {
  const { driver, records, reading, warnings } = applyDriver(decoded, registry, context);
  return { driver: driver?.name ?? null, records, fields: namedFields(driver?.fields ?? [], records), reading, warnings };
}

/**
 * interpret() without the named fields: the records and the reading view, which do not depend on the fields
 * (the collector stores only the view, and picking fields was most of the cost of interpreting).
 */
export function interpretReading(decoded: DecodedTelegram, registry: DriverRegistry = DEFAULT_REGISTRY, context: DriverContext = {}): Omit<Interpretation, 'fields'> {
  const { driver, records, reading, warnings } = applyDriver(decoded, registry, context);
  return { driver: driver?.name ?? null, records, reading, warnings };
}

function applyDriver(decoded: DecodedTelegram, registry: DriverRegistry, context: DriverContext): { driver: MeterDriver | undefined; records: DataRecord[]; reading: ReadingView; warnings: string[] } {
  const driver = registry.find(decoded.meter);
  const warnings: string[] = [];
  let records = decoded.records;
  let extra: DriverExtra = {};
  if (driver?.decode) {
    try {
      extra = driver.decode(decoded, context);
      if (extra.records?.length) records = records.concat(extra.records);
    } catch (e) {
      // A payload the hook cannot read must not cost the generic records: report it, keep going.
      const err = isWmbusError(e) ? e : new WmbusError('DRIVER_PAYLOAD', `${driver.name}: ${(e as Error)?.message ?? e}`);
      warnings.push(`${err.code}: ${err.message}`);
    }
  }
  // A driver for a meter family that comes as warm and cold water says 'water'; the device type of the
  // telegram then tells which one this meter is (billing splits warm water from cold).
  const typeKind = kindFromDeviceType(decoded.meter.deviceType);
  const kind = driver ? (driver.kind === 'water' && (typeKind === 'warm water' || typeKind === 'cold water') ? typeKind : driver.kind) : typeKind;
  const reading = buildReadingView(decoded, records, kind, driver?.status, driver?.history, extra.flags, extra.errorCode);
  return { driver, records, reading, warnings };
}

function namedFields(specs: readonly FieldSpec[], records: DataRecord[]): NamedField[] {
  const fields: NamedField[] = [];
  // A date-time the meter marks invalid is kept in its record (what the bytes say) but gives no field value.
  const fieldValue = (r: DataRecord) => (r.invalid ? null : r.value);
  for (const spec of specs) {
    if (spec.series) {
      for (const r of records) if (matches(r, spec.match)) fields.push({ name: `${spec.name}_${r.storage}`, value: fieldValue(r), unit: r.unit, storage: r.storage });
    } else {
      const r = records.find((x) => matches(x, spec.match));
      if (r) fields.push({ name: spec.name, value: fieldValue(r), unit: r.unit, storage: r.storage });
    }
  }
  return fields;
}
