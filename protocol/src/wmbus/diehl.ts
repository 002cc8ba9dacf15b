/**
 * Diehl Metering (DME, EWT, HYD, SAP, SPL) frame quirks, facts from `wmbusmeters/wmbusmeters:
 * src/manufacturer_specificities.cc` (radio.md § 5.1, modes 16–31):
 * - "real data" frames (CI 71, or CI 7A with bit 12 of the configuration word set) and PRIOS frames
 *   (CI A0–A7 except Sappel, B1–B3) carry the A-field as version, type, ID instead of ID, version, type;
 *   Sappel PRIOS frames (SAP, CI A0–A7) use the version byte as a fifth ID byte and are water meters;
 * - "real data" payloads are scrambled with a 32-bit LFSR seeded from a key and the header bytes,
 *   checked by a byte sum; PRIOS payloads use the same LFSR with 0x4B as the first plain byte.
 * Without a configured key the vendor's two default keys are tried; standard OMS frames of these meters
 * (mode 5) get the vendor's default AES key when none is configured.
 */
import { readAddress, type Address } from './link.js';

const DIEHL_MANUFACTURERS = new Set([0x11a5 /* DME */, 0x16f4 /* EWT */, 0x2324 /* HYD */, 0x4c30 /* SAP */, 0x4e0c /* SPL */]);
const SAP = 0x4c30;

export type DiehlFrame = 'real-data' | 'prios' | 'sap-prios' | null;

/** How a Diehl wireless frame (CRC-free, L-field first) must be read; null when it is a standard frame. */
export function diehlFrame(b: Uint8Array): DiehlFrame {
  if (b.length < 15) return null;
  const m = b[2]! | (b[3]! << 8);
  if (!DIEHL_MANUFACTURERS.has(m) || (b[1] !== 0x44 && b[1] !== 0x46)) return null;
  const ci = b[10]!;
  if (ci === 0x71) return 'real-data';
  if (ci === 0x7a) return b[14]! & 0x10 ? 'real-data' : null;
  if (ci >= 0xa0 && ci <= 0xa7) return m === SAP ? 'sap-prios' : 'prios';
  if (ci >= 0xb1 && ci <= 0xb3) return 'prios';
  return null;
}

/** A standard (OMS) frame of a Diehl meter: the vendor's default AES key may apply (`addDefaultManufacturerKeyIfAny`). */
export function isDiehlOms(b: Uint8Array): boolean {
  if (b.length < 15) return false;
  const m = b[2]! | (b[3]! << 8);
  return DIEHL_MANUFACTURERS.has(m) && (b[1] === 0x44 || b[1] === 0x46) && diehlFrame(b) === null;
}

/** The OMS default AES key of Diehl meters: PRIOS default key 2 written twice. */
export const DIEHL_DEFAULT_OMS_KEY = new Uint8Array([0x51, 0x72, 0x89, 0x10, 0xe6, 0x6d, 0x83, 0xf8, 0x51, 0x72, 0x89, 0x10, 0xe6, 0x6d, 0x83, 0xf8]);

/** The meter address of a Diehl frame, A-field rearranged to the standard reading; DLL-order bytes for IVs. */
export function diehlAddress(b: Uint8Array, kind: Exclude<DiehlFrame, null>): { address: Address; bytes: Uint8Array } {
  const bytes = b.slice(2, 10);
  if (kind === 'sap-prios') {
    bytes[6] = 0x00;
    bytes[7] = 0x07;
  } else {
    bytes.set(b.subarray(6, 10), 2);
    bytes[6] = b[4]!;
    bytes[7] = b[5]!;
  }
  return { address: readAddress(bytes, 0).address, bytes };
}

const be32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

/** The vendor default keys (`PRIOS_DEFAULT_KEY1/2`), already folded to 32 bits (first half XOR second half). */
export const DIEHL_DEFAULT_KEYS: readonly number[] = [0x39bc8a10 ^ 0xe66d83f8, 0x51728910 ^ 0xe66d83f8].map((k) => k >>> 0);

/** Folds a configured key (8 or 16 bytes; the first 8 count) to the 32-bit LFSR key. */
export function diehlKey(key: Uint8Array): number {
  return (be32(key, 0) ^ be32(key, 4)) >>> 0;
}

/**
 * Unscrambles `content` with the LFSR. `address` are the 8 A-field bytes as sent (M, A), `header` the
 * 4 bytes from the CI on. Taps 2, 3, 12, 32 (bits 1, 2, 11, 31); 8 shifts per byte, low byte XORed.
 */
export function diehlLfsr(key: number, address: Uint8Array, header: Uint8Array, content: Uint8Array): Uint8Array {
  let k = (key ^ be32(address, 0) ^ be32(address, 4) ^ be32(header, 0)) >>> 0;
  const out = new Uint8Array(content.length);
  for (let i = 0; i < content.length; i++) {
    for (let j = 0; j < 8; j++) k = ((k << 1) | (((k >>> 1) ^ (k >>> 2) ^ (k >>> 11) ^ (k >>> 31)) & 1)) >>> 0;
    out[i] = content[i]! ^ (k & 0xff);
  }
  return out;
}

/** Unscrambles a "real data" frame's payload (from byte 15); null when no key gives the right byte sum. */
export function diehlRealData(b: Uint8Array, key?: Uint8Array | null): Uint8Array | null {
  const keys = key && key.length >= 8 ? [diehlKey(key)] : DIEHL_DEFAULT_KEYS;
  const check = b[14]! & 0xef;
  for (const k of keys) {
    const plain = diehlLfsr(k, b.subarray(2, 10), b.subarray(10, 14), b.subarray(15));
    let sum = 0;
    for (let i = 0; i < plain.length; i++) sum += plain[i]!;
    if ((sum & 0xef) === check) return plain;
  }
  return null;
}

/**
 * A "real data" frame logged after unscrambling (corpus replays, like mode-5 plaintext replays): the payload
 * as it stands already passes the byte-sum check. 7 check bits only, so decode.ts also requires the payload
 * to read as records without error before it accepts one.
 */
export function diehlRealDataLooksPlain(b: Uint8Array): boolean {
  let sum = 0;
  for (let i = 15; i < b.length; i++) sum += b[i]!;
  return b.length > 15 && (sum & 0xef) === (b[14]! & 0xef);
}
