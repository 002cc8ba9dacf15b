/**
 * The master's receive framing: E5 / short / long frames out of split chunks, noise and broken
 * checksums counted, never a throw. Frames: real corpus wired telegrams.
 */
import t from 'tap';
import { fromHex } from '@wmbus/protocol';
import { WiredFrameParser } from '../../src/wired/framing.js';
import { concat, discarded, feedChunked, frames } from '../sticks/helpers.js';

const APT = fromHex('685656680800727537680001061507CCE800000C7875376800046D1DB458340413F73E0000023B0D00441385010000426C41340227090203FD171C030004FF0A0404000002FF0B000003FF0C1300B20F00042C1B1B00010200003716');
const KAM = fromHex('68464668084A72447744772D2C3404060000000406CE86000004FF073444020004FF08F8CE0100041411680300043B0F02000002593C19025DA41104FF220000000004A5FF21C7D02700D916');
const ACK = Uint8Array.of(0xe5);
const SHORT = fromHex('107B017C16');

t.test('ack, short and long frames in any chunking', async (t) => {
  const stream = concat(ACK, APT, SHORT, KAM, ACK);
  for (const sizes of [[1], [2, 5], [7, 1, 13], [stream.length]]) {
    const events = feedChunked(new WiredFrameParser(), stream, sizes);
    const got = frames(events);
    t.same(got.map((f) => f.kind), ['ack', 'long', 'short', 'long', 'ack'], `chunks ${sizes}`);
    t.same(Buffer.from(got[1]!.bytes), Buffer.from(APT));
    t.equal(got[3]!.a, 0x4a);
    t.equal(got[2]!.c, 0x7b);
    t.equal(discarded(events), 0);
  }
});

t.test('noise in front and between frames is counted and skipped', async (t) => {
  const noise = Uint8Array.of(0x00, 0x33, 0xff, 0x12);
  const stream = concat(noise, APT, noise, KAM);
  const events = feedChunked(new WiredFrameParser(), stream, [3]);
  t.equal(frames(events).length, 2);
  t.equal(discarded(events, 'noise'), 8);
});

t.test('a long frame with a bad checksum is dropped whole and the next one is read', async (t) => {
  const bad = APT.slice();
  bad[bad.length - 2] ^= 0x01;
  const events = feedChunked(new WiredFrameParser(), concat(bad, KAM), [5]);
  const got = frames(events);
  t.equal(got.length, 1);
  t.equal(got[0]!.a, 0x4a, 'the Kamstrup frame after the broken one');
  t.equal(discarded(events, 'checksum'), APT.length);
});

t.test('a false start (68 without a valid header) resynchronises on the next frame', async (t) => {
  const stream = concat(Uint8Array.of(0x68, 0x05, 0x07), Uint8Array.of(0x10, 0x01), APT);
  const events = feedChunked(new WiredFrameParser(), stream, [1]);
  t.same(frames(events).map((f) => f.kind), ['long']);
  t.equal(discarded(events), 5);
});

t.test('a partial frame expires after the timeout', async (t) => {
  const p = new WiredFrameParser(100);
  t.same(frames(p.feed(APT.subarray(0, 30), 1000)), []);
  t.equal(p.pending, 30);
  t.same(p.expire(1050), []);
  t.same(p.expire(1100), [{ kind: 'garbage', bytes: 30, reason: 'timeout' }]);
  t.equal(p.pending, 0);
  t.equal(frames(p.feed(APT, 1200)).length, 1);
});

t.test('random bytes never throw and every byte is accounted for', async (t) => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  const p = new WiredFrameParser();
  let accounted = 0;
  let total = 0;
  for (let round = 0; round < 200; round++) {
    const chunk = Uint8Array.from({ length: 1 + (rnd() % 40) }, rnd);
    total += chunk.length;
    for (const e of p.feed(chunk, 0)) accounted += e.kind === 'garbage' ? e.bytes : e.kind === 'frame' ? e.frame.bytes.length : 0;
  }
  t.equal(accounted + p.pending, total);
});
