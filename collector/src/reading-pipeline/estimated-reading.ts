/**
 * Estimated readings where a tenant change can be neither read (ZA) nor computed (B), when the caller asks
 * for one (§ 9a HeizkostenV, billing-domain.md § 1.8; kinds per [SEED-EDDI], § 7.1):
 * - H1..H5: mean consumption of the same meter over the last 1–5 periods, times the share of the period up
 *   to the move-out (degree days for heat and HCAs, days for water);
 * - D6 / D7: average consumption of meters of the same type (D7: and room) from the period start to the
 *   move-out day, as they delivered it.
 */
import {
  BillingError,
  consumptionBetween,
  estimateFromHistory,
  estimateFromPeers,
  readingFromEstimate,
  resetBefore,
  shareUpTo,
  splitBasisFor,
  type LocalDate,
} from '../billing/index.js';
import type { Property } from '../properties/index.js';
import { activeAt, dueValuesOf, nextDueDate } from './boundaries.js';
import { meterInfo } from './meter-info.js';
import type { EstimateKind, ReadingPipeline } from './reading-pipeline.js';
import { failed, type Outcome, type Slot } from './types.js';

/** H1..H5: the same meter's past periods; D6/D7: peers of the same type (and room) over the same days. */
export function estimatedReading(pipeline: ReadingPipeline, property: Property, slot: Slot, moveOut: LocalDate, opening: Outcome, kind: EstimateKind): Outcome {
  if (failed(opening)) throw new BillingError('NO_ENCLOSING_READINGS', `estimate ${kind} needs the opening reading at ${opening.date}: ${opening.message}`);
  const info = meterInfo(slot.meter);
  const open = opening.core;
  if (kind.startsWith('H')) {
    const n = Number(kind.slice(1)) as 1 | 2 | 3 | 4 | 5;
    const past: { periodId: string; consumption: number }[] = [];
    const ids: string[] = [];
    let end = open.date;
    for (let k = 0; k < n; k++) {
      const start = resetBefore(end, property.dueDate);
      const a = pipeline.periodEndReading(slot, start);
      const b = pipeline.periodEndReading(slot, end);
      if (failed(a) || failed(b)) break;
      past.push({ periodId: end, consumption: consumptionBetween(a.core, b.core, dueValuesOf(info.dueDate, info.resetsAtDueDate, [a.core, b.core])) });
      ids.push(...a.core.telegramIds, ...b.core.telegramIds);
      end = start;
    }
    const estimate = estimateFromHistory(past, n);
    const share = shareUpTo(open.date, moveOut, nextDueDate(moveOut, property.dueDate), splitBasisFor(info.type), pipeline.table(property));
    const core = readingFromEstimate(open, { ...estimate, value: estimate.value * share }, moveOut);
    return pipeline.resolve(slot, { ...core, telegramIds: [...open.telegramIds, ...ids] }, 'estimate', { note: `mean of periods ending ${estimate.basedOn.join(', ')} × share ${share.toFixed(4)}` });
  }
  const peers: { meterId: string; type: typeof info.type; room?: string; consumption: number }[] = [];
  const ids: string[] = [];
  for (const a of pipeline.props.assignmentsOfProperty(property.id)) {
    if (a.meterId === slot.meter.id || !activeAt(a, moveOut)) continue;
    const peer = pipeline.props.meter(a.meterId);
    const peerInfo = meterInfo(peer);
    if (peerInfo.type !== info.type) continue;
    const peerSlot = { meter: peer, unitId: a.unitId, position: a.position };
    const from = pipeline.periodEndReading(peerSlot, open.date);
    const to = pipeline.deliveredReading(peerSlot, moveOut);
    if (failed(from) || !to) continue;
    peers.push({ meterId: String(peer.id), type: peerInfo.type, ...(peer.room ? { room: peer.room } : {}), consumption: consumptionBetween(from.core, to.core, dueValuesOf(peerInfo.dueDate, peerInfo.resetsAtDueDate, [from.core])) });
    ids.push(...from.core.telegramIds, ...to.core.telegramIds);
  }
  const estimate = estimateFromPeers({ meterId: String(slot.meter.id), type: info.type, ...(slot.meter.room ? { room: slot.meter.room } : {}) }, peers, kind as 'D6' | 'D7');
  const core = readingFromEstimate(open, estimate, moveOut);
  return pipeline.resolve(slot, { ...core, telegramIds: [...open.telegramIds, ...ids] }, 'estimate', { note: `average of meters ${estimate.basedOn.join(', ')}` });
}
