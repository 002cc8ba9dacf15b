/** What the reading pipeline hands to the HTTP API: readings with kind, provenance and audit chain, or a coded failure. */
import {
  isBillingError,
  type DateQuality,
  type LocalDate,
  type PlausibilityCode,
  type Reading,
  type ReadingKind,
  type SplitBasis,
} from '../billing/index.js';
import type { BillingMeter } from '../properties/index.js';

export type ReadingSource = 'dueDate' | 'history' | 'sample' | 'manual' | 'computed' | 'estimate';

export interface PipelineReading {
  meterId: number;
  unitId: number;
  position: string;
  kind: ReadingKind;
  /** ARGE table-S reading flag (billing-domain.md § 7.2). */
  argeFlag: string;
  /** The reading stands for the end of this day, Europe/Berlin (§ 4). */
  date: LocalDate;
  value: number;
  unit: string | null;
  source: ReadingSource;
  /** Resetting meters: the due date from whose end the value counts. */
  sinceReset?: LocalDate;
  basis?: SplitBasis;
  /** When the value was observed, if not exactly at the end of `date` (epoch ms). */
  observedAt?: number;
  quality?: DateQuality;
  /** Store readings (one per distinct telegram) the value came from, and their raw telegrams. */
  readingIds: number[];
  rawTelegramIds: number[];
  flags: { code: PlausibilityCode; detail: string }[];
  note?: string;
}

export interface PipelineFailure {
  meterId: number;
  unitId: number;
  position: string;
  date: LocalDate;
  code: string;
  message: string;
}

export type PipelineResult = PipelineReading | PipelineFailure;
export const isFailure = (r: PipelineResult): r is PipelineFailure => 'code' in r && !('kind' in r);

/** Where a reading sits: the meter and the unit position it is billed at. */
export interface Slot {
  meter: BillingMeter;
  unitId: number;
  position: string;
}

/** A pipeline reading together with the core reading it was made from (consumption needs the latter). */
export interface Resolved {
  out: PipelineReading;
  core: Reading;
}

export type Outcome = Resolved | PipelineFailure;
export const failed = (o: Outcome): o is PipelineFailure => !('core' in o);

/** A coded billing error as the failure of one meter at one date; anything else is a bug and propagates. */
export const failure = (slot: Slot, date: LocalDate, e: unknown): PipelineFailure => {
  if (isBillingError(e)) return { meterId: slot.meter.id, unitId: slot.unitId, position: slot.position, date, code: e.code, message: e.message };
  throw e;
};
