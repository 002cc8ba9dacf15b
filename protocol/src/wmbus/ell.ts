/**
 * Extended link layer (EN 13757-4, CI 8C–8F; radio.md § 4.1, § 5.2).
 * 8C: CC ACC · 8D: CC ACC SN(4) [payload CRC inside the encrypted part] · 8E: CC ACC M2 A2 · 8F: 8E + SN.
 * With SN encryption bits (29–31) = 1 the rest of the telegram is AES-128-CTR encrypted, and its first
 * two decrypted bytes are a CRC-16/EN-13757 (little-endian) over the remainder: that CRC is the key check.
 */
import { WmbusError } from '../errors.js';
import { crc16En13757 } from './crc.js';
import { aesCtr } from './aes.js';
import { readAddress, type Address } from './link.js';

export interface EllHeader {
  ci: number;
  cc: number;
  acc: number;
  /** Secondary address (CI 8E/8F). */
  address?: Address;
  sn?: number;
  /** 0 none, 1 AES-128-CTR (EN 13757-4 SN encryption field). */
  encryption: number;
  /** Length of the ELL header including its CI. */
  headerLength: number;
}

const HEADER_LENGTH: Record<number, number> = { 0x8c: 3, 0x8d: 7, 0x8e: 11, 0x8f: 15 };

export const isEllCi = (ci: number): boolean => ci >= 0x8c && ci <= 0x8f;

export function parseEllHeader(b: Uint8Array, pos: number): EllHeader {
  const ci = b[pos]!;
  const len = HEADER_LENGTH[ci];
  if (len === undefined) throw new WmbusError('ELL_UNSUPPORTED', `CI ${ci.toString(16)}`, pos);
  if (pos + len > b.length) throw new WmbusError('ELL_TRUNCATED', undefined, pos);
  const header: EllHeader = { ci, cc: b[pos + 1]!, acc: b[pos + 2]!, encryption: 0, headerLength: len };
  if (ci === 0x8e || ci === 0x8f) header.address = readAddress(b, pos + 3).address;
  if (ci === 0x8d || ci === 0x8f) {
    const snPos = pos + len - 4;
    const sn = (b[snPos]! | (b[snPos + 1]! << 8) | (b[snPos + 2]! << 16) | (b[snPos + 3]! << 24)) >>> 0;
    header.sn = sn;
    header.encryption = sn >>> 29;
  }
  return header;
}

/** True when the payload (CRC ‖ data) carries a valid ELL payload CRC as it stands. */
export function ellPayloadCrcOk(payload: Uint8Array): boolean {
  if (payload.length < 3) return false;
  const crc = payload[0]! | (payload[1]! << 8);
  return crc16En13757(payload, 2) === crc;
}

/** IV = M ‖ A (DLL) ‖ CC with the relayed bit (0x10) cleared ‖ SN ‖ FN 00 00 ‖ BC 00. */
export function ellCtrIv(dll: Uint8Array, ell: EllHeader, ellPos: number): Uint8Array {
  const iv = new Uint8Array(16);
  iv.set(dll.subarray(2, 10), 0);
  iv[8] = ell.cc & 0xef;
  iv.set(dll.subarray(ellPos + 3 + (ell.ci === 0x8f ? 8 : 0), ellPos + 7 + (ell.ci === 0x8f ? 8 : 0)), 9);
  return iv;
}

export function ellDecrypt(key: Uint8Array, iv: Uint8Array, payload: Uint8Array): Uint8Array {
  return aesCtr(key, iv, payload);
}
