/**
 * Compact-frame formats (radio.md § 6): a full frame's DIF/VIF headers, keyed by their CRC-16/EN-13757
 * (the "format signature" a compact frame carries). Formats are learned from full frames as they are
 * decoded and can be preloaded (drivers ship known formats; the agent persists what it learned).
 */
import { crc16En13757 } from './crc.js';
import { toHex, fromHex } from '../util/hex.js';

export class CompactFormatStore {
  private readonly formats = new Map<number, Uint8Array[]>();

  /** Remembers a format; returns its signature. */
  learn(format: Uint8Array): number {
    const signature = crc16En13757(format);
    const known = this.formats.get(signature);
    if (!known) this.formats.set(signature, [format.slice()]);
    else if (!known.some((f) => f.length === format.length && f.every((v, i) => v === format[i]))) known.push(format.slice());
    return signature;
  }

  /** Candidate formats for a signature (more than one only on a CRC collision). */
  lookup(signature: number): readonly Uint8Array[] {
    return this.formats.get(signature) ?? [];
  }

  get size(): number {
    return this.formats.size;
  }

  /** Serializable form, for persistence: signature hex → list of format hex strings. */
  toJSON(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [sig, list] of this.formats) out[sig.toString(16).padStart(4, '0')] = list.map((f) => toHex(f));
    return out;
  }

  static fromJSON(json: Record<string, string[]>): CompactFormatStore {
    const store = new CompactFormatStore();
    for (const list of Object.values(json)) for (const hex of list) store.learn(fromHex(hex));
    return store;
  }
}
