/** Messages between the ingest (main thread) and the decode thread (decode-thread.ts). Plain data only. */
import { Encoder } from 'cbor-x';
import type { CompactFormat, MeterAddress } from '../store/index.js';
import type { MqttErrorCode } from '@wmbus/protocol';
import type { IngestErrorCode } from './errors.js';
import type { PreparedTelegram } from './prepare.js';

export interface DecodeThreadInit {
  keys: { meter: MeterAddress; key: Uint8Array }[];
  formats: CompactFormat[];
  keyEpoch: number;
  /** The main decoder's success-cache size. */
  cacheSize: number;
}

export type ToDecodeThread =
  | { type: 'key'; meter: MeterAddress; key: Uint8Array; keyEpoch: number }
  | { type: 'formats'; formats: CompactFormat[] }
  | { type: 'prepare'; id: number; gatewayId: string; payload: Uint8Array };

export type PreparedMessage =
  | { ok: true; telegrams: PreparedTelegram[] }
  /** The payload can never be stored (IngestError on the main thread). */
  | { ok: false; error: { code: IngestErrorCode; detail?: string; contractCode?: MqttErrorCode; path?: string } }
  /** Something the thread did not expect: the main thread prepares this message itself. */
  | { ok: false; unexpected: string };

export interface PreparedReply {
  type: 'prepared';
  id: number;
  /** The key epoch the thread decoded with; older than the Ingestor's means decode again on the main thread. */
  keyEpoch: number;
  /** Compact formats the thread learned while preparing these messages (to store with them). */
  learned: CompactFormat[];
  /** The PreparedMessage as CBOR (packResult): see there why not as an object. */
  result: Uint8Array;
}

/**
 * The prepared telegrams cross as one CBOR buffer with record structures rather than as objects: the
 * structured clone of a thousand small objects costs the main thread about 4 µs a telegram to take in,
 * CBOR records about 1.3 µs (measured on the bench mix, 1000-telegram batches). A fresh encoder per
 * message carries its record definitions inside the message, so the two sides share no state.
 */
export const packResult = (result: PreparedMessage): Uint8Array => new Encoder({ useRecords: true }).encode(result);
export const unpackResult = (bytes: Uint8Array): PreparedMessage => new Encoder({ useRecords: true }).decode(bytes) as PreparedMessage;
