/**
 * The two CRC-16 variants of the radio stack (radio.md § 2.0), table-driven.
 * - CRC-16/EN-13757: poly 0x3D65, init 0, not reflected, xorout 0xFFFF. DLL block CRCs (big-endian on
 *   the wire), ELL payload CRC and compact-frame signatures (little-endian). Check value 0xC2B7.
 * - CRC-16/X-25: poly 0x1021 reflected (0x8408), init 0xFFFF, xorout 0xFFFF. IMST host frames. Check 0x906E.
 */
const EN13757_TABLE = new Uint16Array(256);
const X25_TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 8;
  for (let b = 0; b < 8; b++) c = c & 0x8000 ? ((c << 1) ^ 0x3d65) & 0xffff : (c << 1) & 0xffff;
  EN13757_TABLE[i] = c;
  let r = i;
  for (let b = 0; b < 8; b++) r = r & 1 ? (r >>> 1) ^ 0x8408 : r >>> 1;
  X25_TABLE[i] = r;
}

export function crc16En13757(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ EN13757_TABLE[((crc >>> 8) ^ data[i]!) & 0xff]!;
  return crc ^ 0xffff;
}

export function crc16X25(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ X25_TABLE[(crc ^ data[i]!) & 0xff]!;
  return crc ^ 0xffff;
}
