/**
 * Claimed outbox rows → the `up` payload (protocol/src/mqtt/payloads/uplink.ts), written straight into one
 * buffer: the bytes encodePayload('up', batch) gives for the same telegrams (the tests hold the two equal),
 * at a fraction of the cost. encodePayload validates and copies every field of a generic object, then copies
 * it again for the encoder: 3.9 µs a telegram without a decoded form (scripts/bench-drain.ts), 1.0 µs here.
 *
 * What is checked is what a stored row can get wrong against the schema: the outbox took the row under its
 * own, looser rules (raw up to 4 KiB, any stick id of 1-64 characters) and the decoded form is an opaque BLOB.
 * A refused batch is acknowledged and dropped by the collector, so a row it would refuse never goes into one:
 * a bad decoded form goes as raw only, with decodeError DECODED_INVALID (the collector decodes raw itself),
 * and a row that cannot go at all is left out and stays unsent.
 */
import { decode } from 'cbor-x';
import { encodeUplinkDecoded, LINK_MODES } from '@wmbus/protocol';
import type { UplinkRow } from '../store/outbox.js';

/** Most telegrams in one `up` payload (uplinkBatchSchema). */
export const MAX_BATCH_ROWS = 1000;
// Limits of uplinkTelegramSchema a stored row can exceed.
const MAX_RAW_BYTES = 1024;
const MAX_TIMESTAMP = 8.64e15;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/; // idString
const ERROR_CODE_RE = /^[A-Z][A-Z0-9_]{0,63}$/; // errorCode
const MAX_MESSAGE = 1024;
const LINK_MODE_SET = new Set<string>(LINK_MODES);
export const DECODED_INVALID = 'DECODED_INVALID';

export interface UplinkPayload {
  /** The `up` payload, or null when no row could go. */
  payload: Buffer | null;
  /** The seqs in it, which its PUBACK acknowledges. */
  seqs: number[];
  /** Rows sent without their decoded form, which the collector would refuse. */
  decodedRefused: { seq: number; reason: string }[];
  /** Rows left out: the collector would refuse them whatever is done. They stay unsent. */
  refused: { seq: number; reason: string }[];
}

/** A field's CBOR key: a text string of ASCII characters, written whole. */
const key = (name: string): Buffer => Buffer.from([0x60 | name.length, ...Buffer.from(name, 'latin1')]);
const K_V = key('v');
const K_SENT_AT = key('sentAt');
const K_TELEGRAMS = key('telegrams');
const K_SEQ = key('seq');
const K_RAW = key('raw');
const K_RECEIVED_AT = key('receivedAt');
const K_STICK_ID = key('stickId');
const K_RSSI = key('rssiDbm');
const K_LINK_MODE = key('linkMode');
const K_DECODED = key('decoded');
const K_DECODE_ERROR = key('decodeError');
const K_CODE = key('code');
const K_MESSAGE = key('message');

/**
 * CBOR as the contract's encoder writes it (cbor-x, protocol/src/mqtt/codec.ts): minimal heads, integers of
 * 32 bits or less as such and larger ones as 64-bit integers (schema.ts makes them BigInt), other numbers as
 * float64, maps in schema order.
 */
class Writer {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  head(major: number, n: number): void {
    const b = this.buf;
    if (n < 24) b[this.pos++] = major | n;
    else if (n < 0x100) {
      b[this.pos++] = major | 24;
      b[this.pos++] = n;
    } else if (n < 0x10000) {
      b[this.pos++] = major | 25;
      b.writeUInt16BE(n, this.pos);
      this.pos += 2;
    } else if (n <= 0xffffffff) {
      b[this.pos++] = major | 26;
      b.writeUInt32BE(n, this.pos);
      this.pos += 4;
    } else {
      b[this.pos++] = major | 27;
      b.writeUInt32BE(Math.floor(n / 0x100000000), this.pos);
      b.writeUInt32BE(n >>> 0, this.pos + 4);
      this.pos += 8;
    }
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A number as the contract writes a finite one that is not an integer field (rssiDbm). */
  number(v: number): void {
    if (v >>> 0 === v) this.head(0x00, v);
    else if (v >> 0 === v) this.head(0x20, -1 - v);
    else {
      this.buf[this.pos++] = 0xfb;
      this.buf.writeDoubleBE(v, this.pos);
      this.pos += 8;
    }
  }

  /** A string known to be ASCII (the contract's ids, codes and link modes are). */
  ascii(s: string): void {
    const b = this.buf;
    const n = s.length;
    this.head(0x60, n);
    for (let i = 0; i < n; i++) b[this.pos++] = s.charCodeAt(i);
  }

  text(s: string): void {
    const n = Buffer.byteLength(s);
    this.head(0x60, n);
    this.pos += this.buf.write(s, this.pos, n, 'utf8');
  }

  hexBytes(hex: string): void {
    const n = hex.length >> 1;
    this.head(0x40, n);
    this.pos += this.buf.write(hex, this.pos, n, 'hex');
  }
}

const isTimestamp = (v: number): boolean => Number.isSafeInteger(v) && v >= 0 && v <= MAX_TIMESTAMP;

/** The last string each pattern accepted: a batch repeats the same stick id and status in every row. */
function matcher(re: RegExp): (s: string) => boolean {
  let last: string | undefined;
  return (s) => {
    if (s === last) return true;
    if (!re.test(s)) return false;
    last = s;
    return true;
  };
}
const isStickId = matcher(ID_RE);
const isErrorCode = matcher(ERROR_CODE_RE);

/** Why the collector would refuse this row whatever its decoded form, or null. */
function refusal(row: UplinkRow): string | null {
  const [seq, receivedAt, rawHex, rssiDbm, , stickId] = row;
  if (!Number.isSafeInteger(seq) || seq < 0) return `seq ${seq} is not an unsigned integer`;
  const rawBytes = rawHex.length >> 1;
  if (rawBytes < 1 || rawBytes > MAX_RAW_BYTES) return `raw has ${rawBytes} bytes, the contract takes 1..${MAX_RAW_BYTES}`;
  if (!isTimestamp(receivedAt)) return `receivedAt ${receivedAt} is not a timestamp`;
  if (stickId !== null && !isStickId(stickId)) return `stickId ${JSON.stringify(stickId)} is not an id the contract takes`;
  if (rssiDbm !== null && !(Number.isFinite(rssiDbm) && rssiDbm >= -200 && rssiDbm <= 50)) return `rssiDbm ${rssiDbm} is outside -200..50`;
  return null;
}

/** The canonical bytes of a stored decoded form, or why the collector would refuse it. */
function decodedBytes(blob: Buffer): Uint8Array | string {
  try {
    return encodeUplinkDecoded(decode(blob));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Rows claimed with Outbox.claimUplinkBatch → one `up` payload sent at `now`, and what was left out. */
export function uplinkPayload(rows: readonly UplinkRow[], now: number): UplinkPayload {
  if (rows.length > MAX_BATCH_ROWS) throw new RangeError(`${rows.length} rows, an up payload takes at most ${MAX_BATCH_ROWS}`);
  if (!isTimestamp(now)) throw new RangeError(`sentAt ${now} is not a timestamp`);
  const sent: UplinkRow[] = [];
  const seqs: number[] = [];
  const decoded: (Uint8Array | string | null)[] = [];
  const refused: UplinkPayload['refused'] = [];
  const decodedRefused: UplinkPayload['decodedRefused'] = [];
  // Heads, keys and strings other than raw and decoded take less than 256 bytes a telegram (a message
  // takes at most 3 bytes a character).
  let bound = 64;
  for (const row of rows) {
    const why = refusal(row);
    if (why !== null) {
      refused.push({ seq: row[0], reason: why });
      continue;
    }
    let d = row[6] === null ? null : decodedBytes(row[6]);
    if (typeof d === 'string') {
      d = d.slice(0, MAX_MESSAGE);
      decodedRefused.push({ seq: row[0], reason: d });
    }
    sent.push(row);
    seqs.push(row[0]);
    decoded.push(d);
    bound += 256 + (row[2].length >> 1) + (d === null ? 0 : typeof d === 'string' ? 3 * d.length : d.length);
  }
  if (sent.length === 0) return { payload: null, seqs, refused, decodedRefused };

  const w = new Writer(Buffer.allocUnsafe(bound));
  w.head(0xa0, 3);
  w.bytes(K_V);
  w.head(0x00, 1);
  w.bytes(K_SENT_AT);
  w.head(0x00, now);
  w.bytes(K_TELEGRAMS);
  w.head(0x80, sent.length);
  for (let i = 0; i < sent.length; i++) {
    const [seq, receivedAt, rawHex, rssiDbm, linkMode, stickId, , decodeStatus] = sent[i]!;
    const d = decoded[i]!;
    // The outbox takes only 'ok' or an error code; anything else is left out as 'ok' is.
    const errorCode = d === null && decodeStatus !== 'ok' && isErrorCode(decodeStatus) ? decodeStatus : null;
    const hasLinkMode = linkMode !== null && LINK_MODE_SET.has(linkMode);
    w.head(0xa0, 4 + (rssiDbm !== null ? 1 : 0) + (hasLinkMode ? 1 : 0) + (d !== null || errorCode !== null ? 1 : 0));
    w.bytes(K_SEQ);
    w.head(0x00, seq);
    w.bytes(K_RAW);
    w.hexBytes(rawHex);
    w.bytes(K_RECEIVED_AT);
    w.head(0x00, receivedAt);
    w.bytes(K_STICK_ID);
    w.ascii(stickId ?? 'unknown');
    if (rssiDbm !== null) {
      w.bytes(K_RSSI);
      w.number(rssiDbm);
    }
    if (hasLinkMode) {
      w.bytes(K_LINK_MODE);
      w.ascii(linkMode);
    }
    if (typeof d === 'string') {
      w.bytes(K_DECODE_ERROR);
      w.head(0xa0, 2);
      w.bytes(K_CODE);
      w.ascii(DECODED_INVALID);
      w.bytes(K_MESSAGE);
      w.text(d);
    } else if (d !== null) {
      w.bytes(K_DECODED);
      w.bytes(d);
    } else if (errorCode !== null) {
      w.bytes(K_DECODE_ERROR);
      w.head(0xa0, 1);
      w.bytes(K_CODE);
      w.ascii(errorCode);
    }
  }
  // An exact copy: the payload is held until its PUBACK, and the bound may be twice its size.
  return { payload: Buffer.from(w.buf.subarray(0, w.pos)), seqs, refused, decodedRefused };
}
