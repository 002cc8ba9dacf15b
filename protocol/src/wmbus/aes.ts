/**
 * AES-128 building blocks on Node's crypto: CBC decryption without padding, CTR, and AES-CMAC
 * (RFC 4493). Node has no CMAC; it is built from AES-ECB here (subkeys K1/K2 by doubling in GF(2^128)).
 * Keys are 16-byte Uint8Arrays; callers validate lengths.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

const ZERO_IV = new Uint8Array(16);

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const d = createDecipheriv('aes-128-cbc', key, iv);
  d.setAutoPadding(false);
  return concat(d.update(data), d.final());
}

export function aesCtr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-ctr', key, iv);
  return concat(c.update(data), c.final());
}

/**
 * Single DES-CBC (security mode 2, legacy). OpenSSL 3 keeps plain DES in its legacy provider, which Node
 * does not load; two-key triple DES with K1 = K2 computes E(K)·D(K)·E(K) = E(K), i.e. single DES.
 */
export function desCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const k = new Uint8Array(16);
  k.set(key.subarray(0, 8));
  k.set(key.subarray(0, 8), 8);
  const d = createDecipheriv('des-ede-cbc', k, iv);
  d.setAutoPadding(false);
  return concat(d.update(data), d.final());
}

function aesEcbEncryptBlocks(key: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-ecb', key, null);
  c.setAutoPadding(false);
  return concat(c.update(data), c.final());
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function doubleBlock(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  let carry = 0;
  for (let i = 15; i >= 0; i--) {
    const v = (b[i]! << 1) | carry;
    out[i] = v & 0xff;
    carry = v >> 8;
  }
  if (b[0]! & 0x80) out[15]! ^= 0x87;
  return out;
}

/** AES-CMAC (RFC 4493), full 16-byte tag. CBC-MAC with IV 0 over the message, last block masked by K1/K2. */
export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const l = aesEcbEncryptBlocks(key, ZERO_IV);
  const k1 = doubleBlock(l);
  const k2 = doubleBlock(k1);
  const n = Math.max(1, Math.ceil(message.length / 16));
  const complete = message.length > 0 && message.length % 16 === 0;
  const padded = new Uint8Array(n * 16);
  padded.set(message);
  if (!complete) padded[message.length] = 0x80;
  const last = (n - 1) * 16;
  const mask = complete ? k1 : k2;
  for (let i = 0; i < 16; i++) padded[last + i]! ^= mask[i]!;
  const c = createCipheriv('aes-128-cbc', key, ZERO_IV);
  c.setAutoPadding(false);
  const enc = c.update(padded);
  return new Uint8Array(enc.buffer, enc.byteOffset + enc.length - 16, 16).slice();
}
