/** Messages between the ingest (main thread) and the decode thread (decode-thread.ts). Plain data only. */
import type { CompactFormat, MeterAddress } from '../store/index.js';
import type { MqttErrorCode, UplinkBatch } from '@wmbus/protocol';
import type { IngestErrorCode } from './errors.js';
import type { CollectorDecoder, DecodeOutcome } from './collector-decoder.js';
import type { LinkIdentity } from './link-identity.js';
import { forEachPrepared, meterIdentity, type PreparedTelegram, type ReceivedTelegram } from './prepare.js';

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
  /** The PreparedMessage in columns (packResult): see there why not as objects. */
  result: PackedResult;
}

/**
 * The prepared telegrams of one message in four flat parts: the numbers in one Float64Array, the strings
 * back to back in one string with their lengths, the byte strings back to back in one buffer. The typed
 * arrays are transferred, the string is copied once. Cloning a thousand nested objects cost the main thread
 * about 4 µs a telegram to take in; CBOR records about 10 µs a telegram to encode in the thread and 4 µs to
 * decode here; arrays of strings and numbers about 5.5 µs to clone; this layout about 2 µs in all (the e2e
 * fixture mix, 1000-telegram batches).
 */
export interface PackedTelegrams {
  ok: true;
  /** NUMBERS per telegram, in the order of NUMBER_FIELDS (NaN for a null RSSI). */
  numbers: Float64Array;
  text: string;
  /** STRINGS per telegram: the length of each string field in `text`, -1 for null. */
  lengths: Int32Array;
  /** raw then dedupe key of each telegram; ends[2i] and ends[2i+1] are where they end. */
  bytes: Uint8Array;
  ends: Int32Array;
}

export type PackedResult = PackedTelegrams | Exclude<PreparedMessage, { ok: true }>;

const NUMBERS = 7; // seq, receivedAt, rssiDbm, link version, link device type, meter version, meter device type
// stickId, linkMode, frameFormat, agentError, link manufacturer (null: no link address), link id, failure
// code (null: decoded), meter manufacturer, meter id, driver, kind, meterTime, readingJson
const STRINGS = 13;

/** Fills the packed form one telegram at a time (packResult, or the decode thread straight from a batch). */
class Packer {
  private readonly numbers: Float64Array;
  private readonly lengths: Int32Array;
  private readonly ends: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly parts: string[] = [];
  private i = 0;
  private l = 0;
  private at = 0;

  /** `byteCapacity`: at least the raw bytes and dedupe keys of the n telegrams together. */
  constructor(n: number, byteCapacity: number) {
    this.numbers = new Float64Array(n * NUMBERS);
    this.lengths = new Int32Array(n * STRINGS);
    this.ends = new Int32Array(2 * n);
    this.bytes = new Uint8Array(byteCapacity);
  }

  private text(value: string | null): void {
    if (value === null) this.lengths[this.l++] = -1;
    else {
      this.lengths[this.l++] = value.length;
      this.parts.push(value);
    }
  }

  add(t: ReceivedTelegram, link: LinkIdentity, outcome: DecodeOutcome): void {
    const { numbers, bytes, ends } = this;
    const i = this.i++;
    const a = link.address;
    const m = outcome.ok ? outcome.meter : null;
    const k = i * NUMBERS;
    numbers[k] = t.seq;
    numbers[k + 1] = t.receivedAt;
    numbers[k + 2] = t.rssiDbm ?? NaN;
    numbers[k + 3] = a ? a.version : 0;
    numbers[k + 4] = a ? a.deviceType : 0;
    numbers[k + 5] = m ? m.version : 0;
    numbers[k + 6] = m ? m.deviceType : 0;
    this.text(t.stickId);
    this.text(t.linkMode);
    this.text(t.frameFormat);
    this.text(t.agentError);
    this.text(a ? a.manufacturer : null);
    this.text(a ? a.id : null);
    if (outcome.ok) {
      this.text(null);
      this.text(outcome.meter.manufacturer);
      this.text(outcome.meter.id);
      this.text(outcome.driver);
      this.text(outcome.kind);
      this.text(outcome.meterTime);
      this.text(outcome.readingJson);
    } else {
      this.text(outcome.code);
      for (let j = 0; j < 6; j++) this.text(null);
    }
    let at = this.at;
    bytes.set(t.raw, at);
    at += t.raw.length;
    ends[2 * i] = at;
    bytes.set(link.dedupeKey, at);
    at += link.dedupeKey.length;
    ends[2 * i + 1] = at;
    this.at = at;
  }

  finish(): PackedTelegrams {
    const bytes = this.at === this.bytes.length ? this.bytes : this.bytes.subarray(0, this.at);
    return { ok: true, numbers: this.numbers, text: this.parts.join(''), lengths: this.lengths, bytes, ends: this.ends };
  }
}

export function packResult(result: PreparedMessage): PackedResult {
  if (!result.ok) return result;
  const list = result.telegrams;
  let size = 0;
  for (const { t, link } of list) size += t.raw.length + link.dedupeKey.length;
  const packer = new Packer(list.length, size);
  for (const { t, link, outcome } of list) packer.add(t, link, outcome);
  return packer.finish();
}

/**
 * prepareBatch and packResult in one pass, without the list of prepared telegrams in between (what the
 * decode thread replies).
 */
export function prepareAndPack(decoder: CollectorDecoder, batch: UplinkBatch): PackedTelegrams {
  let capacity = 0;
  for (const u of batch.telegrams) capacity += u.raw.length + 24; // a dedupe key is 16 or 24 bytes
  const packer = new Packer(batch.telegrams.length, capacity);
  forEachPrepared(decoder, batch, (t, link, outcome) => packer.add(t, link, outcome));
  return packer.finish();
}

/** Buffers the reply hands over instead of copying (postMessage transfer list). */
export const transferablesOf = (result: PackedResult): ArrayBuffer[] =>
  result.ok ? [result.numbers.buffer, result.lengths.buffer, result.bytes.buffer, result.ends.buffer] as ArrayBuffer[] : [];

export function unpackResult(p: PackedResult): PreparedMessage {
  if (!p.ok) return p;
  const { numbers, lengths, ends, text } = p;
  const n = ends.length / 2;
  const telegrams: PreparedTelegram[] = new Array(n);
  const buffer = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
  let l = 0;
  let pos = 0;
  const next = (): string | null => {
    const len = lengths[l++]!;
    if (len < 0) return null;
    pos += len;
    return text.slice(pos - len, pos);
  };
  let start = 0;
  for (let i = 0; i < n; i++) {
    const k = i * NUMBERS;
    const rawEnd = ends[2 * i]!;
    const keyEnd = ends[2 * i + 1]!;
    const rssi = numbers[k + 2]!;
    const t: PreparedTelegram['t'] = {
      seq: numbers[k]!,
      receivedAt: numbers[k + 1]!,
      stickId: next()!,
      raw: buffer.subarray(start, rawEnd),
      rssiDbm: Number.isNaN(rssi) ? null : rssi,
      linkMode: next(),
      frameFormat: next(),
      agentError: next(),
    };
    const manufacturer = next();
    const id = next();
    const address = manufacturer === null ? null : { manufacturer, id: id!, version: numbers[k + 3]!, deviceType: numbers[k + 4]! };
    const code = next();
    const meterManufacturer = next();
    const meterId = next();
    const driver = next();
    const kind = next();
    const meterTime = next();
    const readingJson = next();
    const outcome: DecodeOutcome =
      code !== null
        ? { ok: false, code }
        : {
            ok: true,
            meter: { manufacturer: meterManufacturer!, id: meterId!, version: numbers[k + 5]!, deviceType: numbers[k + 6]! },
            driver,
            kind: kind!,
            meterTime,
            readingJson: readingJson!,
          };
    const link: LinkIdentity = { address, dedupeKey: buffer.subarray(rawEnd, keyEnd) };
    telegrams[i] = { t, link, outcome, identity: meterIdentity(link, outcome) };
    start = keyEnd;
  }
  return { ok: true, telegrams };
}
