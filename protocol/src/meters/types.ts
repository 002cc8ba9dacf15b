/**
 * Meter drivers are data (architecture.md § 2.1, rule 3): detection triples, field matchers over decoded
 * records, status bit maps, known compact-frame formats. A `decode` hook is the escape hatch for
 * manufacturer payloads; it turns them into ordinary records so the rest of the pipeline stays generic.
 */
import type { DataRecord, RecordFunction } from '../wmbus/types.js';
import type { DecodedTelegram } from '../wmbus/decode.js';

export type MeterKind =
  | 'hca'
  | 'heat'
  | 'cooling'
  | 'heat/cooling'
  | 'warm water'
  | 'cold water'
  | 'water'
  | 'gas'
  | 'electricity'
  | 'room sensor'
  | 'smoke detector'
  | 'other';

/** (manufacturer, version, device type) as the meter's highest-level address gives them. */
export interface Detect {
  manufacturer: string;
  version: number;
  deviceType: number;
}

/** Selects records; every given condition must hold. */
export interface RecordMatch {
  quantity?: string | readonly string[];
  /** Exact storage number, or an inclusive range [from, to]. */
  storage?: number | readonly [number, number];
  tariff?: number;
  subunit?: number;
  function?: RecordFunction;
  /** Exact DIF..VIFE header hex, e.g. "04FD17". */
  header?: string;
  /** Every listed modifier must be present. */
  modifiers?: readonly string[];
  /** No modifier at all (e.g. the plain total, not the backward-flow one). */
  plain?: boolean;
}

export interface FieldSpec {
  /** Semantic name in snake_case without unit, e.g. "total", "target", "flow_temperature". */
  name: string;
  match: RecordMatch;
  /** For series (history): one field per matching record, named `${name}_${storage}`. */
  series?: boolean;
}

/** Normalized status flags of the reading view. */
export type StatusFlag = 'battery_low' | 'tamper' | 'leak' | 'reverse_flow' | 'dry' | 'burst' | 'error' | 'no_consumption' | 'overflow' | 'removed' | 'smoke';

export interface StatusBitMap {
  /** Where the bits come from: the TPL status byte, or the first record matching `match`. */
  source: 'tpl_status' | RecordMatch;
  bits: Readonly<Record<number, { flag: StatusFlag; text: string }>>;
}

export interface HistorySpec {
  /** Storage numbers holding monthly values, first = most recent month end. */
  storage: readonly [number, number];
  /** Dates derived from the meter clock: storage `first` is the end of the previous month, and so on. */
  derive: 'month-ends-before-meter-time';
}

export interface DriverExtra {
  /** Records read from manufacturer payloads; they join the generic records. */
  records?: DataRecord[];
  /** Status flags read from manufacturer payloads. */
  flags?: { flag: StatusFlag; text: string }[];
  /** Error code of the meter, if its payload carries one. */
  errorCode?: number;
}

/** What a decode hook may need beyond the telegram: the meter key, for payloads encrypted inside the manufacturer block. */
export interface DriverContext {
  key?: Uint8Array | null;
}

export interface MeterDriver {
  name: string;
  /** What the meter is, as printed on it or its datasheet. */
  description: string;
  manufacturerName: string;
  kind: MeterKind;
  detect: readonly Detect[];
  fields?: readonly FieldSpec[];
  status?: readonly StatusBitMap[];
  history?: HistorySpec;
  /** DIF/VIF formats (hex) of compact frames this meter sends, so they decode before any full frame. */
  compactFormats?: readonly string[];
  /** Escape hatch for manufacturer payloads (CI A0–B7, DIF 0F data, non-standard records). */
  decode?: (telegram: DecodedTelegram, context: DriverContext) => DriverExtra;
  /** Fixture files (under fixtures/telegrams/) from real meters that this driver must read. */
  fixtures: readonly string[];
  /**
   * Expected fields of a fixture (the reference decoder's output) that this driver deliberately reads
   * differently, per fixture file (path under fixtures/telegrams/), each with the reason and its source,
   * e.g. `{ 'kaden/KadenD10.json': { target_date: 'type G year 127 = every year (EN 13757-3 Annex A)' } }`.
   * The catalogue test skips exactly these fields and fails when one is read equal after all (stale) or
   * names a field the fixture does not have.
   */
  deviations?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}
