import { crc16En13757 } from '@wmbus/protocol';

/**
 * Verifies and strips the data-link-layer block CRCs of a wireless M-Bus frame (radio.md § 3.3).
 * Needed for sticks that hand on the whole DLL frame (CUL/culfw). CRC-16/EN-13757, big-endian on the wire.
 * The lead's general link layer will do the same for all inputs; this one serves the stick layer now.
 */

export type DllStripResult =
  | { ok: true; telegram: Uint8Array; format: 'A' | 'B' }
  | { ok: false; reason: 'length' | 'crc' };

const FIRST_BLOCK = 10; // L C M(2) A(6)
const DATA_BLOCK = 16;
const FRAME_B_FIRST_PART = 126; // blocks 1 + 2 of frame B, from L, before their one CRC

const crcAt = (frame: Uint8Array, pos: number) => (frame[pos]! << 8) | frame[pos + 1]!;

/** Total frame length (L byte included) of a frame-A frame with CRCs, from its L-field. */
export function frameALengthWithCrcs(l: number): number {
  const blocks = 1 + Math.ceil(Math.max(0, l - 9) / DATA_BLOCK);
  return l + 1 + 2 * blocks;
}

/** Frame A: block 1 = 10 bytes + CRC, then 16-byte blocks + CRC, the last one shorter. L excludes CRCs. */
export function stripFrameA(frame: Uint8Array): DllStripResult {
  const l = frame[0];
  if (l === undefined || l < 9 || frame.length !== frameALengthWithCrcs(l)) return { ok: false, reason: 'length' };
  const out = new Uint8Array(l + 1);
  let src = 0;
  let dst = 0;
  let blockLen = FIRST_BLOCK;
  while (dst < out.length) {
    const n = Math.min(blockLen, out.length - dst);
    if (crc16En13757(frame, src, src + n) !== crcAt(frame, src + n)) return { ok: false, reason: 'crc' };
    out.set(frame.subarray(src, src + n), dst);
    src += n + 2;
    dst += n;
    blockLen = DATA_BLOCK;
  }
  return { ok: true, telegram: out, format: 'A' };
}

/** Frame B: L counts the CRCs; one CRC after the first ≤126 bytes, one more after block 3 if present. */
export function stripFrameB(frame: Uint8Array): DllStripResult {
  const l = frame[0];
  if (l === undefined || l < 12 || frame.length !== l + 1) return { ok: false, reason: 'length' };
  const total = l + 1;
  const parts: Array<[number, number]> = []; // [start, end) of data; the CRC follows at end
  if (total <= FRAME_B_FIRST_PART + 2) parts.push([0, total - 2]);
  else {
    if (total < FRAME_B_FIRST_PART + 2 + 3) return { ok: false, reason: 'length' }; // block 3 needs ≥ 1 byte + CRC
    parts.push([0, FRAME_B_FIRST_PART], [FRAME_B_FIRST_PART + 2, total - 2]);
  }
  const out = new Uint8Array(total - 2 * parts.length);
  let dst = 0;
  for (const [start, end] of parts) {
    if (crc16En13757(frame, start, end) !== crcAt(frame, end)) return { ok: false, reason: 'crc' };
    out.set(frame.subarray(start, end), dst);
    dst += end - start;
  }
  out[0] = l - 2 * parts.length; // rewrite L to frame-A meaning
  return { ok: true, telegram: out, format: 'B' };
}

/** Adds frame-A block CRCs to a CRC-free telegram (used by emulators and to build test frames). */
export function addFrameACrcs(telegram: Uint8Array): Uint8Array {
  const out = new Uint8Array(frameALengthWithCrcs(telegram[0]!));
  let src = 0;
  let dst = 0;
  let blockLen = FIRST_BLOCK;
  while (src < telegram.length) {
    const n = Math.min(blockLen, telegram.length - src);
    out.set(telegram.subarray(src, src + n), dst);
    const crc = crc16En13757(telegram, src, src + n);
    out[dst + n] = crc >> 8;
    out[dst + n + 1] = crc & 0xff;
    src += n;
    dst += n + 2;
    blockLen = DATA_BLOCK;
  }
  return out;
}

/** Adds frame-B CRCs to a CRC-free telegram (frame-A L in, frame-B L out). */
export function addFrameBCrcs(telegram: Uint8Array): Uint8Array {
  const dataLen = telegram.length;
  const crcs = dataLen + 2 <= FRAME_B_FIRST_PART + 2 ? 1 : 2;
  const out = new Uint8Array(dataLen + 2 * crcs);
  out.set(telegram.subarray(0, Math.min(dataLen, FRAME_B_FIRST_PART)), 0);
  out[0] = telegram[0]! + 2 * crcs;
  const firstEnd = crcs === 1 ? dataLen : FRAME_B_FIRST_PART;
  let crc = crc16En13757(out, 0, firstEnd);
  out[firstEnd] = crc >> 8;
  out[firstEnd + 1] = crc & 0xff;
  if (crcs === 2) {
    out.set(telegram.subarray(FRAME_B_FIRST_PART), FRAME_B_FIRST_PART + 2);
    const end = out.length - 2;
    crc = crc16En13757(out, FRAME_B_FIRST_PART + 2, end);
    out[end] = crc >> 8;
    out[end + 1] = crc & 0xff;
  }
  return out;
}
