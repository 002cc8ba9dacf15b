/**
 * AES-128 building blocks on Node's crypto: CBC decryption without padding, CTR, and AES-CMAC
 * (RFC 4493). Node has no CMAC; it is built from AES-ECB here (subkeys K1/K2 by doubling in GF(2^128)).
 * Keys are 16-byte Uint8Arrays; callers validate lengths.
 */
import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';

const ZERO_IV = new Uint8Array(16);

/**
 * One long-lived AES-ECB cipher and decipher per key (padding off, never finalised): creating a Node cipher
 * costs more than decrypting a telegram, and a gateway sees the same few hundred keys over and over. CBC and
 * CTR are built on them. Bounded: the oldest key is forgotten when the cache is full.
 */
interface EcbPair {
  enc: Cipher;
  dec: Decipher;
}
const ECB_CACHE_SIZE = 4096;
const ecbCache = new Map<string, EcbPair>();

function ecb(key: Uint8Array, ephemeral = false): EcbPair {
  const id = ephemeral ? '' : Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
  let pair = ephemeral ? undefined : ecbCache.get(id);
  if (!pair) {
    const enc = createCipheriv('aes-128-ecb', key, null);
    enc.setAutoPadding(false);
    const dec = createDecipheriv('aes-128-ecb', key, null);
    dec.setAutoPadding(false);
    pair = { enc, dec };
    if (ephemeral) return pair;
    if (ecbCache.size >= ECB_CACHE_SIZE) ecbCache.delete(ecbCache.keys().next().value!);
    ecbCache.set(id, pair);
  }
  return pair;
}

/**
 * AES-128-CBC decryption of whole blocks, no padding: P[i] = D(C[i]) xor C[i-1], C[-1] = IV.
 * `ephemeral` keys (mode 7's per-message Kenc) are not cached, so they never push meter keys out.
 */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, ephemeral = false): Uint8Array {
  const n = data.length - (data.length % 16);
  const out = new Uint8Array(ecb(key, ephemeral).dec.update(data.subarray(0, n)));
  for (let i = 0; i < n; i++) out[i]! ^= i < 16 ? iv[i]! : data[i - 16]!;
  return out;
}

/** AES-128-CTR with a 128-bit big-endian counter starting at `iv` (EN 13757-4 ELL: BC is the last byte). */
export function aesCtr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / 16);
  const counters = new Uint8Array(blocks * 16);
  const counter = Uint8Array.from(iv);
  for (let b = 0; b < blocks; b++) {
    counters.set(counter, b * 16);
    for (let i = 15; i >= 0; i--) if (++counter[i]! <= 0xff) break;
  }
  const stream = ecb(key).enc.update(counters);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ stream[i]!;
  return out;
}

function aesEcbEncryptBlocks(key: Uint8Array, data: Uint8Array, ephemeral = false): Uint8Array {
  return new Uint8Array(ecb(key, ephemeral).enc.update(data));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
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

/**
 * AES-CMAC (RFC 4493), full 16-byte tag. CBC-MAC with IV 0 over the message, last block masked by K1/K2.
 * `ephemeral` for per-message keys (mode 7's Kmac), which are not worth caching.
 */
export function aesCmac(key: Uint8Array, message: Uint8Array, ephemeral = false): Uint8Array {
  const l = aesEcbEncryptBlocks(key, ZERO_IV, ephemeral);
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
