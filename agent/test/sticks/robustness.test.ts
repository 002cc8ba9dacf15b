/**
 * Every framing parser against pseudo-random bytes in random chunk sizes: it never throws, its
 * buffer stays bounded, every byte it let go of is either a frame, text or counted garbage, and
 * after the partial-frame timeout it parses clean frames again.
 */
import t from 'tap';
import { fromHex } from '@wmbus/protocol';
import { STICKS } from '../../src/sticks/registry.js';
import { EMULATOR_MODELS } from '../../src/sticks/emulator/index.js';
import type { StickContext } from '../../src/sticks/stick-driver.js';
import type { FramingEvent, StickKind } from '../../src/sticks/types.js';
import { benchMix } from './helpers.js';

function xorshift(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

const MIX = benchMix();

for (const kind of Object.keys(STICKS) as StickKind[]) {
  t.test(kind, async (t) => {
    const context: StickContext = { stickId: 'fuzz', rssiEnabled: true, linkModes: [], phase: 'data' };
    const parser = STICKS[kind].protocol.createParser(context);
    const random = xorshift(0x5eed + kind.length);
    let garbage = 0;
    let threw = false;
    let maxPending = 0;
    let now = 0;
    for (let round = 0; round < 400; round++) {
      const chunk = new Uint8Array(1 + (random() % 64));
      for (let i = 0; i < chunk.length; i++) chunk[i] = random() & 0xff;
      try {
        for (const e of parser.feed(chunk, (now += 5))) if (e.kind === 'garbage') garbage += e.bytes;
      } catch {
        threw = true;
      }
      maxPending = Math.max(maxPending, parser.pending);
    }
    t.notOk(threw, 'never throws');
    t.ok(maxPending <= 2048, `buffer bounded (max ${maxPending})`);
    t.ok(garbage > 0, `random bytes are counted as garbage (${garbage})`);
    // after a quiet gap the partial frame (if any) expires and real frames parse again
    const expired = parser.expire(now + 10_000);
    t.equal(parser.pending, 0);
    t.ok(expired.every((e) => e.kind === 'garbage' && e.reason === 'timeout'));
    const model = EMULATOR_MODELS[kind]();
    const events: FramingEvent<unknown>[] = [];
    for (const hex of MIX) events.push(...parser.feed(model.indication(fromHex(hex), 0x99), now + 10_001));
    const telegrams = events.flatMap((e) => (e.kind === 'frame' ? STICKS[kind].protocol.toTelegrams(e.frame, context, new Date(0)) : []));
    t.equal(telegrams.length, MIX.length, 'clean frames after the noise all parse');
  });
}
