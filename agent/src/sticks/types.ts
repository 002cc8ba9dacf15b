/**
 * Shared shapes of the stick layer: framing events, the normalised telegram every stick hands on
 * (radio.md § 2.8) and the counters kept per stick (architecture.md § 2.2, "Stats").
 */

export type StickKind = 'im871a' | 'iu891a' | 'amber' | 'cul' | 'rc1180' | 'embit' | 'rtlwmbus';

/** Why bytes were thrown away. `checksum` also counts as a checksum error. */
export type DiscardReason = 'noise' | 'checksum' | 'timeout' | 'overflow' | 'truncated' | 'length' | 'invalid';

export type FramingEvent<F> =
  | { kind: 'frame'; frame: F }
  | { kind: 'garbage'; bytes: number; reason: DiscardReason }
  | { kind: 'text'; text: string };

/** A pure, resynchronising stream parser: bytes in, events out. Never throws. */
export interface FrameParser<F> {
  /** `now` (ms) lets the caller drive the partial-frame timeout without timers in the parser. */
  feed(chunk: Uint8Array, now?: number): FramingEvent<F>[];
  /** Drops a partial frame older than the timeout; call it from a timer when no bytes arrive. */
  expire(now: number): FramingEvent<F>[];
  /** Bytes currently held as an incomplete frame. */
  readonly pending: number;
}

export type FrameFormat = 'A' | 'B' | 'unknown';

/** radio.md § 2.8: what every stick driver hands on. */
export interface NormalizedTelegram {
  /** L + data, no DLL CRCs, L with frame-A meaning. */
  telegram: Uint8Array;
  frameFormat: FrameFormat;
  crcCheckedBy: 'stick' | 'host';
  rssiDbm?: number;
  rssiRaw?: number;
  linkMode?: string;
  /** Stick timestamp as the stick reports it (unit depends on the stick, see each telegram.ts). */
  stickTs?: number;
  receivedAt: Date;
  stickId: string;
}

export interface StickCounters {
  bytesReceived: number;
  framesOk: number;
  telegrams: number;
  discardedBytes: number;
  checksumErrors: number;
  partialTimeouts: number;
  reopens: number;
  initFailures: number;
}

export const newCounters = (): StickCounters => ({
  bytesReceived: 0,
  framesOk: 0,
  telegrams: 0,
  discardedBytes: 0,
  checksumErrors: 0,
  partialTimeouts: 0,
  reopens: 0,
  initFailures: 0,
});
