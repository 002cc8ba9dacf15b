/**
 * Authentication and fragmentation layer (CI 90; OMS Vol. 2 § 6; radio.md § 4.1, § 5.2).
 * AFLL, FC(2), then MCL, KI(2), MCR(4), MAC, ML(2) as announced by the FC bits.
 */
import { WmbusError } from '../errors.js';

export interface AflHeader {
  length: number;
  fc: number;
  moreFragments: boolean;
  fragmentId: number;
  mcl?: number;
  keyInfo?: number;
  mcr?: number;
  mac?: Uint8Array;
  messageLength?: number;
  /** Position of the MCL byte and the MCR bytes (for the MAC input). */
  mclPos?: number;
  mcrPos?: number;
  mlPos?: number;
  /** Position of the CI after the AFL. */
  end: number;
}

// FC bits (OMS Vol. 2 table 20)
const FC_MORE_FRAGMENTS = 0x4000;
const FC_MCL_PRESENT = 0x2000;
const FC_ML_PRESENT = 0x1000;
const FC_MCR_PRESENT = 0x0800;
const FC_MAC_PRESENT = 0x0400;
const FC_KI_PRESENT = 0x0200;

/** MAC length by authentication type (MCL bits 0–3). */
const MAC_LENGTH: Record<number, number> = { 0: 0, 3: 2, 4: 4, 5: 8, 6: 12, 7: 16, 8: 16 };

export function parseAfl(b: Uint8Array, pos: number): AflHeader {
  if (pos + 4 > b.length) throw new WmbusError('AFL_TRUNCATED', undefined, pos);
  const length = b[pos + 1]!;
  const end = pos + 2 + length;
  if (end > b.length || length < 2) throw new WmbusError('AFL_TRUNCATED', `AFLL ${length}`, pos);
  const fc = b[pos + 2]! | (b[pos + 3]! << 8);
  const h: AflHeader = { length, fc, moreFragments: (fc & FC_MORE_FRAGMENTS) !== 0, fragmentId: fc & 0xff, end };
  let p = pos + 4;
  const need = (n: number) => {
    if (p + n > end) throw new WmbusError('AFL_TRUNCATED', 'fields longer than AFLL', p);
  };
  if (fc & FC_MCL_PRESENT) {
    need(1);
    h.mcl = b[p]!;
    h.mclPos = p;
    p += 1;
  }
  if (fc & FC_KI_PRESENT) {
    need(2);
    h.keyInfo = b[p]! | (b[p + 1]! << 8);
    p += 2;
  }
  if (fc & FC_MCR_PRESENT) {
    need(4);
    h.mcr = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    h.mcrPos = p;
    p += 4;
  }
  if (fc & FC_MAC_PRESENT) {
    const macLen = MAC_LENGTH[(h.mcl ?? 0) & 0x0f] ?? 8;
    need(macLen);
    h.mac = b.subarray(p, p + macLen);
    p += macLen;
  }
  if (fc & FC_ML_PRESENT) {
    need(2);
    h.messageLength = b[p]! | (b[p + 1]! << 8);
    h.mlPos = p;
    p += 2;
  }
  return h;
}
