import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromHex } from '@wmbus/protocol';
import type { FrameParser, FramingEvent } from '../../src/sticks/types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A capture fixture from fixtures/captures/<stick>/<name>.json. */
export function capture<T = Record<string, unknown>>(stick: string, name: string): T & { source: string } {
  return JSON.parse(readFileSync(`${root}fixtures/captures/${stick}/${name}.json`, 'utf8'));
}

/** The ten telegrams of the shared bench mix (radio.md § 8.6), CRC-free, L first. */
export function benchMix(): string[] {
  return readFileSync(`${root}fixtures/bench-mix.tsv`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t')[3]!.trim());
}

export const hex = fromHex;
export const toHexLower = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const toHexUpper = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts.map((p) => Buffer.from(p))));
}

/** Feeds bytes in chunks of the given sizes (cycled) and collects every event. */
export function feedChunked<F>(parser: FrameParser<F>, bytes: Uint8Array, sizes: number[] = [1], now = 0): FramingEvent<F>[] {
  const out: FramingEvent<F>[] = [];
  let i = 0;
  for (let pos = 0; pos < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(...parser.feed(bytes.subarray(pos, pos + n), now));
    pos += n;
  }
  return out;
}

export const frames = <F>(events: FramingEvent<F>[]): F[] =>
  events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));

export const discarded = <F>(events: FramingEvent<F>[], reason?: string): number =>
  events.reduce((n, e) => n + (e.kind === 'garbage' && (!reason || e.reason === reason) ? e.bytes : 0), 0);

export const count = <F>(events: FramingEvent<F>[], reason: string): number =>
  events.filter((e) => e.kind === 'garbage' && e.reason === reason).length;

/** Resolves with the first `n` events of the given name. */
export function collect<T>(emitter: NodeJS.EventEmitter, event: string, n: number, timeoutMs = 5000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const got: T[] = [];
    const timer = setTimeout(() => {
      emitter.off(event, on);
      reject(new Error(`only ${got.length} of ${n} '${event}' events within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (v: T) => {
      got.push(v);
      if (got.length === n) {
        clearTimeout(timer);
        emitter.off(event, on);
        resolve(got);
      }
    };
    emitter.on(event, on);
  });
}
