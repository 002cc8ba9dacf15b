/**
 * From what the broker hands over to typed payloads, or an IngestError carrying the contract's code.
 * Validation is the MQTT contract's (protocol/src/mqtt); this file only maps its errors.
 */
import {
  decodeJson,
  isMqttContractError,
  isValidGatewayId,
  PAYLOAD_SCHEMAS,
  SCHEMA_VERSION,
  tryDecodePayload,
  type MqttContractError,
  type TopicPayloads,
} from '@wmbus/protocol';
import { IngestError } from './errors.js';

/** The topic kinds a gateway publishes that the ingest stores. */
export type IngestedKind = 'up' | 'status' | 'stats';

const fromContract = (e: MqttContractError): IngestError =>
  new IngestError('INGEST_PAYLOAD', e.message, { code: e.code, ...(e.path !== undefined ? { path: e.path } : {}) });

export function assertGatewayId(gatewayId: string): void {
  if (!isValidGatewayId(gatewayId)) throw new IngestError('INGEST_GATEWAY_ID', JSON.stringify(String(gatewayId).slice(0, 80)));
}

/** Validates an already-parsed payload value (the `ingestBatch(gatewayId, batch)` entry point). */
export function readValue<K extends IngestedKind>(kind: K, input: unknown): TopicPayloads[K] {
  const v = typeof input === 'object' && input !== null ? (input as { v?: unknown }).v : undefined;
  if (v !== SCHEMA_VERSION) throw new IngestError('INGEST_PAYLOAD', `unsupported schema version ${JSON.stringify(v) ?? typeof v}`, { code: 'PAYLOAD_VERSION' });
  try {
    return PAYLOAD_SCHEMAS[kind].read(input, '', 'wire');
  } catch (e) {
    if (isMqttContractError(e)) throw fromContract(e);
    throw new IngestError('INGEST_PAYLOAD', e instanceof Error ? e.message : String(e), { code: 'PAYLOAD_SCHEMA' });
  }
}

/** Decodes message bytes: CBOR, or the contract's JSON debug form when they start with '{' (a CBOR map never does). */
export function readBytes<K extends IngestedKind>(kind: K, payload: Uint8Array): TopicPayloads[K] {
  if (payload[0] === 0x7b) {
    try {
      return decodeJson(kind, payload);
    } catch (e) {
      throw isMqttContractError(e) ? fromContract(e) : e;
    }
  }
  const result = tryDecodePayload(kind, payload);
  if (!result.ok) throw fromContract(result.error);
  return result.value;
}
