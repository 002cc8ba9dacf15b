import t from 'tap';
import { crc16En13757 } from '@wmbus/protocol';
import { addFrameACrcs, addFrameBCrcs, frameALengthWithCrcs, stripFrameA, stripFrameB } from '../../src/sticks/dll-crc.js';
import { capture, hex, toHexUpper } from './helpers.js';

// Real frame-A telegrams with their DLL CRCs still inside (fixtures/captures/cul/frame-a-with-crcs.json)
const vectors = capture<{ v1: { withCrcs: string; crcFree: string }; multiBlock: string; long170: string }>('cul', 'frame-a-with-crcs');
const V1 = vectors.v1;
const MULTI_BLOCK = vectors.multiBlock;

t.test('frame A: V1 strips to the CRC-free telegram radio.md § 8.2 gives', async (t) => {
  const r = stripFrameA(hex(V1.withCrcs));
  t.ok(r.ok);
  if (r.ok) t.equal(toHexUpper(r.telegram), V1.crcFree);
  t.equal(frameALengthWithCrcs(0x2e), hex(V1.withCrcs).length);
});

t.test('frame A: an 8-block real frame strips to L + 1 bytes and adding CRCs gives it back', async (t) => {
  const r = stripFrameA(hex(MULTI_BLOCK));
  t.ok(r.ok);
  if (!r.ok) return;
  t.equal(r.telegram.length, 0x73 + 1);
  t.equal(toHexUpper(addFrameACrcs(r.telegram)), MULTI_BLOCK);
});

t.test('frame A: one flipped bit in any block fails the CRC; a wrong length is reported as such', async (t) => {
  const frame = hex(MULTI_BLOCK);
  for (const pos of [3, 20, 60, 120]) {
    const bad = Uint8Array.from(frame);
    bad[pos] ^= 0x04;
    t.same(stripFrameA(bad), { ok: false, reason: 'crc' }, `byte ${pos}`);
  }
  t.same(stripFrameA(frame.subarray(0, frame.length - 1)), { ok: false, reason: 'length' });
});

t.test('frame B: S10 (real CUL line) — one CRC, L rewritten from 0x23 to 0x21', async (t) => {
  const s10 = capture<{ line: string; expected: { frameBL: number; telegram: string } }>('cul', 's10-rx-real-frame-b');
  const frame = hex(s10.line.slice(2, 2 + 2 * (s10.expected.frameBL + 1))); // after "bY": L + 0x23 bytes
  const r = stripFrameB(frame);
  t.ok(r.ok);
  if (r.ok) t.equal(toHexUpper(r.telegram), s10.expected.telegram);
});

t.test('frame B with block 3: one CRC after the first 126 bytes, one at the end (radio.md § 3.3)', async (t) => {
  const telegram = hex(vectors.long170); // 170 bytes: frame B needs a third block
  const frame = addFrameBCrcs(telegram);
  t.equal(frame[0], 0xa9 + 4, 'frame-B L counts both CRCs');
  t.equal(frame.length, frame[0]! + 1);
  t.equal((frame[126]! << 8) | frame[127]!, crc16En13757(frame, 0, 126));
  t.equal((frame[frame.length - 2]! << 8) | frame[frame.length - 1]!, crc16En13757(frame, 128, frame.length - 2));
  const r = stripFrameB(frame);
  t.ok(r.ok);
  if (r.ok) t.equal(toHexUpper(r.telegram), toHexUpper(telegram));
  const bad = Uint8Array.from(frame);
  bad[150] ^= 1;
  t.same(stripFrameB(bad), { ok: false, reason: 'crc' });
});
