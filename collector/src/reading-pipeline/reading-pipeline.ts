/**
 * The reading pipeline: stored telegrams → billing readings with kinds and audit ids, per meter and date.
 *
 * - Period end (kind A): the meter's own due-date value where its date is the period end, else the value
 *   closest to the end of that day within a tolerance (billing/period-end.ts; [BFW-GOHL], [EDDI-UEB]).
 * - Tenant change at the move-out date: the meter's value at the end of that day from a telegram or its
 *   monthly history (ZA); else computed between the period's opening and closing readings by degree days
 *   (heat, HCA) or days (water) (B); else, where asked, an estimate H1..H5 / D6 / D7 ([SEED-EDDI], § 1.8–1.9).
 * - Evaporative HCAs are read on site (manual readings); their interim reading counts only within
 *   400–800 ‰ since the last main reading, else the split goes by degree days ([SEED-ISTA], § 5.1).
 *
 * Every reading carries the store reading ids and raw telegram ids it came from (several for B and estimates).
 */
import {
  BillingError,
  DEGREE_DAY_TABLES,
  argeReadingFlag,
  checkReadingDate,
  checkSeries,
  checkSetDate,
  computeReadingBetween,
  endOfDay,
  evaporativeHcaTenantChange,
  evaporativeInterimWindow,
  readingAtEndOfDay,
  resetBefore,
  selectPeriodEndReading,
  splitBasisFor,
  type DegreeDayTable,
  type LocalDate,
  type MeterValues,
  type PlausibilityFlag,
  type Reading,
} from '../billing/index.js';
import type { BillingMeter, PropertiesStore, Property } from '../properties/index.js';
import { billingPeriod, type BillingPeriod } from './billing-period.js';
import { dueValuesOf, nextDueDate } from './boundaries.js';
import { estimatedReading } from './estimated-reading.js';
import { meterInfo } from './meter-info.js';
import { StoredValues, type ValuesWindow } from './stored-values.js';
import { failed, failure, type Outcome, type PipelineFailure, type PipelineReading, type ReadingSource, type Resolved, type Slot } from './types.js';

const DAY_MS = 86_400_000;

export type EstimateKind = 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'D6' | 'D7';

export interface PipelineOptions {
  /** Period-end tolerance around the end of the day, days (default 31, [EDDI-UEB]). */
  periodToleranceDays?: number;
  /** How far from midnight a current value may stand for the end of a tenant-change day (default 3 h). */
  sampleToleranceMs?: number;
  /** Stored readings looked at on each side of a target instant. */
  window?: { before: number; after: number };
}

const coreFlags = (flags: readonly PlausibilityFlag[]) => flags.map((f) => ({ code: f.code, detail: f.detail }));

export class ReadingPipeline {
  readonly props: PropertiesStore;
  private readonly values: StoredValues;
  private readonly toleranceDays: number;
  private readonly sampleToleranceMs: number;
  private readonly window: { before: number; after: number };
  private readonly endOfDayCache = new Map<LocalDate, number>();
  private readonly storeMeterCache = new Map<number, { newest: number; stamp: string; map: Map<number, number> }>();

  constructor(props: PropertiesStore, options: PipelineOptions = {}) {
    this.props = props;
    this.values = new StoredValues(props.db);
    this.toleranceDays = options.periodToleranceDays ?? 31;
    this.sampleToleranceMs = options.sampleToleranceMs ?? 3 * 3_600_000;
    this.window = options.window ?? { before: 2, after: 6 };
  }

  period(property: Property, periodEnd: string): BillingPeriod {
    return billingPeriod(property, periodEnd);
  }

  table(property: Property): DegreeDayTable {
    return DEGREE_DAY_TABLES[property.degreeDayTable as keyof typeof DEGREE_DAY_TABLES] ?? DEGREE_DAY_TABLES.exact;
  }

  // ---- values of one meter

  /** endOfDay needs the Berlin offset (Intl, slow); one date serves every meter of a request. */
  endOf(date: LocalDate): number {
    let at = this.endOfDayCache.get(date);
    if (at === undefined) {
      at = endOfDay(date);
      if (this.endOfDayCache.size > 1000) this.endOfDayCache.clear();
      this.endOfDayCache.set(date, at);
    }
    return at;
  }

  private radioWindow(meter: BillingMeter, date: LocalDate): ValuesWindow | undefined {
    const storeMeter = this.values.storeMeter(meter.manufacturer!, meter.radioId!);
    if (storeMeter === undefined) return undefined;
    return this.values.around(storeMeter, this.endOf(date), { ...this.window, spanMs: this.toleranceDays * DAY_MS });
  }

  /**
   * Windows of many radio meters at one date, in two round trips: first only the telegram right after the
   * end of the day (it carries the due-date value the meter froze, the usual case), then the full window for
   * the meters where that was not enough. Keyed by billing meter id; a meter that never sent is absent.
   */
  prefetchWindows(storeMeters: Map<number, number>, date: LocalDate): Map<number, ValuesWindow> {
    const at = this.endOf(date);
    const spanMs = this.toleranceDays * DAY_MS;
    const first = this.values.windows([...storeMeters.values()], at, { before: 0, after: 1, spanMs });
    const again = [...first].filter(([, w]) => !w.values.stored.some((s) => s.date === date)).map(([m]) => m);
    const full = this.values.windows(again, at, { ...this.window, spanMs });
    const out = new Map<number, ValuesWindow>();
    for (const [billing, store] of storeMeters) out.set(billing, full.get(store) ?? first.get(store)!);
    return out;
  }

  /** Billing meter id → store meter number for the given meters of a property that have sent something. */
  storeMetersOf(propertyId: number, only: ReadonlySet<number>): Map<number, number> {
    const newest = this.values.newestStoreMeter();
    let cached = this.storeMeterCache.get(propertyId);
    if (!cached || cached.newest !== newest || cached.stamp !== this.props.changeStamp()) {
      cached = { newest, stamp: this.props.changeStamp(), map: this.values.storeMetersOfProperty(propertyId) };
      if (this.storeMeterCache.size > 100) this.storeMeterCache.clear();
      this.storeMeterCache.set(propertyId, cached);
    }
    const out = new Map<number, number>();
    for (const [billing, store] of cached.map) if (only.has(billing)) out.set(billing, store);
    return out;
  }

  /** Fills in the raw telegram ids of many readings with one statement (the audit chain). */
  fillAudit(readings: readonly PipelineReading[]): void {
    const raw = this.values.rawTelegramIds([...new Set(readings.flatMap((r) => r.readingIds))]);
    for (const r of readings) r.rawTelegramIds = r.readingIds.flatMap((id) => raw.get(id) ?? []).sort((a, b) => a - b);
  }

  /** Manual readings as stored values (no telegram: empty audit ids). */
  private manualValues(meter: BillingMeter): MeterValues {
    return {
      meterId: String(meter.id),
      samples: [],
      stored: this.props.manualReadings(meter.id).map((m) => ({ value: m.value, date: m.date, telegramId: '', source: 'dueDate' as const })),
    };
  }

  /** A core reading as the API shows it: kind, ARGE flag, source, audit ids (raw ids: fillAudit). */
  resolve(slot: Slot, core: Reading, source: ReadingSource, extra: Partial<PipelineReading> = {}, units?: Map<string, string>): Resolved {
    const ids = core.telegramIds;
    // One telegram is the common case (period end, ZA): no Set, no sort.
    const readingIds = ids.length === 1 ? (ids[0] === '' ? [] : [Number(ids[0])]) : [...new Set(ids.filter((id) => id !== '').map(Number))].sort((a, b) => a - b);
    let unit: string | null = null;
    if (units) for (const id of ids) if ((unit = units.get(id) ?? null) !== null) break;
    const out: PipelineReading = {
      meterId: slot.meter.id,
      unitId: slot.unitId,
      position: slot.position,
      kind: core.kind,
      argeFlag: argeReadingFlag(core.kind, core.basis),
      date: core.date,
      value: core.value,
      unit,
      source,
      ...(core.sinceReset !== undefined ? { sinceReset: core.sinceReset } : {}),
      ...(core.basis !== undefined ? { basis: core.basis } : {}),
      ...(core.observedAt !== undefined ? { observedAt: core.observedAt } : {}),
      readingIds,
      rawTelegramIds: [], // fillAudit() fills them for a whole result at once
      flags: coreFlags(checkReadingDate(core)),
      ...extra,
    };
    return { out, core };
  }

  /**
   * Kind A at a due date (or any date: install/removal readings use the same rules). `prefetched`: the
   * meter's window from prefetchWindows (undefined: the meter never sent anything).
   */
  periodEndReading(slot: Slot, date: LocalDate, prefetched?: { window: ValuesWindow | undefined }): Outcome {
    const info = meterInfo(slot.meter);
    try {
      if (slot.meter.manufacturer === null) {
        const found = this.manualValues(slot.meter).stored.find((s) => s.date === date);
        if (!found) throw new BillingError('READING_MISSING', `meter ${slot.meter.id} (read on site) has no manual reading at ${date}`);
        const sinceReset = info.resetsAtDueDate && info.dueDate ? resetBefore(date, info.dueDate) : undefined;
        return this.resolve(slot, { meterId: info.meterId, kind: 'A', value: found.value, date, telegramIds: [], ...(sinceReset ? { sinceReset } : {}) }, 'manual');
      }
      const w = prefetched ? prefetched.window : this.radioWindow(slot.meter, date);
      if (!w) throw new BillingError('NO_READING_IN_TOLERANCE', `radio meter ${slot.meter.manufacturer} ${slot.meter.radioId} has sent nothing yet`);
      const selection = selectPeriodEndReading(info, w.values, date, { toleranceDays: this.toleranceDays });
      const flags = [...checkSetDate(info, w.values.stored.filter((s) => s.telegramId === selection.reading.telegramIds[0])), ...statusFlags(info, w)];
      const r = this.resolve(slot, selection.reading, selection.source, { quality: selection.quality }, w.units);
      r.out.flags.push(...coreFlags(flags));
      return r;
    } catch (e) {
      return failure(slot, date, e);
    }
  }

  /**
   * An evaporative HCA gets a fresh ampoule at its main reading, so a period opens at 0 for it whatever the
   * old ampoule showed ([SEED-ISTA], billing-domain.md § 5.1): the opening reading counts from that day.
   */
  freshAmpoule(slot: Slot, date: LocalDate): Resolved {
    const core: Reading = { meterId: String(slot.meter.id), kind: 'A', value: 0, date, telegramIds: [], sinceReset: date };
    return this.resolve(slot, core, 'manual', { note: 'fresh ampoule at the main reading' });
  }

  /** The value at the end of `date` as the meter delivered it (ZA), or undefined. */
  deliveredReading(slot: Slot, date: LocalDate): Resolved | undefined {
    if (slot.meter.manufacturer === null) {
      const found = this.props.manualReadings(slot.meter.id).find((m) => m.date === date);
      if (!found) return undefined;
      const info = meterInfo(slot.meter);
      const sinceReset = info.resetsAtDueDate && info.dueDate ? resetBefore(date, info.dueDate) : undefined;
      return this.resolve(slot, { meterId: info.meterId, kind: 'ZA', value: found.value, date, telegramIds: [], ...(sinceReset ? { sinceReset } : {}) }, 'manual');
    }
    const w = this.radioWindow(slot.meter, date);
    if (!w) return undefined;
    const reading = readingAtEndOfDay(meterInfo(slot.meter), w.values, date, this.sampleToleranceMs);
    if (!reading) return undefined;
    const id = reading.telegramIds[0];
    const source: ReadingSource = w.values.stored.find((s) => s.telegramId === id && s.date === date)?.source ?? 'sample';
    const r = this.resolve(slot, reading, source, {}, w.units);
    r.out.flags.push(...coreFlags(statusFlags(meterInfo(slot.meter), w)));
    return r;
  }

  /**
   * The reading at the end of a move-out day. `enclosing` are the readings opening and closing the
   * period (or the meter's install/removal readings inside it), used for kind B.
   */
  tenantChangeReading(property: Property, slot: Slot, moveOut: LocalDate, enclosing: { before: Outcome; after: Outcome }, estimate?: EstimateKind): Outcome {
    const table = this.table(property);
    const info = meterInfo(slot.meter);
    try {
      if (info.hcaPrinciple === 'evaporative') return this.evaporativeTenantChange(property, slot, moveOut, enclosing, table);
      const delivered = this.deliveredReading(slot, moveOut);
      if (delivered) return delivered;
      if (!failed(enclosing.before) && !failed(enclosing.after)) {
        const before = enclosing.before.core;
        const after = enclosing.after.core;
        const targetSinceReset = info.resetsAtDueDate && info.dueDate ? resetBefore(moveOut, info.dueDate) : undefined;
        const dueValues = dueValuesOf(info.dueDate, info.resetsAtDueDate, [before, after]);
        const core = computeReadingBetween(before, after, moveOut, splitBasisFor(info.type), { table, dueValues, ...(targetSinceReset ? { targetSinceReset } : {}) });
        return this.resolve(slot, core, 'computed', {}, mergedUnits(enclosing));
      }
      if (estimate) return estimatedReading(this, property, slot, moveOut, enclosing.before, estimate);
      const missing = failed(enclosing.before) ? enclosing.before : (enclosing.after as PipelineFailure);
      throw new BillingError('NO_ENCLOSING_READINGS', `meter ${slot.meter.id} has no value at ${moveOut}, and ${missing.date}: ${missing.message}`);
    } catch (e) {
      return failure(slot, moveOut, e);
    }
  }

  private evaporativeTenantChange(property: Property, slot: Slot, moveOut: LocalDate, enclosing: { before: Outcome; after: Outcome }, table: DegreeDayTable): Outcome {
    const period = billingPeriod(property, nextDueDate(moveOut, property.dueDate));
    // A fresh ampoule at the main reading: the period starts from 0 ([SEED-ISTA], § 5.1).
    const lastMain: Reading = { meterId: String(slot.meter.id), kind: 'A', value: 0, date: period.opening, telegramIds: [], sinceReset: period.opening };
    const interim = this.deliveredReading(slot, moveOut);
    if (!failed(enclosing.after)) {
      const result = evaporativeHcaTenantChange({ lastMain, periodEnd: enclosing.after.core, moveOut, table, ...(interim ? { interim: interim.core } : {}) });
      const note = `${result.reason}: ${result.permille.toFixed(2)} ‰ since the main reading ${period.opening}`;
      return this.resolve(slot, result.reading, result.reason === 'interim-in-window' ? 'manual' : 'computed', { note });
    }
    const check = evaporativeInterimWindow(period.opening, moveOut, table);
    if (interim && check.accepted) return { ...interim, out: { ...interim.out, note: `interim-in-window: ${check.permille.toFixed(2)} ‰ since the main reading ${period.opening}` } };
    throw new BillingError('NO_ENCLOSING_READINGS', `evaporative HCA ${slot.meter.id}: ${interim ? `interim reading at ${check.permille.toFixed(2)} ‰ is outside 400–800 ‰` : 'no interim reading'}, and no period-end reading to split by degree days`);
  }
}

function statusFlags(info: ReturnType<typeof meterInfo>, w: ValuesWindow): PlausibilityFlag[] {
  const samples = w.values.samples;
  // A single sample without status cannot raise a series or status flag.
  if (samples.length < 2 && !samples[0]?.status) return [];
  return checkSeries(info, samples);
}

function mergedUnits(enclosing: { before: Outcome; after: Outcome }): Map<string, string> {
  const units = new Map<string, string>();
  for (const o of [enclosing.before, enclosing.after]) {
    if (!failed(o) && o.out.unit !== null) for (const id of o.core.telegramIds) units.set(id, o.out.unit);
  }
  return units;
}
