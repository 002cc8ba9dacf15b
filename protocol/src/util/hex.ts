import { WmbusError } from '../errors.js';

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/** Parses hex (spaces, colons and a 0x prefix tolerated) into bytes; a coded error otherwise. */
export function fromHex(text: string): Uint8Array {
  const clean = text.trim().replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (!HEX_RE.test(clean)) throw new WmbusError('INPUT_HEX', `${clean.length} characters`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

export function toHex(bytes: Uint8Array, upper = true): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return upper ? s.toUpperCase() : s;
}
