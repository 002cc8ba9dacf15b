import type { DiscardReason, FrameParser, FramingEvent } from './types.js';

/**
 * What a stick's scanner says about the bytes at the head of the buffer. Offsets are relative to
 * the view it was given; the scanner never keeps state, so every stick's framing stays a pure function.
 */
export type ScanResult<F> =
  | { need: true }
  | { skip: number; reason: DiscardReason; silent?: boolean }
  | { frame: F; length: number }
  | { text: string; length: number };

export interface ScanRules<F> {
  scan(view: Uint8Array): ScanResult<F>;
  /** After an overflow, how many leading bytes to drop (default: everything pending). */
  resyncAfterOverflow?(view: Uint8Array): number;
  /** How many bytes of a timed-out partial count as discarded (SLIP: a lone delimiter counts 0). */
  countOnTimeout?(view: Uint8Array): number;
}

export interface StreamParserOptions {
  /** A partial frame older than this is dropped; wmbusmeters uses 2 s (radio.md § 2.8). */
  timeoutMs?: number;
  /** Bound on pending bytes; ioB keeps 1 KiB (radio.md § 2.8 rule 2). */
  maxPending?: number;
}

const NOOP_NEED = { need: true } as const;
export const NEED: ScanResult<never> = NOOP_NEED;

/**
 * The shared engine behind every stick's framing: a bounded buffer, the partial-frame timeout and
 * merging of adjacent noise into one counted `garbage` event. A scanner that throws is treated as
 * "drop one byte" so that a bug in one stick can never stop a stream.
 */
export class StreamParser<F> implements FrameParser<F> {
  private store: Uint8Array = new Uint8Array(512);
  private head = 0;
  private tail = 0;
  private lastByteAt = 0;
  private readonly timeoutMs: number;
  private readonly maxPending: number;

  constructor(private readonly rules: ScanRules<F>, options: StreamParserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.maxPending = options.maxPending ?? 1024;
  }

  get pending(): number {
    return this.tail - this.head;
  }

  feed(chunk: Uint8Array, now: number = Date.now()): FramingEvent<F>[] {
    const out = this.expire(now);
    if (chunk.length === 0) return out;
    this.append(chunk);
    this.lastByteAt = now;
    this.drain(out);
    return out;
  }

  expire(now: number): FramingEvent<F>[] {
    const pending = this.pending;
    if (pending === 0 || now - this.lastByteAt <= this.timeoutMs) return [];
    const view = this.store.subarray(this.head, this.tail);
    const counted = this.rules.countOnTimeout ? this.rules.countOnTimeout(view) : pending;
    this.head = this.tail = 0;
    return counted > 0 ? [{ kind: 'garbage', bytes: counted, reason: 'timeout' }] : [];
  }

  private append(chunk: Uint8Array): void {
    const pending = this.pending;
    if (this.tail + chunk.length > this.store.length) {
      const size = Math.max(this.store.length, (pending + chunk.length) * 2);
      const next = size > this.store.length ? new Uint8Array(size) : this.store;
      next.set(this.store.subarray(this.head, this.tail), 0);
      this.store = next;
      this.head = 0;
      this.tail = pending;
    }
    this.store.set(chunk, this.tail);
    this.tail += chunk.length;
  }

  private consume(n: number): void {
    this.head += n;
    if (this.head >= this.tail) this.head = this.tail = 0;
  }

  private pushGarbage(out: FramingEvent<F>[], bytes: number, reason: DiscardReason): void {
    const last = out[out.length - 1];
    if (last && last.kind === 'garbage' && last.reason === reason && reason === 'noise') last.bytes += bytes;
    else out.push({ kind: 'garbage', bytes, reason });
  }

  private drain(out: FramingEvent<F>[]): void {
    while (this.pending > 0) {
      const view = this.store.subarray(this.head, this.tail);
      let result: ScanResult<F>;
      try {
        result = this.rules.scan(view);
      } catch {
        result = { skip: 1, reason: 'invalid' };
      }
      if ('need' in result) {
        if (view.length <= this.maxPending) return;
        const drop = Math.max(1, Math.min(view.length, this.rules.resyncAfterOverflow?.(view) ?? view.length));
        this.pushGarbage(out, drop, 'overflow');
        this.consume(drop);
      } else if ('skip' in result) {
        const n = Math.max(1, Math.min(result.skip, view.length));
        if (!result.silent) this.pushGarbage(out, n, result.reason);
        this.consume(n);
      } else if ('frame' in result) {
        out.push({ kind: 'frame', frame: result.frame });
        this.consume(Math.max(1, result.length));
      } else {
        out.push({ kind: 'text', text: result.text });
        this.consume(Math.max(1, result.length));
      }
    }
  }
}

/** Index of the first `marker` byte at or after `from`, or -1. */
export function indexOfByte(view: Uint8Array, marker: number, from = 0): number {
  return view.indexOf(marker, from);
}
