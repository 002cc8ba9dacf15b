/**
 * Transport layer headers (EN 13757-7 / OMS Vol. 2; radio.md § 4.1–4.2).
 * 7A short (ACC STS CW), 72 long (ID M Ver Type ACC STS CW), 78 none, and their compact-frame
 * counterparts 7B / 73 / 79. Manufacturer-specific CIs A0–B7 carry no standard header.
 */
import { WmbusError } from '../errors.js';
import { readAddress, type Address } from './link.js';

export type TplHeaderKind = 'none' | 'short' | 'long' | 'manufacturer';

export interface TplHeader {
  ci: number;
  kind: TplHeaderKind;
  compact: boolean;
  address?: Address;
  acc?: number;
  status?: number;
  cw?: number;
  /** Configuration field extension (security mode 7). */
  cfe?: number;
  securityMode: number;
  /** Number of encrypted 16-byte blocks announced by the configuration word. */
  encryptedBlocks: number;
  /** Position right after the header (first payload byte). */
  end: number;
}

interface CiInfo {
  kind: TplHeaderKind;
  compact: boolean;
}

const CI_TABLE: Record<number, CiInfo> = {
  0x78: { kind: 'none', compact: false },
  0x79: { kind: 'none', compact: true },
  0x7a: { kind: 'short', compact: false },
  0x7b: { kind: 'short', compact: true },
  0x72: { kind: 'long', compact: false },
  0x73: { kind: 'long', compact: true },
};

export const isManufacturerCi = (ci: number): boolean => ci >= 0xa0 && ci <= 0xb7;
export const isTplCi = (ci: number): boolean => CI_TABLE[ci] !== undefined || isManufacturerCi(ci);

export function parseTpl(b: Uint8Array, pos: number): TplHeader {
  const ci = b[pos]!;
  if (isManufacturerCi(ci)) return { ci, kind: 'manufacturer', compact: false, securityMode: 0, encryptedBlocks: 0, end: pos + 1 };
  const info = CI_TABLE[ci];
  if (!info) throw new WmbusError('TPL_UNKNOWN_CI', `0x${ci.toString(16).toUpperCase().padStart(2, '0')}`, pos);
  const h: TplHeader = { ci, kind: info.kind, compact: info.compact, securityMode: 0, encryptedBlocks: 0, end: pos + 1 };
  if (info.kind === 'none') return h;
  let p = pos + 1;
  if (info.kind === 'long') {
    if (p + 8 > b.length) throw new WmbusError('TPL_TRUNCATED', 'long header', pos);
    h.address = readAddress(b, p, true).address;
    p += 8;
  }
  if (p + 4 > b.length) throw new WmbusError('TPL_TRUNCATED', 'short header', pos);
  h.acc = b[p]!;
  h.status = b[p + 1]!;
  h.cw = b[p + 2]! | (b[p + 3]! << 8);
  p += 4;
  h.securityMode = (h.cw >> 8) & 0x1f;
  if (h.securityMode === 5 || h.securityMode === 7 || h.securityMode === 2 || h.securityMode === 3) {
    h.encryptedBlocks = (h.cw >> 4) & 0x0f;
  }
  if (h.securityMode === 7) {
    if (p + 1 > b.length) throw new WmbusError('TPL_TRUNCATED', 'configuration field extension', p);
    h.cfe = b[p]!;
    p += 1;
  }
  h.end = p;
  return h;
}

/** TPL status byte, standard bits (radio.md § 4.2); bits 5–7 are manufacturer specific. */
export interface StatusFlags {
  application: 'ok' | 'busy' | 'error' | 'alarm';
  powerLow: boolean;
  permanentError: boolean;
  temporaryError: boolean;
  manufacturerBits: number;
}

const APPLICATION = ['ok', 'busy', 'error', 'alarm'] as const;

export function decodeStatus(status: number): StatusFlags {
  return {
    application: APPLICATION[status & 3]!,
    powerLow: (status & 0x04) !== 0,
    permanentError: (status & 0x08) !== 0,
    temporaryError: (status & 0x10) !== 0,
    manufacturerBits: status >> 5,
  };
}
