/**
 * `…/up`, QoS 1: a batch of telegrams from the gateway's outbox. Raw travels with decoded
 * (architecture.md § 3 rule 8): the raw bytes and radio metadata are always present, so the collector can
 * re-decode after a driver fix; decoded records and the reading view are present when the agent could
 * decode, `decodeError` when it could not.
 */
import type { DataRecord } from '../../wmbus/types.js';
import {
  array,
  boolean,
  bytes,
  finiteNumber,
  nullable,
  object,
  oneOf,
  optional,
  record,
  string,
  timestampMs,
  uint,
  jsonValue,
  type Infer,
  type Schema,
} from '../schema.js';
import { errorInfoSchema, FRAME_FORMATS, idString, LINK_MODES, version } from './common.js';

const hexString = (maxLength: number) => string({ pattern: /^(?:[0-9A-F]{2})*$/, maxLength });

const valueString = string({ maxLength: 256 });
const valueNumber = finiteNumber();
const numberOrString: Schema<number | string> = {
  read: (input, path, form) => (typeof input === 'string' ? valueString.read(input, path, form) : valueNumber.read(input, path, form)),
  write: (value) => value,
};

/** One DIF/VIF record as protocol/src/wmbus/types.ts defines it. */
export const dataRecordSchema = object({
  offset: uint(),
  length: uint(),
  header: hexString(64),
  data: hexString(512),
  storage: uint(),
  tariff: uint(),
  subunit: uint(),
  function: oneOf(['instantaneous', 'maximum', 'minimum', 'error'] as const),
  quantity: string({ maxLength: 64 }),
  description: string({ maxLength: 256 }),
  value: nullable(numberOrString),
  unit: string({ maxLength: 16 }),
  modifiers: optional(array(string({ maxLength: 128 }), { maxItems: 16 })),
  plainTextUnit: optional(string({ maxLength: 64 })),
  // Without it a date-time the meter marks invalid would arrive looking valid (object() drops unknown keys).
  invalid: optional(boolean()),
  source: optional(oneOf(['driver'] as const)),
});

// Compile-time proof that the schema and the decoder's record type are the same shape, both ways.
const recordFromSchema = (r: Infer<typeof dataRecordSchema>): DataRecord => r;
const schemaFromRecord = (r: DataRecord): Infer<typeof dataRecordSchema> => r;
void recordFromSchema;
void schemaFromRecord;

/**
 * The driver's reading view (e.g. {total_m3: 12.345, target_m3: 10.1}): opaque to the contract, typed as
 * named JSON values, so meter drivers can evolve without a contract change.
 */
export const readingViewSchema = record(jsonValue(), { keyPattern: /^[A-Za-z0-9_.-]{1,64}$/, maxKeys: 256 });
export type ReadingView = Infer<typeof readingViewSchema>;

export const uplinkTelegramSchema = object({
  /** Gateway sequence number: increases by one per telegram; (gatewayId, seq) is the idempotency key. */
  seq: uint(),
  /** The telegram as received (link layer onwards, as the stick delivered it). */
  raw: bytes({ minLength: 1, maxLength: 1024 }),
  /** When the stick delivered it (gateway clock, ms since epoch, UTC). */
  receivedAt: timestampMs(),
  stickId: idString(),
  /** Absent when the stick reports no RSSI. */
  rssiDbm: optional(finiteNumber({ min: -200, max: 50 })),
  /** Absent when the stick does not say which link mode it heard the telegram on. */
  linkMode: optional(oneOf(LINK_MODES)),
  /** Absent when the stick does not say (most deliver CRC-free frames without telling A from B). */
  frameFormat: optional(oneOf(FRAME_FORMATS)),
  decoded: optional(
    object({
      /** Name of the meter driver that produced the reading view. */
      driver: optional(string({ maxLength: 64 })),
      /** Absent when the gateway sends only the reading view (the collector decodes the raw bytes itself). */
      records: optional(array(dataRecordSchema, { maxItems: 1024 })),
      reading: optional(readingViewSchema),
    }),
  ),
  /** Why decoding failed on the gateway (a WmbusErrorCode such as KEY_MISSING); the raw bytes are still here. */
  decodeError: optional(errorInfoSchema),
});
export type UplinkTelegram = Infer<typeof uplinkTelegramSchema>;

export const uplinkBatchSchema = object({
  v: version(),
  /** When the gateway sent this batch (ms since epoch, UTC). */
  sentAt: timestampMs(),
  telegrams: array(uplinkTelegramSchema, { minItems: 1, maxItems: 1000 }),
});
export type UplinkBatch = Infer<typeof uplinkBatchSchema>;
