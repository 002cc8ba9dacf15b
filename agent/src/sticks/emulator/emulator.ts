import { fromHex } from '@wmbus/protocol';
import type { StickKind } from '../types.js';
import { writeChunked, XorShift32 } from './chunked-write.js';

/** Where an emulator writes its bytes and hears the host (a mock port or the other end of a pty). */
export interface EmulatorEndpoint {
  write(bytes: Uint8Array): void | Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): void;
}

/** One stick's host protocol seen from the stick side. */
export interface EmulatorModel {
  kind: StickKind;
  /** Host bytes in, answers out; the model keeps its own parser for split requests. */
  receive(chunk: Uint8Array): Uint8Array[];
  /** A received telegram (L first, CRC-free, frame-A L) as the stick sends it to the host. */
  indication(telegram: Uint8Array, rssiRaw: number): Uint8Array;
  /** The same bytes with their checksum (or DLL CRC) broken. */
  corrupt(frame: Uint8Array): Uint8Array;
  /** Bytes injected noise must avoid, so a noise burst never looks like a frame start. */
  startBytes: number[];
  /** Text protocols: turn random bytes into a noise line that cannot glue onto the next line. */
  makeNoise?(bytes: Uint8Array): Uint8Array;
  /** What a corrupted frame counts as at the host: a checksum error (default) or plain discarded bytes. */
  corruptionCountsAs?: 'checksum' | 'noise';
}

export interface ReplayOptions {
  /** Telegrams per second (0 = as fast as the endpoint takes them). */
  rate?: number;
  rssiRaw?: number;
  /** Every n-th telegram gets noise in front of it. */
  noiseEvery?: number;
  noiseBytes?: number;
  /** Every n-th telegram is sent with a broken checksum. */
  badChecksumEvery?: number;
}

export interface ReplayReport {
  sent: number;
  corrupted: number;
  noiseBytes: number;
}

export interface EmulatorOptions {
  /** Largest chunk written at once; frames are split at pseudo-random points below it. */
  maxChunk?: number;
  seed?: number;
}

/**
 * Speaks a stick protocol over an endpoint: answers the init sequence, replays telegrams at a rate,
 * injects noise, split chunks and bad checksums. Deterministic (seeded), so tests can count exactly.
 */
export class StickEmulator {
  /** While silent the emulator neither answers nor sends (a hung stick, for the watchdog). */
  silent = false;
  readonly heard: Uint8Array[] = [];
  private endpoint: EmulatorEndpoint | undefined;
  private readonly random: XorShift32;
  /** Writes are queued so that answers and replayed telegrams never interleave their chunks. */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly model: EmulatorModel, private readonly options: EmulatorOptions = {}) {
    this.random = new XorShift32(options.seed ?? 1);
  }

  /** (Re)attach, e.g. to the new mock port after the driver reopened it. */
  attach(endpoint: EmulatorEndpoint): void {
    this.endpoint = endpoint;
    endpoint.onData((chunk) => {
      if (this.endpoint !== endpoint || this.silent) return;
      this.heard.push(chunk);
      for (const answer of this.model.receive(chunk)) void this.send(answer);
    });
  }

  /** Writes bytes, split into chunks of 1..maxChunk bytes, after everything queued before. */
  send(bytes: Uint8Array): Promise<void> {
    const next = this.queue.then(() => this.write(bytes));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(bytes: Uint8Array): Promise<void> {
    const endpoint = this.endpoint;
    if (!endpoint || this.silent) return;
    await writeChunked(endpoint, bytes, this.options.maxChunk ?? 0, this.random);
  }

  /** Replays telegrams given as hex (L first, CRC-free). */
  async replay(hexes: string[], options: ReplayOptions = {}): Promise<ReplayReport> {
    const report: ReplayReport = { sent: 0, corrupted: 0, noiseBytes: 0 };
    const gap = options.rate ? 1000 / options.rate : 0;
    for (let i = 0; i < hexes.length; i++) {
      if (this.silent) break;
      const n = i + 1;
      if (options.noiseEvery && n % options.noiseEvery === 0) {
        const noise = this.noise(options.noiseBytes ?? 7);
        report.noiseBytes += noise.length;
        await this.send(noise);
      }
      let frame = this.model.indication(fromHex(hexes[i]!), options.rssiRaw ?? 0xa5);
      if (options.badChecksumEvery && n % options.badChecksumEvery === 0) {
        frame = this.model.corrupt(frame);
        report.corrupted++;
      }
      await this.send(frame);
      report.sent++;
      if (gap > 0) await new Promise((r) => setTimeout(r, gap));
    }
    return report;
  }

  noise(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      let b = this.random.next() & 0xff;
      while (this.model.startBytes.includes(b) || b === 0x0a || b === 0x0d) b = (b + 1) & 0xff;
      out[i] = b;
    }
    return this.model.makeNoise ? this.model.makeNoise(out) : out;
  }

  /** xorshift32: enough to make split points and noise repeatable. */
}
