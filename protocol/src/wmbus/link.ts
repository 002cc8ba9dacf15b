/**
 * Wireless M-Bus data link layer (EN 13757-4): L C M A, frame formats A and B, block CRCs.
 * radio.md § 3. Input may still carry the DLL CRCs (CUL, files, pasted hex: wmbusmeters#1207); they are
 * detected by verifying them and stripped, so everything after this layer sees frame-A meaning without CRCs.
 */
import { WmbusError } from '../errors.js';
import { crc16En13757 } from './crc.js';
import { manufacturerFromCode } from './registries/manufacturers.js';
import { deviceTypeName } from './registries/device-types.js';

export type FrameFormat = 'A' | 'B' | 'none';

export interface Address {
  manufacturer: string;
  /** Identification number: 8 BCD digits as printed on the meter (may hold hex digits on odd meters). */
  id: string;
  version: number;
  deviceType: number;
  deviceTypeName: string;
}

export interface LinkFrame {
  /** The telegram: L (frame-A meaning) + data, CRCs removed. */
  telegram: Uint8Array;
  /** Which CRC layout was found and removed; 'none' when the input had no CRCs. */
  crcFormat: FrameFormat;
  /** Bytes after the end the L-field gives (ignored; e.g. stick trailers). */
  trailingBytes: number;
  l: number;
  c: number;
  manufacturerCode: number;
  address: Address;
}

/** Reads M(2) ‖ ID(4) ‖ version ‖ type at `pos` (the layout of the DLL, the ELL A2 and the TPL long header). */
export function readAddress(b: Uint8Array, pos: number, idFirst = false): { address: Address; manufacturerCode: number } {
  // DLL/ELL order is M then ID; the TPL long header puts ID before M.
  const mPos = idFirst ? pos + 4 : pos;
  const idPos = idFirst ? pos : pos + 2;
  const manufacturerCode = b[mPos]! | (b[mPos + 1]! << 8);
  const deviceType = b[pos + 7]!;
  return {
    manufacturerCode,
    address: {
      manufacturer: manufacturerFromCode(manufacturerCode),
      id: idString(b, idPos),
      version: b[pos + 6]!,
      deviceType,
      deviceTypeName: deviceTypeName(deviceType),
    },
  };
}

const HEX_DIGITS = '0123456789ABCDEF';
/** ID bytes are little-endian BCD; printed most significant first. */
export function idString(b: Uint8Array, pos: number): string {
  let s = '';
  for (let i = pos + 3; i >= pos; i--) s += HEX_DIGITS[b[i]! >> 4]! + HEX_DIGITS[b[i]! & 15]!;
  return s;
}

function crcAt(b: Uint8Array, pos: number): number {
  return (b[pos]! << 8) | b[pos + 1]!;
}

/** Frame A with CRCs: block 1 = 10 bytes + CRC, then 16-byte blocks + CRC, the last shorter. */
function stripFrameA(b: Uint8Array): Uint8Array | null {
  const l = b[0]!;
  if (l < 9) return null;
  const blocks = 1 + Math.ceil((l - 9) / 16);
  const withCrc = l + 1 + 2 * blocks;
  if (b.length < withCrc) return null;
  const out = new Uint8Array(l + 1);
  let inPos = 0;
  let outPos = 0;
  let remaining = l + 1;
  for (let block = 0; block < blocks; block++) {
    const n = block === 0 ? 10 : Math.min(16, remaining);
    if (crc16En13757(b, inPos, inPos + n) !== crcAt(b, inPos + n)) return null;
    out.set(b.subarray(inPos, inPos + n), outPos);
    inPos += n + 2;
    outPos += n;
    remaining -= n;
  }
  return out;
}

/** Frame B: L counts the CRCs; blocks 1+2 (up to 126 bytes from L) carry one CRC, block 3 the rest + CRC. */
function stripFrameB(b: Uint8Array): Uint8Array | null {
  const l = b[0]!;
  const total = l + 1;
  if (total < 12 || b.length < total) return null;
  if (total <= 128) {
    if (crc16En13757(b, 0, total - 2) !== crcAt(b, total - 2)) return null;
    const out = b.slice(0, total - 2);
    out[0] = l - 2;
    return out;
  }
  if (crc16En13757(b, 0, 126) !== crcAt(b, 126)) return null;
  if (total - 128 < 3) return null;
  if (crc16En13757(b, 128, total - 2) !== crcAt(b, total - 2)) return null;
  const out = new Uint8Array(total - 4);
  out.set(b.subarray(0, 126), 0);
  out.set(b.subarray(128, total - 2), 126);
  out[0] = l - 4;
  return out;
}

/**
 * Detects and removes DLL CRCs. A telegram whose length already equals L+1 is taken as CRC-free; otherwise
 * frame A and frame B layouts are tried and accepted only if every CRC verifies.
 */
export function removeDllCrcs(b: Uint8Array): { telegram: Uint8Array; crcFormat: FrameFormat; trailingBytes: number } {
  if (b.length < 11) throw new WmbusError('LINK_TRUNCATED', `${b.length} bytes`, 0);
  const l = b[0]!;
  if (b.length === l + 1) {
    // Could still be frame B with CRCs (L counts them): only if the CRC verifies.
    const asB = stripFrameB(b);
    if (asB && b.length > 12) return { telegram: asB, crcFormat: 'B', trailingBytes: 0 };
    return { telegram: b, crcFormat: 'none', trailingBytes: 0 };
  }
  if (b.length > l + 1) {
    const asA = stripFrameA(b);
    if (asA) {
      const used = l + 1 + 2 * (1 + Math.ceil((l - 9) / 16));
      return { telegram: asA, crcFormat: 'A', trailingBytes: b.length - used };
    }
    const asB = stripFrameB(b);
    if (asB) return { telegram: asB, crcFormat: 'B', trailingBytes: b.length - (l + 1) };
    return { telegram: b.subarray(0, l + 1), crcFormat: 'none', trailingBytes: b.length - (l + 1) };
  }
  throw new WmbusError('LINK_TRUNCATED', `L-field says ${l + 1} bytes, got ${b.length}`, 0);
}

/** The telegram as L gives it, when the source (a stick) already removed the CRCs. */
function withoutCrcDetection(b: Uint8Array): { telegram: Uint8Array; crcFormat: FrameFormat; trailingBytes: number } {
  if (b.length < 11) throw new WmbusError('LINK_TRUNCATED', `${b.length} bytes`, 0);
  const end = b[0]! + 1;
  if (b.length < end) throw new WmbusError('LINK_TRUNCATED', `L-field says ${end} bytes, got ${b.length}`, 0);
  return { telegram: b.subarray(0, end), crcFormat: 'none', trailingBytes: b.length - end };
}

/** `dllCrc: 'none'` skips CRC detection for input whose source already removed the CRCs. */
export function parseLink(input: Uint8Array, dllCrc: 'auto' | 'none' = 'auto'): LinkFrame {
  const { telegram, crcFormat, trailingBytes } = dllCrc === 'none' ? withoutCrcDetection(input) : removeDllCrcs(input);
  const { address, manufacturerCode } = readAddress(telegram, 2);
  return { telegram, crcFormat, trailingBytes, l: telegram[0]!, c: telegram[1]!, manufacturerCode, address };
}
