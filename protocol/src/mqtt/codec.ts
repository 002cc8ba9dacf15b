/**
 * CBOR encoding (default on the wire) and the JSON debug form of every payload.
 *
 * cbor-x is configured so other languages read the bytes as plain CBOR and round trips are byte-stable:
 * no record extension, maps with minimal length headers, Uint8Array as a plain byte string (no typed-array
 * tag 64), integers beyond 32 bits as CBOR integers (schema.ts turns them into BigInt), and decoded 64-bit
 * integers back into numbers. Encoding writes fields in schema order, so equal payloads give equal bytes.
 *
 * Decoding validates and throws MqttContractError only; tryDecode* return a result instead.
 */
import { Encoder, type Options } from 'cbor-x';
import { PAYLOAD_SCHEMAS, MAX_PAYLOAD_BYTES, type TopicPayloads } from './api.js';
import { MqttContractError } from './errors.js';
import { SCHEMA_VERSION } from './payloads/common.js';
import { uplinkTelegramSchema } from './payloads/uplink.js';
import type { Form } from './schema.js';
import { TOPIC_KINDS, type TopicKind } from './topics.js';

// int64AsNumber exists in cbor-x 1.6 (decode.js) but is missing from its Options type.
const cbor = new Encoder({
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
  tagUint8Array: false,
  int64AsNumber: true,
  useTag259ForMaps: false,
  structuredClone: false,
  pack: false,
  bundleStrings: false,
} as Options & { int64AsNumber: boolean });

export type DecodeResult<K extends TopicKind> = { ok: true; value: TopicPayloads[K] } | { ok: false; error: MqttContractError };

function schemaFor<K extends TopicKind>(kind: K) {
  if (!(TOPIC_KINDS as readonly string[]).includes(kind)) throw new MqttContractError('PAYLOAD_KIND_UNKNOWN', JSON.stringify(kind));
  return PAYLOAD_SCHEMAS[kind];
}

/** Checks `v` first so a newer, incompatible payload gets PAYLOAD_VERSION rather than a schema complaint. */
function readPayload<K extends TopicKind>(kind: K, input: unknown, form: Form): TopicPayloads[K] {
  const v = typeof input === 'object' && input !== null ? (input as { v?: unknown }).v : undefined;
  if (v !== SCHEMA_VERSION) throw new MqttContractError('PAYLOAD_VERSION', `got ${JSON.stringify(v) ?? typeof v}, supported ${SCHEMA_VERSION}`);
  return schemaFor(kind).read(input, '', form);
}

/** Internal errors (stack overflow on absurd nesting, cbor-x parse errors) become coded errors here. */
function asContractError(e: unknown, fallback: 'PAYLOAD_NOT_CBOR' | 'PAYLOAD_NOT_JSON' | 'PAYLOAD_SCHEMA'): MqttContractError {
  if (e instanceof MqttContractError) return e;
  return new MqttContractError(fallback, e instanceof Error ? e.message : String(e));
}

/** Validates `payload` and encodes it to CBOR; throws MqttContractError for an invalid payload. */
export function encodePayload<K extends TopicKind>(kind: K, payload: TopicPayloads[K]): Uint8Array {
  try {
    const schema = schemaFor(kind);
    const wire = schema.write(readPayload(kind, payload, 'wire'), 'wire');
    const out = cbor.encode(wire);
    return Uint8Array.from(out);
  } catch (e) {
    throw asContractError(e, 'PAYLOAD_SCHEMA');
  }
}

/**
 * The `decoded` field of one uplink telegram alone: validated as encodePayload('up', ...) validates it, and
 * the bytes it writes there. For a writer that assembles `up` payloads from stored parts (the agent's
 * uplink) without building and checking the whole batch again. The result shares the encoder's buffer,
 * which later encodes do not overwrite. Throws MqttContractError.
 */
export function encodeUplinkDecoded(value: unknown): Uint8Array {
  const schema = uplinkTelegramSchema.shape.decoded;
  try {
    return cbor.encode(schema.write(schema.read(value, '', 'wire'), 'wire'));
  } catch (e) {
    throw asContractError(e, 'PAYLOAD_SCHEMA');
  }
}

/** Decodes and validates CBOR bytes; throws MqttContractError and nothing else. */
export function decodePayload<K extends TopicKind>(kind: K, bytes: Uint8Array): TopicPayloads[K] {
  const result = tryDecodePayload(kind, bytes);
  if (!result.ok) throw result.error;
  return result.value;
}

export function tryDecodePayload<K extends TopicKind>(kind: K, bytes: Uint8Array): DecodeResult<K> {
  let input: unknown;
  try {
    schemaFor(kind);
    if (!(bytes instanceof Uint8Array)) throw new MqttContractError('PAYLOAD_NOT_CBOR', 'not a byte array');
    if (bytes.length > MAX_PAYLOAD_BYTES[kind]) throw new MqttContractError('PAYLOAD_TOO_LARGE', `${bytes.length} > ${MAX_PAYLOAD_BYTES[kind]} bytes`);
    if (bytes.length === 0) throw new MqttContractError('PAYLOAD_NOT_CBOR', 'empty payload');
    input = cbor.decode(bytes);
  } catch (e) {
    return { ok: false, error: asContractError(e, 'PAYLOAD_NOT_CBOR') };
  }
  try {
    return { ok: true, value: readPayload(kind, input, 'wire') };
  } catch (e) {
    return { ok: false, error: asContractError(e, 'PAYLOAD_SCHEMA') };
  }
}

/** The JSON debug form as a value: same structure, byte strings as uppercase hex. */
export function toJsonForm<K extends TopicKind>(kind: K, payload: TopicPayloads[K]): unknown {
  try {
    const schema = schemaFor(kind);
    return schema.write(readPayload(kind, payload, 'wire'), 'json');
  } catch (e) {
    throw asContractError(e, 'PAYLOAD_SCHEMA');
  }
}

/** Reads a parsed JSON debug value back into the typed payload; throws MqttContractError. */
export function fromJsonForm<K extends TopicKind>(kind: K, json: unknown): TopicPayloads[K] {
  try {
    return readPayload(kind, json, 'json');
  } catch (e) {
    throw asContractError(e, 'PAYLOAD_SCHEMA');
  }
}

/** JSON text of the debug form (for logs, `mosquitto_sub`, and gateways that publish JSON). */
export function encodeJson<K extends TopicKind>(kind: K, payload: TopicPayloads[K]): string {
  return JSON.stringify(toJsonForm(kind, payload));
}

export function decodeJson<K extends TopicKind>(kind: K, text: string | Uint8Array): TopicPayloads[K] {
  let json: unknown;
  try {
    const s = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
    schemaFor(kind);
    if (s.length > MAX_PAYLOAD_BYTES[kind] * 2) throw new MqttContractError('PAYLOAD_TOO_LARGE', `${s.length} characters`);
    json = JSON.parse(s);
  } catch (e) {
    throw asContractError(e, 'PAYLOAD_NOT_JSON');
  }
  return fromJsonForm(kind, json);
}
