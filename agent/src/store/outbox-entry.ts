import { OutboxError } from './errors.js';

/** What the pipeline hands to Outbox.enqueue(): one telegram as heard, decoded or not. */
export interface OutboxEntry {
  /** The telegram bytes as heard (radio.md § 2.8: L first, no DLL CRCs). Required, kept forever. */
  raw: Uint8Array;
  /** Host receive time, ms since the epoch (or a Date). Defaults to now. */
  receivedAt?: number | Date;
  /** Meter key from the link header; absent when the header could not be read. */
  manufacturer?: string | null;
  meterId?: string | null;
  version?: number | null;
  deviceType?: number | null;
  rssiDbm?: number | null;
  linkMode?: string | null;
  stickId?: string | null;
  /** The decoded form as opaque bytes (e.g. CBOR), or null when not decoded. */
  decoded?: Uint8Array | null;
  /** 'ok', or the error code that kept it from being decoded (e.g. 'KEY_MISSING'). */
  decodeStatus: string;
}

/** A stored row as the uplink and re-decoding see it. */
export interface OutboxRow {
  seq: number;
  receivedAt: number;
  raw: Uint8Array;
  manufacturer: string | null;
  meterId: string | null;
  version: number | null;
  deviceType: number | null;
  rssiDbm: number | null;
  linkMode: string | null;
  stickId: string | null;
  decoded: Uint8Array | null;
  decodeStatus: string;
  sentAt: number | null;
}

/** The validated, copied form of an entry waiting in memory for its commit. */
export interface BufferedEntry {
  seq: number;
  receivedAt: number;
  raw: Buffer;
  manufacturer: string | null;
  meterId: string | null;
  version: number | null;
  deviceType: number | null;
  rssiDbm: number | null;
  linkMode: string | null;
  stickId: string | null;
  decoded: Buffer | null;
  decodeStatus: string;
}

// A wM-Bus telegram is at most 256 bytes without CRCs (L ≤ 255); 4 KiB leaves room for captures that
// keep CRCs or wired frames, and still refuses a runaway buffer.
export const MAX_RAW_BYTES = 4096;
export const MAX_DECODED_BYTES = 65536;

const MANUFACTURER_RE = /^[@-_]{3}$/; // 3 letters from 5-bit codes (radio.md: M-field), '@'..'_'
const METER_ID_RE = /^[0-9A-Fa-f]{8}$/; // BCD as printed; hex digits tolerated (some meters use them)
const STATUS_RE = /^(?:ok|[A-Z][A-Z0-9_]{0,63})$/;
const SHORT_TEXT_MAX = 64;

const invalid = (field: string, why: string): OutboxError => new OutboxError('OUTBOX_FIELD_INVALID', `${field} ${why}`);

export function validateDecodeStatus(status: unknown): string {
  if (typeof status !== 'string' || !STATUS_RE.test(status)) throw invalid('decodeStatus', "must be 'ok' or an UPPER_CASE error code");
  return status;
}

export function copyDecoded(decoded: unknown): Buffer | null {
  if (decoded === undefined || decoded === null) return null;
  if (!(decoded instanceof Uint8Array)) throw invalid('decoded', 'must be a Uint8Array or null');
  if (decoded.byteLength > MAX_DECODED_BYTES) throw new OutboxError('OUTBOX_TOO_LARGE', `decoded has ${decoded.byteLength} bytes, at most ${MAX_DECODED_BYTES}`);
  return Buffer.from(decoded); // a copy: the caller may reuse its buffer before the commit
}

function optionalText(value: unknown, field: string, re?: RegExp): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > SHORT_TEXT_MAX || (re && !re.test(value))) {
    throw invalid(field, 'is not a valid value');
  }
  return value;
}

function optionalByte(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 255) throw invalid(field, 'must be an integer 0..255');
  return value as number;
}

function receivedAtMs(value: unknown, now: number): number {
  if (value === undefined) return now;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) throw invalid('receivedAt', 'must be a Date or integer ms since the epoch');
  return ms;
}

/** Checks an entry and copies its bytes; throws a coded OutboxError, never stores half an entry. */
export function toBufferedEntry(entry: OutboxEntry, seq: number, now: number): BufferedEntry {
  if (entry === null || typeof entry !== 'object') throw new OutboxError('OUTBOX_RAW_MISSING', 'entry is not an object');
  const { raw } = entry;
  if (!(raw instanceof Uint8Array) || raw.byteLength === 0) throw new OutboxError('OUTBOX_RAW_MISSING');
  if (raw.byteLength > MAX_RAW_BYTES) throw new OutboxError('OUTBOX_TOO_LARGE', `raw has ${raw.byteLength} bytes, at most ${MAX_RAW_BYTES}`);
  const rssi = entry.rssiDbm;
  if (rssi !== undefined && rssi !== null && (typeof rssi !== 'number' || !Number.isFinite(rssi) || rssi < -200 || rssi > 50)) {
    throw invalid('rssiDbm', 'must be a finite number of dBm (-200..50)');
  }
  return {
    seq,
    receivedAt: receivedAtMs(entry.receivedAt, now),
    raw: Buffer.from(raw),
    manufacturer: optionalText(entry.manufacturer, 'manufacturer', MANUFACTURER_RE),
    meterId: optionalText(entry.meterId, 'meterId', METER_ID_RE),
    version: optionalByte(entry.version, 'version'),
    deviceType: optionalByte(entry.deviceType, 'deviceType'),
    rssiDbm: rssi ?? null,
    linkMode: optionalText(entry.linkMode, 'linkMode'),
    stickId: optionalText(entry.stickId, 'stickId'),
    decoded: copyDecoded(entry.decoded),
    decodeStatus: validateDecodeStatus(entry.decodeStatus),
  };
}
