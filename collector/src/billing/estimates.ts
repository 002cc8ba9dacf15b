/**
 * Estimated consumption where a meter recorded none usable (§ 9a HeizkostenV, billing-domain.md § 1.8):
 * H1..H5 = mean of the same meter over the last 1–5 periods; D6 = average of meters of the same type in the
 * current period; D7 = same type and same room ([SEED-EDDI], § 7.1). If the estimated area exceeds 25 % of
 * the relevant area, costs go by the fixed keys only ([HKV-2009] § 9a Abs. 2).
 */
import type { LocalDate } from './calendar.js';
import { BillingError } from './errors.js';
import { legalValue } from './legal-parameters.js';
import type { HistoricKind, MeterType, Reading } from './reading.js';

export interface EstimatedConsumption {
  kind: HistoricKind | 'D6' | 'D7';
  value: number;
  /** Periods (H) or meter ids (D) the estimate is based on, for audit. */
  basedOn: readonly string[];
}

export interface PastPeriodConsumption {
  periodId: string;
  consumption: number;
}

/** Mean of the `periods` most recent past consumptions of the same meter (list newest first). */
export function estimateFromHistory(past: readonly PastPeriodConsumption[], periods: 1 | 2 | 3 | 4 | 5): EstimatedConsumption {
  if (![1, 2, 3, 4, 5].includes(periods)) throw new BillingError('VALUE_INVALID', `H${periods}`);
  const used = past.slice(0, periods);
  if (used.length < periods || used.some((p) => !Number.isFinite(p.consumption))) {
    throw new BillingError('NO_HISTORY', `H${periods} needs ${periods} periods, ${used.length} usable`);
  }
  const value = used.reduce((sum, p) => sum + p.consumption, 0) / periods;
  return { kind: `H${periods}` as HistoricKind, value, basedOn: used.map((p) => p.periodId) };
}

export interface PeerConsumption {
  meterId: string;
  type: MeterType;
  room?: string;
  consumption: number;
}

/** D6 (same type) or D7 (same type and room) average over the current period, excluding the meter itself. */
export function estimateFromPeers(
  target: { meterId: string; type: MeterType; room?: string },
  peers: readonly PeerConsumption[],
  kind: 'D6' | 'D7',
): EstimatedConsumption {
  const used = peers.filter(
    (p) => p.meterId !== target.meterId && p.type === target.type && Number.isFinite(p.consumption) && (kind === 'D6' || (target.room !== undefined && p.room === target.room)),
  );
  if (used.length === 0) throw new BillingError('NO_PEERS', `${kind} for ${target.meterId}`);
  return { kind, value: used.reduce((sum, p) => sum + p.consumption, 0) / used.length, basedOn: used.map((p) => p.meterId) };
}

/** The closing reading implied by an estimate: opening value + estimated consumption, carrying the estimate's kind. */
export function readingFromEstimate(opening: Reading, estimate: EstimatedConsumption, date: string): Reading {
  return {
    meterId: opening.meterId,
    kind: estimate.kind,
    value: opening.value + estimate.value,
    date,
    telegramIds: opening.telegramIds,
    ...(opening.sinceReset !== undefined ? { sinceReset: opening.sinceReset } : {}),
  };
}

/** § 9a Abs. 2: true when the estimated area exceeds 25 % (parameter valid at `periodStart`) and costs must be split by fixed keys only. */
export function estimatedAreaExceedsLimit(estimatedArea: number, totalArea: number, periodStart: LocalDate): boolean {
  const limit = legalValue('estimatedAreaLimit', periodStart);
  if (!(totalArea > 0) || !(estimatedArea >= 0) || estimatedArea > totalArea) throw new BillingError('VALUE_INVALID', `area ${estimatedArea} of ${totalArea}`);
  return estimatedArea / totalArea > limit;
}
