/**
 * Wired M-Bus link layer (EN 13757-2; m-bus.com "The M-Bus: A Documentation" ch. 5): single character E5,
 * short frame `10 C A CS 16`, long frame `68 L L 68 C A CI data CS 16` with CS = sum(C..data) mod 256.
 * radio.md § 3.4.
 */
import { WmbusError } from '../errors.js';

export interface WiredFrame {
  kind: 'ack' | 'short' | 'long';
  c?: number;
  /** Primary address (253 = secondary addressing in use). */
  a?: number;
  ci?: number;
  /** From CI on (CI + data), without checksum and stop byte; the input for the transport layer. */
  apdu?: Uint8Array;
}

export const isWiredFrameStart = (b: Uint8Array): boolean => b.length > 0 && (b[0] === 0x68 || b[0] === 0x10 || (b[0] === 0xe5 && b.length === 1));

function checksum(b: Uint8Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s += b[i]!;
  return s & 0xff;
}

export function parseWired(b: Uint8Array): WiredFrame {
  if (b.length === 1 && b[0] === 0xe5) return { kind: 'ack' };
  if (b[0] === 0x10) {
    if (b.length < 5) throw new WmbusError('LINK_TRUNCATED', 'short frame', 0);
    if (b[4] !== 0x16) throw new WmbusError('LINK_FRAME', 'short frame stop byte', 4);
    if (checksum(b, 1, 3) !== b[3]) throw new WmbusError('LINK_CHECKSUM', 'short frame', 3);
    return { kind: 'short', c: b[1]!, a: b[2]! };
  }
  if (b[0] !== 0x68) throw new WmbusError('LINK_FRAME', 'start byte', 0);
  if (b.length < 9) throw new WmbusError('LINK_TRUNCATED', 'long frame header', 0);
  const l = b[1]!;
  if (b[2] !== l || b[3] !== 0x68) throw new WmbusError('LINK_FRAME', 'long frame header bytes', 1);
  if (l < 3) throw new WmbusError('LINK_FRAME', `L=${l} too small`, 1);
  if (b.length < l + 6) throw new WmbusError('LINK_TRUNCATED', `long frame needs ${l + 6} bytes, got ${b.length}`, 0);
  const cs = b[4 + l]!;
  if (checksum(b, 4, 4 + l) !== cs) throw new WmbusError('LINK_CHECKSUM', 'long frame', 4 + l);
  if (b[5 + l] !== 0x16) throw new WmbusError('LINK_FRAME', 'long frame stop byte', 5 + l);
  return { kind: 'long', c: b[4]!, a: b[5]!, ci: b[6]!, apdu: b.subarray(6, 4 + l) };
}
