/**
 * The master's receive stream on a wired M-Bus (radio.md § 3.4): single character E5, short frames
 * `10 C A CS 16` and long frames `68 L L 68 C A CI data CS 16`, cut out of a byte stream that may arrive
 * in any chunks and carry noise (a collision on the bus, a level converter's glitch). Resynchronises on
 * the next start byte, counts what it throws away, never throws. The checksum rule and the frame checks
 * are the protocol's (`parseWired`); the request builders live in @wmbus/protocol (wired-frames.ts).
 */
import { parseWired, type WiredFrame } from '@wmbus/protocol';
import type { FrameParser, FramingEvent } from '../sticks/types.js';

export {
  sndNke,
  reqUd2,
  selectSecondary,
  secondaryAddressBytes,
  secondaryAddressMatches,
  shortFrame,
  longFrame,
  wiredChecksum,
  type SecondaryAddress,
} from '@wmbus/protocol';

/** A parsed frame plus its bytes (the long frame bytes are what the pipeline stores). */
export interface ReceivedWiredFrame extends WiredFrame {
  bytes: Uint8Array;
}

const ACK = 0xe5;
const SHORT_START = 0x10;
const LONG_START = 0x68;
const STOP = 0x16;
const isStart = (b: number) => b === ACK || b === SHORT_START || b === LONG_START;

/** A partial frame older than this is dropped (a slave sends its bytes back to back). */
export const DEFAULT_PARTIAL_TIMEOUT_MS = 500;

export class WiredFrameParser implements FrameParser<ReceivedWiredFrame> {
  private buf = new Uint8Array(0);
  private partialSince = 0;

  constructor(private readonly partialTimeoutMs = DEFAULT_PARTIAL_TIMEOUT_MS) {}

  get pending(): number {
    return this.buf.length;
  }

  feed(chunk: Uint8Array, now = Date.now()): FramingEvent<ReceivedWiredFrame>[] {
    const out = this.expire(now);
    if (chunk.length === 0) return out;
    if (this.buf.length === 0) this.partialSince = now;
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    this.buf = joined;
    this.scan(out);
    if (this.buf.length > 0 && this.buf.length !== joined.length) this.partialSince = now;
    return out;
  }

  expire(now: number): FramingEvent<ReceivedWiredFrame>[] {
    if (this.buf.length === 0 || now - this.partialSince < this.partialTimeoutMs) return [];
    const bytes = this.buf.length;
    this.buf = new Uint8Array(0);
    return [{ kind: 'garbage', bytes, reason: 'timeout' }];
  }

  /** Drops whatever is held, e.g. before a new request (late bytes of an old answer are not its reply). */
  reset(): number {
    const n = this.buf.length;
    this.buf = new Uint8Array(0);
    return n;
  }

  private scan(out: FramingEvent<ReceivedWiredFrame>[]): void {
    let pos = 0;
    let noise = 0;
    const discard = (n: number, reason: 'noise' | 'checksum' | 'invalid') => {
      if (reason === 'noise') noise += n;
      else {
        flushNoise();
        out.push({ kind: 'garbage', bytes: n, reason });
      }
      pos += n;
    };
    const flushNoise = () => {
      if (noise > 0) out.push({ kind: 'garbage', bytes: noise, reason: 'noise' });
      noise = 0;
    };
    const b = this.buf;
    while (pos < b.length) {
      const first = b[pos]!;
      if (!isStart(first)) {
        discard(1, 'noise');
        continue;
      }
      if (first === ACK) {
        flushNoise();
        out.push({ kind: 'frame', frame: { kind: 'ack', bytes: b.slice(pos, pos + 1) } });
        pos += 1;
        continue;
      }
      const length = this.frameLength(b, pos);
      if (length === 'invalid') {
        discard(1, 'noise');
        continue;
      }
      if (length === 'partial') break;
      const bytes = b.slice(pos, pos + length);
      if (bytes[length - 1] !== STOP) {
        // Header looked right but the stop byte is missing: the start was noise; rescan from the next byte.
        discard(1, 'noise');
        continue;
      }
      try {
        const frame = parseWired(bytes);
        flushNoise();
        out.push({ kind: 'frame', frame: { ...frame, bytes } });
        pos += length;
      } catch (e) {
        const code = (e as { code?: string }).code;
        discard(length, code === 'LINK_CHECKSUM' ? 'checksum' : 'invalid');
      }
    }
    flushNoise();
    this.buf = b.slice(pos);
  }

  /** Total length of the frame starting at `pos`, 'partial' if more bytes are needed to know or to have it. */
  private frameLength(b: Uint8Array, pos: number): number | 'partial' | 'invalid' {
    if (b[pos] === SHORT_START) return b.length - pos >= 5 ? 5 : 'partial';
    if (b.length - pos < 4) {
      // Check what we have so far, so that noise does not hold the stream until a timeout.
      if (b.length - pos >= 3 && b[pos + 1] !== b[pos + 2]) return 'invalid';
      return 'partial';
    }
    const l = b[pos + 1]!;
    if (b[pos + 2] !== l || b[pos + 3] !== LONG_START || l < 3) return 'invalid';
    return b.length - pos >= l + 6 ? l + 6 : 'partial';
  }
}
