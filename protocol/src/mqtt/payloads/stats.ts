/**
 * `…/stats`, QoS 1, every export interval. Counters count since the previous export and are reset after
 * it (ChirpStack's GatewayStats, architecture.md § 1.7); gauges (queue, disk, stick state) are snapshots.
 */
import { array, nullable, object, oneOf, optional, record, timestampMs, uint, type Infer } from '../schema.js';
import { idString, LINK_MODES, version } from './common.js';

export const STICK_STATES = ['ok', 'opening', 'absent', 'error'] as const;

export const statsSchema = object({
  v: version(),
  ts: timestampMs(),
  /** Length of the period the counters cover. */
  intervalMs: uint(),
  queue: object({
    /** Telegrams in the outbox not yet acknowledged by the collector. */
    depth: uint(),
    /** Age of the oldest unsent telegram; null when the queue is empty. */
    oldestUnsentAgeMs: nullable(uint()),
  }),
  sticks: array(
    object({
      id: idString(),
      state: oneOf(STICK_STATES),
      linkModes: optional(array(oneOf(LINK_MODES), { maxItems: 8 })),
    }),
    { maxItems: 16 },
  ),
  /** Named counters (e.g. framesOk, crcErrors, decryptFailures, mqttReconnects); names are open. */
  counters: record(uint()),
  disk: object({ freeBytes: uint(), totalBytes: uint() }),
});
export type StatsPayload = Infer<typeof statsSchema>;
