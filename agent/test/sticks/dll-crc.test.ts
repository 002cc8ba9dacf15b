import t from 'tap';
import { crc16En13757 } from '@wmbus/protocol';
import { addFrameACrcs, addFrameBCrcs, frameALengthWithCrcs, stripFrameA, stripFrameB } from '../../src/sticks/dll-crc.js';
import { capture, hex, toHexUpper } from './helpers.js';

// Real frame-A telegrams with their DLL CRCs still inside, and the CRC-free form radio.md gives.
const V1 = {
  withCrcs: '2E44931578563412330333637A2A0020255923C95AAA26D1B2E7493BC2AD013EC4A6F6D3529B520EDFF0EA6DEFC955B29D6D69EBF3EC8A',
  crcFree: '2E4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3',
}; // radio.md § 8.2 V1
// wmbusmeters/wmbusmeters: simulations/simulation_dll_crcs.txt (shared corpus extra.json): an 8-block frame
const MULTI_BLOCK =
  '734414867CC30B0003030D58A00EDF0700DC41343CEA390306FF0A0D44EADF07000DDF07000DDF07000DDF07000E44F9DF07000EDF07000EDF07000EDF07000E931EDF07000DDF07000DDF07000DDF0700035A4500000000374F0B20000000000000243412B31C07050C12280000000000002C002302062F19080F2F000000000000DCF5';

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
  const s10 = capture<{ expected: { telegram: string } }>('cul', 's10-rx-real-frame-b');
  const r = stripFrameB(hex('23442D2C443943741B168D20B940B97903391C7934DD66E671005D2100005D2100005A97'));
  t.ok(r.ok);
  if (r.ok) t.equal(toHexUpper(r.telegram), s10.expected.telegram);
});

t.test('frame B with block 3: one CRC after the first 126 bytes, one at the end (radio.md § 3.3)', async (t) => {
  // a 170-byte telegram from wmbusmeters/wmbusmeters: simulations (shared corpus extra.json)
  const telegram = hex(
    'A944C5149564252200047A10009025A8431D8BEE683C2471D99F2B943E739F39AFF1A257D056CBB97D6BA1CE2A85C01455BEF04A0BB199582803174DE070957378350C6419C5BF499BF8E089390B4AB4F610C0BB334AD2B810994BE18FCF0D8B12A3BBB3E8CBE90009DF3D7CFC8B62D89923E1A0D207BBDD4B453491A00D3942FE1B8D0D03492AD8CCE69C8968B157D6F25AD1A541AAFB0787AAE06D6C9BF903F903FD0C05010002FD0B',
  );
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
