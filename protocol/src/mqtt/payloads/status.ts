/**
 * `…/status`, retained, QoS 1. The agent sets `{state: 'offline'}` as its MQTT will and publishes
 * `online` after connecting and `offline` on a clean stop (architecture.md § 3 rule 7).
 */
import { object, oneOf, timestampMs, type Infer } from '../schema.js';
import { version } from './common.js';

export const statusSchema = object({
  v: version(),
  state: oneOf(['online', 'offline'] as const),
  /** When the gateway produced this state (ms since epoch, UTC). */
  ts: timestampMs(),
});
export type StatusPayload = Infer<typeof statusSchema>;
