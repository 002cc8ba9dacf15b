/**
 * The decoder fuzzer: mutates real fixture telegrams (bit flips, byte changes, truncation, extension,
 * L-field lies, CI swaps, configuration-word lies, random bytes) and feeds them to the decoder with and
 * without their keys. Any exception that is not a coded WmbusError is a crash.
 */
import { decodeTelegram } from '../wmbus/decode.js';
import { CompactFormatStore } from '../wmbus/compact-formats.js';
import { isWmbusError } from '../errors.js';
import { toHex } from '../util/hex.js';
import { loadTelegramFixtures } from './fixtures.js';

export interface FuzzResult {
  inputs: number;
  crashes: number;
  codedErrors: number;
  seeds: number;
  /** The first crashes, with the input that caused them. */
  examples: string[];
}

const INTERESTING_CI = [0x72, 0x73, 0x78, 0x79, 0x7a, 0x7b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0xa0, 0xa2, 0x51, 0x00, 0xff];

export function runFuzz(inputs: number, seed: number): FuzzResult {
  let state = seed >>> 0 || 1;
  /** xorshift32: reproducible from the seed. */
  const rand = (n: number): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };

  function mutate(src: Uint8Array): Uint8Array {
    let b = src.slice();
    const rounds = 1 + rand(4);
    for (let r = 0; r < rounds; r++) {
      switch (rand(9)) {
        case 0: // bit flip
          if (b.length) b[rand(b.length)]! ^= 1 << rand(8);
          break;
        case 1: // random byte
          if (b.length) b[rand(b.length)] = rand(256);
          break;
        case 2: // truncate
          b = b.subarray(0, rand(b.length + 1));
          break;
        case 3: // extend with random bytes
          b = Uint8Array.from([...b, ...Array.from({ length: 1 + rand(40) }, () => rand(256))]);
          break;
        case 4: // L-field lie
          if (b.length) b[0] = rand(256);
          break;
        case 5: // swap the CI for another interesting one
          if (b.length > 10) b[10] = INTERESTING_CI[rand(INTERESTING_CI.length)]!;
          break;
        case 6: // configuration word / security mode lie
          if (b.length > 14) b[13 + rand(2)] = rand(256);
          break;
        case 7: // all random
          b = Uint8Array.from({ length: rand(300) }, () => rand(256));
          break;
        default: // DIF/VIF region garbage
          if (b.length > 16) for (let i = 0; i < 4; i++) b[15 + rand(b.length - 15)] = rand(256);
      }
    }
    return b;
  }

  const seeds = loadTelegramFixtures().flatMap((f) => f.telegrams.map((bytes) => ({ bytes, key: f.key })));
  const result: FuzzResult = { inputs, crashes: 0, codedErrors: 0, seeds: seeds.length, examples: [] };
  const formats = new CompactFormatStore();
  for (let i = 0; i < inputs; i++) {
    const seedTelegram = seeds[rand(seeds.length)]!;
    const input = mutate(seedTelegram.bytes);
    const key = rand(3) === 0 ? null : seedTelegram.key;
    try {
      decodeTelegram(input, { key, compactFormats: formats });
    } catch (e) {
      if (isWmbusError(e)) result.codedErrors++;
      else {
        result.crashes++;
        if (result.examples.length < 10) result.examples.push(`${(e as Error)?.stack ?? e}\n  input ${toHex(input)} key ${key ? toHex(key) : 'none'}`);
      }
    }
  }
  return result;
}
