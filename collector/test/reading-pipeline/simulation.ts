/**
 * Simulated weeks of radio traffic for pipeline and API tests: a meter's cumulative consumption is a
 * piecewise-linear curve through chosen values at chosen instants (flat ±2 h around each, as little is used
 * around midnight), sampled every few hours into real telegrams (oms-telegrams.ts) that go through the
 * collector's Ingestor into the store, like uplinks from a gateway.
 */
import type { Ingestor } from '../../src/ingest/index.js';
import { berlinDateOf, endOfDay, lastDayOfMonth, resetBefore } from '../../src/billing/index.js';
import { berlinLocal, hcaTelegram, waterTelegram, type MeterSpec } from './oms-telegrams.js';

const HOUR = 3_600_000;

/** Cumulative value at an instant through knots [instant, value], constant before the first and after the last. */
export function curve(knots: readonly [number, number][]): (at: number) => number {
  const points = knots.flatMap(([at, v]): [number, number][] => [[at - 2 * HOUR, v], [at + 2 * HOUR, v]]).sort((a, b) => a[0] - b[0]);
  return (at) => {
    if (at <= points[0]![0]) return points[0]![1];
    for (let i = 1; i < points.length; i++) {
      const [t1, v1] = points[i]!;
      const [t0, v0] = points[i - 1]!;
      if (at <= t1) return v0 + ((v1 - v0) * (at - t0)) / (t1 - t0);
    }
    return points[points.length - 1]![1];
  };
}

export const atEndOf = (date: string): number => endOfDay(date);

export interface SimulatedMeter {
  meter: MeterSpec;
  type: 'water' | 'hca';
  /** Cumulative consumption since the meter was new. */
  value: (at: number) => number;
  /** The meter's yearly due date 'MM-DD'. */
  dueDate: string;
  /** No telegrams in these [from, to) instants (meter out of radio range). */
  silent?: [number, number][];
}

let seq = 1;

/** Ingests one telegram every `stepMs` (first at `from`) up to `to`, in batches of a simulated day. */
export function simulate(ingestor: Ingestor, gatewayId: string, sim: SimulatedMeter, from: number, to: number, stepMs = 6 * HOUR): number {
  let count = 0;
  let batch: { seq: number; raw: Uint8Array; receivedAt: number; stickId: string; rssiDbm: number; linkMode: 'C1'; frameFormat: 'A' }[] = [];
  const flush = () => {
    if (batch.length) ingestor.ingestBatch(gatewayId, { v: 1, sentAt: batch[batch.length - 1]!.receivedAt + 1000, telegrams: batch });
    batch = [];
  };
  for (let at = from; at < to; at += stepMs) {
    if (sim.silent?.some(([a, b]) => at >= a && at < b)) continue;
    const day = berlinDateOf(at);
    const lastDue = resetBefore(day, sim.dueDate);
    const dueBefore = resetBefore(lastDue, sim.dueDate);
    const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
    const monthEnd = month === 1 ? lastDayOfMonth(year - 1, 12) : lastDayOfMonth(year, month - 1);
    const cumulative = sim.value(at);
    const base = sim.type === 'hca' ? sim.value(endOfDay(lastDue)) : 0; // an HCA counts from 0 after its due date
    const values = {
      accessNumber: seq & 0xff,
      meterTime: berlinLocal(at),
      current: round(cumulative - base, sim.type),
      due: { value: round(sim.value(endOfDay(lastDue)) - (sim.type === 'hca' ? sim.value(endOfDay(dueBefore)) : 0), sim.type), date: lastDue },
      history: { value: round(sim.value(endOfDay(monthEnd)) - (sim.type === 'hca' ? sim.value(endOfDay(resetBefore(monthEnd, sim.dueDate))) : 0), sim.type), date: monthEnd },
    };
    const raw = sim.type === 'hca' ? hcaTelegram(sim.meter, values) : waterTelegram(sim.meter, values);
    batch.push({ seq: seq++, raw, receivedAt: at, stickId: 'stick0', rssiDbm: -70, linkMode: 'C1', frameFormat: 'A' });
    count++;
    if (batch.length >= 4) flush();
  }
  flush();
  return count;
}

/** Water meters count litres (3 decimals of m³), HCAs whole units. */
const round = (v: number, type: 'water' | 'hca') => (type === 'hca' ? Math.round(v) : Math.round(v * 1000) / 1000);
