/**
 * SHA-256 (FIPS 180-4) of a byte range, for the dedupe key of every telegram (link-identity.ts). A telegram
 * is one or two 64-byte blocks: at that size node:crypto's fixed cost per call (binding, algorithm lookup, a
 * Buffer for the digest) was more than the hashing itself. The output is the same SHA-256, so stored keys
 * stay comparable (collector/test/ingest/link-identity.test.ts checks it against node:crypto).
 */
const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);
const INIT = Int32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);
const H = new Int32Array(8);
const W = new Int32Array(64);
/** The last one or two blocks: the message tail, the 0x80 byte, zeros and the bit length. */
const tail = new Uint8Array(128);

function compress(p: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) W[i] = (p[off]! << 24) | (p[off + 1]! << 16) | (p[off + 2]! << 8) | p[off + 3]!;
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!, b = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/** Writes the first `length` bytes (at most 32) of SHA-256(src[start..end)) to out[at..]. */
export function sha256Into(src: Uint8Array, start: number, end: number, out: Uint8Array, at: number, length = 32): void {
  H.set(INIT);
  const n = end - start;
  let off = start;
  for (; off + 64 <= end; off += 64) compress(src, off);
  const rest = end - off;
  const blocks = rest < 56 ? 1 : 2;
  tail.fill(0, 0, 64 * blocks);
  for (let i = 0; i < rest; i++) tail[i] = src[off + i]!;
  tail[rest] = 0x80;
  // Length in bits as a 64-bit big-endian number (n * 8 < 2^53).
  const last = 64 * blocks - 8;
  const high = Math.floor(n / 0x20000000);
  const low = (n * 8) >>> 0;
  tail[last] = high >>> 24;
  tail[last + 1] = high >>> 16;
  tail[last + 2] = high >>> 8;
  tail[last + 3] = high;
  tail[last + 4] = low >>> 24;
  tail[last + 5] = low >>> 16;
  tail[last + 6] = low >>> 8;
  tail[last + 7] = low;
  compress(tail, 0);
  if (blocks === 2) compress(tail, 64);
  for (let i = 0; i < length; i++) out[at + i] = H[i >> 2]! >>> (24 - 8 * (i & 3));
}
