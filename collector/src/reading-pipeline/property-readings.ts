/**
 * Readings and consumption of a whole property for one billing period: what billing systems pull.
 *
 * Consumption per tenancy and meter = difference of the readings at its boundaries (billing-domain.md § 4:
 * R(moveOut) − R(moveIn − 1 day)), each boundary reading with its own kind: the period's opening and
 * closing readings are A, move-out readings ZA/B/estimate, install and removal readings of a swapped meter
 * A; a swapped meter is summed by segment (billing/consumption.ts, § 9).
 */
import {
  clipTenancyToPeriod,
  compareDates,
  daysInclusive,
  degreeDays,
  isBillingError,
  openingReadingDate,
  tenancyConsumption,
  type LocalDate,
  type Reading,
} from '../billing/index.js';
import type { BillingMeter, MeterAssignment, Property, Tenancy } from '../properties/index.js';
import { activeAt, dueValuesOf } from './boundaries.js';
import type { EstimateKind, ReadingPipeline } from './reading-pipeline.js';
import { meterInfo, ratingFactor } from './meter-info.js';
import { failed, isFailure, type Outcome, type Resolved, type PipelineFailure, type PipelineReading, type PipelineResult, type Slot } from './types.js';

const out = (o: Outcome): PipelineResult => (failed(o) ? o : o.out);

export interface PeriodEndPage {
  periodEnd: LocalDate;
  items: PipelineResult[];
  /** Pass as `after` for the next page (a billing meter id); null on the last page. */
  nextAfter: number | null;
}

export interface TenantChange {
  tenancyId: number;
  unitId: number;
  tenant: string | null;
  vacancy: boolean;
  moveOut: LocalDate;
  readings: PipelineResult[];
}

export interface SegmentOut {
  meterId: number;
  from: PipelineReading;
  to: PipelineReading;
  consumption: number;
  /** Consumption × K_Q × K_C for unit-scale HCAs (else equal to consumption). */
  rated: number;
}

export interface PositionConsumption {
  position: string;
  total: number;
  ratedTotal: number;
  segments: SegmentOut[];
}

export interface TenancyConsumptionOut {
  tenancyId: number;
  unitId: number;
  tenant: string | null;
  vacancy: boolean;
  /** The part of the tenancy inside the period, both days inclusive. */
  from: LocalDate;
  to: LocalDate;
  /**
   * Shares for the fixed costs of a tenant change (§ 9b HeizkostenV, billing-domain.md § 1.9, § 4): calendar
   * days of the part (warm water: pro rata temporis) of the period's days, and its degree-day ‰ (heating)
   * of the period's, by the property's degree-day table.
   */
  days: number;
  periodDays: number;
  degreeDayPermille: number;
  periodDegreeDayPermille: number;
  positions: PositionConsumption[];
  failures: PipelineFailure[];
}

interface MasterData {
  stamp: string;
  meters: Map<number, BillingMeter>;
  assignments: MeterAssignment[];
  /** Assignments active at a date, sorted by meter id (period-end pages). */
  activeAt: Map<LocalDate, MeterAssignment[]>;
}

export class PropertyReadings {
  /** Meters and assignments per property, valid while the property store's change stamp holds. */
  private readonly master = new Map<number, MasterData>();

  constructor(private readonly pipeline: ReadingPipeline) {}

  private masterData(property: Property): MasterData {
    const stamp = this.pipeline.props.changeStamp();
    const hit = this.master.get(property.id);
    if (hit && hit.stamp === stamp) return hit;
    const data: MasterData = {
      stamp,
      meters: new Map(this.pipeline.props.meters(property.id).map((m) => [m.id, m])),
      assignments: this.pipeline.props.assignmentsOfProperty(property.id),
      activeAt: new Map(),
    };
    if (this.master.size > 100) this.master.clear();
    this.master.set(property.id, data);
    return data;
  }

  private property(propertyId: number): Property {
    return this.pipeline.props.property(propertyId);
  }

  private slot(a: MeterAssignment, meters?: Map<number, BillingMeter>): Slot {
    return { meter: meters?.get(a.meterId) ?? this.pipeline.props.meter(a.meterId), unitId: a.unitId, position: a.position };
  }

  private audit<T extends PipelineResult>(results: readonly T[]): T[] {
    this.pipeline.fillAudit(results.filter((r): r is T & PipelineReading => !isFailure(r)));
    return [...results];
  }

  /** Kind-A readings of every meter installed at the period end, by billing meter id, keyset-paginated. */
  periodEndReadings(propertyId: number, periodEnd: string, page: { after?: number; limit?: number } = {}): PeriodEndPage {
    const property = this.property(propertyId);
    const period = this.pipeline.period(property, periodEnd);
    const limit = page.limit ?? 100;
    const after = page.after ?? 0;
    const master = this.masterData(property);
    let allActive = master.activeAt.get(period.last);
    if (!allActive) {
      allActive = master.assignments.filter((a) => activeAt(a, period.last)).sort((a, b) => a.meterId - b.meterId || compareDates(a.installed, b.installed));
      master.activeAt.set(period.last, allActive);
    }
    const meters = master.meters;
    const active = after > 0 ? allActive.filter((a) => a.meterId > after) : allActive;
    const chosen = active.slice(0, limit);
    const storeMeters = this.pipeline.storeMetersOf(property.id, new Set(chosen.map((a) => a.meterId)));
    const windows = this.pipeline.prefetchWindows(storeMeters, period.last);
    const items = this.audit(chosen.map((a) => out(this.pipeline.periodEndReading(this.slot(a, meters), period.last, { window: windows.get(a.meterId) }))));
    return { periodEnd: period.last, items, nextAfter: active.length > limit ? chosen[chosen.length - 1]!.meterId : null };
  }

  /** Readings at every move-out inside the period (not at the period end itself: that is the A reading). */
  tenantChangeReadings(propertyId: number, periodEnd: string, options: TenancyPage & { estimate?: EstimateKind } = {}): TenantChange[] {
    const property = this.property(propertyId);
    const period = this.pipeline.period(property, periodEnd);
    const result: TenantChange[] = [];
    const assignments = this.pipeline.props.assignmentsOfProperty(property.id);
    for (const tenancy of tenanciesInOrder(this.pipeline.props.tenanciesOfProperty(property.id), options)) {
      const moveOut = tenancy.moveOut;
      if (!moveOut || compareDates(moveOut, period.first) < 0 || compareDates(moveOut, period.last) >= 0) continue;
      if (result.length === (options.limit ?? Infinity)) break;
      const readings = assignments
        .filter((a) => a.unitId === tenancy.unitId && activeAt(a, moveOut))
        .map((a) => out(this.boundary(property, this.slot(a), a, moveOut, period.opening, period.last, options.estimate, new Map())));
      result.push({ tenancyId: tenancy.id, unitId: tenancy.unitId, tenant: tenancy.tenant, vacancy: tenancy.vacancy, moveOut, readings });
    }
    this.audit(result.flatMap((c) => c.readings));
    return result;
  }

  /**
   * The reading of one meter at a boundary date: the period's opening or closing (A), the meter's own install
   * or removal day (A), or a tenant change (ZA / B / estimate). `cache` keeps one reading per (meter, date).
   */
  private boundary(
    property: Property,
    slot: Slot,
    assignment: MeterAssignment,
    date: LocalDate,
    opening: LocalDate,
    closing: LocalDate,
    estimate: EstimateKind | undefined,
    cache: Map<string, Outcome>,
  ): Outcome {
    const key = `${slot.meter.id}@${date}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let result: Outcome;
    if (slot.meter.kind === 'hcaEvaporative' && (date === opening || date === assignment.installed)) {
      result = this.pipeline.freshAmpoule(slot, date);
    } else if (date === opening || date === closing || date === assignment.installed || date === assignment.removed) {
      result = this.pipeline.periodEndReading(slot, date);
    } else {
      // Kind B needs the readings enclosing the date within this meter's stay in the period.
      const before = compareDates(assignment.installed, opening) > 0 ? assignment.installed : opening;
      const after = assignment.removed && compareDates(assignment.removed, closing) < 0 ? assignment.removed : closing;
      const enclosing = {
        before: this.boundary(property, slot, assignment, before, opening, closing, undefined, cache),
        after: this.boundary(property, slot, assignment, after, opening, closing, undefined, cache),
      };
      result = this.pipeline.tenantChangeReading(property, slot, date, enclosing, estimate);
    }
    cache.set(key, result);
    return result;
  }

  /** Consumption of every tenancy (and vacancy) overlapping the period, per unit position and meter segment. */
  consumption(propertyId: number, periodEnd: string, options: TenancyPage & { estimate?: EstimateKind; unitId?: number } = {}): TenancyConsumptionOut[] {
    const property = this.property(propertyId);
    const period = this.pipeline.period(property, periodEnd);
    const assignments = this.pipeline.props.assignmentsOfProperty(property.id);
    const cache = new Map<string, Outcome>();
    const table = this.pipeline.table(property);
    const result: TenancyConsumptionOut[] = [];
    for (const tenancy of tenanciesInOrder(this.pipeline.props.tenanciesOfProperty(property.id), options)) {
      if (options.unitId !== undefined && tenancy.unitId !== options.unitId) continue;
      const clipped = clipTenancyToPeriod(asCoreTenancy(tenancy), period);
      if (!clipped) continue;
      if (result.length === (options.limit ?? Infinity)) break;
      const item: TenancyConsumptionOut = {
        tenancyId: tenancy.id,
        unitId: tenancy.unitId,
        tenant: tenancy.tenant,
        vacancy: tenancy.vacancy,
        from: clipped.moveIn,
        to: clipped.moveOut!,
        days: daysInclusive(clipped.moveIn, clipped.moveOut!),
        periodDays: daysInclusive(period.first, period.last),
        degreeDayPermille: degreeDays(clipped.moveIn, clipped.moveOut!, table),
        periodDegreeDayPermille: degreeDays(period.first, period.last, table),
        positions: [],
        failures: [],
      };
      const byPosition = new Map<string, MeterAssignment[]>();
      for (const a of assignments) if (a.unitId === tenancy.unitId) byPosition.set(a.position, [...(byPosition.get(a.position) ?? []), a]);
      for (const [position, segments] of [...byPosition].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const openingDate = openingReadingDate(clipped.moveIn);
        const closingDate = clipped.moveOut!;
        const readings: Resolved[] = [];
        let broken = false;
        for (const seg of segments) {
          const from = compareDates(openingDate, seg.installed) >= 0 ? openingDate : seg.installed;
          const to = seg.removed && compareDates(seg.removed, closingDate) < 0 ? seg.removed : closingDate;
          if (compareDates(from, to) >= 0) continue;
          for (const date of [from, to]) {
            const o = this.boundary(property, this.slot(seg), seg, date, period.opening, period.last, options.estimate, cache);
            if (failed(o)) {
              item.failures.push(o);
              broken = true;
            } else readings.push(o);
          }
        }
        if (broken) continue;
        try {
          const coreReadings: Reading[] = readings.map((r) => r.core);
          const meters = new Map(segments.map((s) => [s.meterId, this.pipeline.props.meter(s.meterId)]));
          const dueValues = [...meters.values()].flatMap((m) => {
            const info = meterInfo(m);
            return dueValuesOf(info.dueDate, info.resetsAtDueDate, coreReadings.filter((r) => r.meterId === String(m.id)));
          });
          const c = tenancyConsumption(
            { tenancyId: String(tenancy.id), moveIn: clipped.moveIn, moveOut: clipped.moveOut! },
            closingDate,
            segments.map((s) => ({ meterId: String(s.meterId), installed: s.installed, ...(s.removed ? { removed: s.removed } : {}) })),
            coreReadings,
            dueValues,
          );
          const outOf = (r: Reading) => readings.find((x) => x.core === r)!.out;
          const segs = c.segments.map((s) => {
            const factor = ratingFactor(meters.get(Number(s.meterId))!);
            return { meterId: Number(s.meterId), from: outOf(s.from), to: outOf(s.to), consumption: s.consumption, rated: s.consumption * factor };
          });
          item.positions.push({ position, total: c.total, ratedTotal: segs.reduce((sum, s) => sum + s.rated, 0), segments: segs });
        } catch (e) {
          if (!isBillingError(e)) throw e;
          item.failures.push({ meterId: segments[0]!.meterId, unitId: tenancy.unitId, position, date: closingDate, code: e.code, message: e.message });
        }
      }
      result.push(item);
    }
    this.audit(result.flatMap((i) => i.positions.flatMap((p) => p.segments.flatMap((s) => [s.from, s.to]))));
    return result;
  }
}


/** Keyset pages over tenancies: ids after `after`, at most `limit` results. */
export interface TenancyPage {
  after?: number;
  limit?: number;
}

function tenanciesInOrder(tenancies: Tenancy[], page: TenancyPage): Tenancy[] {
  return tenancies.filter((t) => t.id > (page.after ?? 0)).sort((a, b) => a.id - b.id);
}

function asCoreTenancy(t: Tenancy) {
  return { tenancyId: String(t.id), moveIn: t.moveIn, ...(t.moveOut ? { moveOut: t.moveOut } : {}) };
}
