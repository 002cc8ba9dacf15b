/**
 * What the emulators (radio sticks and the wired bus) share: a seeded pseudo-random source, so tests can
 * count exactly, and writing bytes split at pseudo-random points as a UART hands them over.
 */
import type { EmulatorEndpoint } from './emulator.js';

/** xorshift32 (Marsaglia 2003): deterministic for a seed, good enough to pick chunk sizes and noise. */
export class XorShift32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed;
  }

  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}

/** Writes `bytes` in chunks of 1..maxChunk bytes (0: whole), each awaited before the next. */
export async function writeChunked(endpoint: EmulatorEndpoint, bytes: Uint8Array, maxChunk: number, random: XorShift32): Promise<void> {
  if (maxChunk <= 0) return void (await endpoint.write(bytes));
  for (let pos = 0; pos < bytes.length; ) {
    const n = 1 + (random.next() % maxChunk);
    await endpoint.write(bytes.subarray(pos, pos + n));
    pos += n;
  }
}
