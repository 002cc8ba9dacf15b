/**
 * What the collector can read from a raw telegram before (and without) decrypting it: the meter's
 * link-layer address, and the dedupe key of the radio transmission.
 *
 * The same transmission may reach the collector with or without DLL CRCs and with stick trailers
 * (RSSI/LQI) appended, depending on the stick (radio.md § 3.3: iM871A & co strip CRCs, CUL does not).
 * So the key is computed on the CRC-free telegram cut at its L-field: address bytes M A V T in clear,
 * plus a hash of everything from the CI field on (access number, payload, ciphertext). Two gateways
 * hearing one transmission get the same key; a meter's next transmission differs at least in its access
 * number, and identical repeats are separated by the time window (radio.md § 9).
 *
 * CRC detection follows radio.md § 3.3 (strip only if every CRC verifies). protocol/src/wmbus/link.ts has
 * the same logic but does not export it from @wmbus/protocol.
 */
import { createHash } from 'node:crypto';
import { crc16En13757 } from '@wmbus/protocol';
import type { MeterIdentity } from '../store/index.js';

export interface LinkIdentity {
  /** The DLL address; null for wired M-Bus frames and telegrams too short to have one. */
  address: MeterIdentity | null;
  /** 24 bytes for wireless (8 address bytes + 16 bytes of SHA-256 over CI..end), 16 otherwise. */
  dedupeKey: Uint8Array;
}

const crcAt = (b: Uint8Array, pos: number): number => (b[pos]! << 8) | b[pos + 1]!;

/** Frame A: block 1 = 10 bytes + CRC, then 16-byte blocks + CRC, the last shorter. */
function stripFrameA(b: Uint8Array): Uint8Array | null {
  const l = b[0]!;
  if (l < 9) return null;
  const blocks = 1 + Math.ceil((l - 9) / 16);
  if (b.length < l + 1 + 2 * blocks) return null;
  const out = new Uint8Array(l + 1);
  let inPos = 0;
  let outPos = 0;
  for (let block = 0; block < blocks; block++) {
    const n = block === 0 ? 10 : Math.min(16, l + 1 - outPos);
    if (crc16En13757(b, inPos, inPos + n) !== crcAt(b, inPos + n)) return null;
    out.set(b.subarray(inPos, inPos + n), outPos);
    inPos += n + 2;
    outPos += n;
  }
  return out;
}

/** Frame B: L counts the CRCs; bytes up to 126 carry one CRC, the rest (if any) another. */
function stripFrameB(b: Uint8Array): Uint8Array | null {
  const total = b[0]! + 1;
  if (total < 12 || b.length < total) return null;
  if (total <= 128) {
    if (crc16En13757(b, 0, total - 2) !== crcAt(b, total - 2)) return null;
    const out = b.slice(0, total - 2);
    out[0] = total - 3;
    return out;
  }
  if (total - 128 < 3 || crc16En13757(b, 0, 126) !== crcAt(b, 126) || crc16En13757(b, 128, total - 2) !== crcAt(b, total - 2)) return null;
  const out = new Uint8Array(total - 4);
  out.set(b.subarray(0, 126), 0);
  out.set(b.subarray(128, total - 2), 126);
  out[0] = total - 5;
  return out;
}

/** The telegram as frame A without CRCs and without trailing stick bytes; null if it cannot be one. */
export function canonicalWireless(b: Uint8Array): Uint8Array | null {
  if (b.length < 11) return null;
  const l = b[0]!;
  if (b.length < l + 1) return null;
  const telegram = b.length === l + 1 ? (stripFrameB(b) ?? b) : (stripFrameA(b) ?? stripFrameB(b) ?? b.subarray(0, l + 1));
  // L C M(2) A(4) V T CI at least; a shorter L-field cannot name a meter.
  return telegram.length >= 11 ? telegram : null;
}

/** Wired frames (EN 13757-2) start with 68 L L 68 (long) or 10 (short) or are a single E5. */
const looksWired = (b: Uint8Array): boolean =>
  (b[0] === 0x68 && b.length >= 4 && b[1] === b[2] && b[3] === 0x68) || (b[0] === 0x10 && b.length === 5) || (b[0] === 0xe5 && b.length === 1);

const MANUFACTURER_LETTERS = (code: number): string =>
  String.fromCharCode(((code >> 10) & 0x1f) + 64, ((code >> 5) & 0x1f) + 64, (code & 0x1f) + 64);

const HEX = '0123456789ABCDEF';

function dllAddress(t: Uint8Array): MeterIdentity {
  let id = '';
  for (let i = 7; i >= 4; i--) id += HEX[t[i]! >> 4]! + HEX[t[i]! & 15]!;
  return { manufacturer: MANUFACTURER_LETTERS(t[2]! | (t[3]! << 8)), id, version: t[8]!, deviceType: t[9]! };
}

const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

export function linkIdentity(raw: Uint8Array): LinkIdentity {
  const telegram = looksWired(raw) ? null : canonicalWireless(raw);
  if (!telegram) return { address: null, dedupeKey: new Uint8Array(sha256(raw).subarray(0, 16)) };
  const key = new Uint8Array(24);
  key.set(telegram.subarray(2, 10), 0);
  key.set(sha256(telegram.subarray(10)).subarray(0, 16), 8);
  return { address: dllAddress(telegram), dedupeKey: key };
}
