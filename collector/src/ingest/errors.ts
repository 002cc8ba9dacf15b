/**
 * Coded errors of the ingest. Stable codes: the collector counts refused messages per code.
 * An IngestError means nothing was stored; storage failures (disk full, I/O) are not IngestErrors and
 * propagate, so the broker sends no PUBACK and the gateway keeps the batch.
 */
import { CodedError, type MqttErrorCode } from '@wmbus/protocol';

export const INGEST_ERROR_CATALOGUE = {
  INGEST_GATEWAY_ID: 'gateway id is not a valid contract id',
  INGEST_PAYLOAD: 'payload is not valid for its topic kind (see cause for the contract error code)',
  INGEST_KIND: 'the collector does not ingest this topic kind',
} as const satisfies Record<string, string>;

export type IngestErrorCode = keyof typeof INGEST_ERROR_CATALOGUE;

export class IngestError extends CodedError<IngestErrorCode> {
  override readonly name = 'IngestError';
  /** For INGEST_PAYLOAD: the MQTT contract's code (PAYLOAD_SCHEMA, PAYLOAD_NOT_CBOR, ...) and where. */
  readonly contractCode?: MqttErrorCode;
  readonly path?: string;
  /** What the message adds to the catalogue text (kept, so the error can cross a thread boundary). */
  readonly detail?: string;

  constructor(code: IngestErrorCode, detail?: string, contract?: { code: MqttErrorCode; path?: string }) {
    super(INGEST_ERROR_CATALOGUE, code, detail);
    if (detail !== undefined) this.detail = detail;
    if (contract) {
      this.contractCode = contract.code;
      if (contract.path !== undefined) this.path = contract.path;
    }
  }
}

export const isIngestError = (e: unknown): e is IngestError => e instanceof IngestError;
