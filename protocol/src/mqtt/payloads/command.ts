/**
 * `…/cmd/<id>` (collector → gateway, QoS 1) and `…/cmd-ack/<id>` (gateway → collector, QoS 1).
 * The command id in the topic equals `id` in both payloads. A command carrying a key must only travel
 * over TLS (the collector's broker; see collector/src/broker).
 */
import { array, bytes, literal, object, oneOf, optional, timestampMs, union, type Infer } from '../schema.js';
import { errorInfoSchema, idString, LINK_MODES, meterSelectorSchema, version } from './common.js';

const base = () => ({ v: version(), id: idString(), issuedAt: timestampMs() });

export const commandSchema = union('type', {
  'add-key': object({
    ...base(),
    type: literal('add-key'),
    meter: meterSelectorSchema,
    /** AES-128 key (radio.md § 4). */
    key: bytes({ minLength: 16, maxLength: 16 }),
  }),
  'remove-key': object({ ...base(), type: literal('remove-key'), meter: meterSelectorSchema }),
  'set-filter': object({
    ...base(),
    type: literal('set-filter'),
    /** 'all' forwards every meter heard; 'allow-list' only the listed ones. */
    mode: oneOf(['all', 'allow-list'] as const),
    meters: array(meterSelectorSchema, { maxItems: 10000 }),
  }),
  'set-link-mode': object({
    ...base(),
    type: literal('set-link-mode'),
    /** Which stick; absent means every stick of the gateway. */
    stickId: optional(idString()),
    linkModes: array(oneOf(LINK_MODES), { minItems: 1, maxItems: 4 }),
  }),
});
export type CommandPayload = Infer<typeof commandSchema>;
export type CommandType = CommandPayload['type'];

export const commandAckSchema = object({
  v: version(),
  id: idString(),
  status: oneOf(['ok', 'error'] as const),
  /** Present when status is 'error'. */
  error: optional(errorInfoSchema),
});
export type CommandAckPayload = Infer<typeof commandAckSchema>;
