/**
 * CollectorDecoder's success cache: a repeated telegram is answered from the cache (the same outcome
 * object), telegrams are told apart by their bytes even when their cache hashes collide, the oldest
 * entry goes first, and a key change empties the cache.
 */
import t from 'tap';
import { fromHex } from '@wmbus/protocol';
import { CollectorDecoder, linkIdentity } from '../../src/ingest/index.js';
import { rawHash } from '../../src/ingest/collector-decoder.js';
import { fixture } from './helpers.js';

// Two plaintext ABB telegrams (abbb23/ABBmeter.json with text bytes changed) whose cache hashes collide.
const A = fromHex(
  '844442040011223320027a3e0000200e840017495200000004ffa0150000000004ffa1150000000004ffa2150000000004ffa3150000000007ffa600000000000000000007ffa700000000000000000007ffa800000000000000000007ffa90000000000000000000dfd8e0007302e38322e31420dffaa000b3004312d3131962033324273',
);
const B = fromHex(
  '844442040011223320027a3e0000200e840017495200000004ffa0150000000004ffa1150000000004ffa2150000000004ffa3150000000007ffa600000000000000000007ffa700000000000000000007ffa800000000000000000007ffa90000000000000000000dfd8e0007302e38322e31420dffaa000b3003312d3131b120333242b9',
);
const address = (raw: Uint8Array) => ({ manufacturer: 'ABB', id: [...raw.subarray(4, 8)].reverse().map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase() });

t.test('a repeated telegram is answered from the cache, an altered copy is decoded anew', async (t) => {
  const decoder = new CollectorDecoder();
  const first = decoder.decode(A, null);
  t.equal(first.ok, true);
  t.equal(decoder.decode(Uint8Array.from(A), null), first, 'same bytes in another array: a hit');
  const altered = Uint8Array.from(A);
  altered[altered.length - 1] ^= 1;
  t.not(decoder.decode(altered, null), first);
});

t.test('telegrams with colliding hashes are kept apart, and evicted oldest first', async (t) => {
  t.equal(rawHash(A), rawHash(B), 'the hashes collide');
  t.not(Buffer.from(A).toString('hex'), Buffer.from(B).toString('hex'));
  const decoder = new CollectorDecoder({ cacheSize: 2 });
  const a = decoder.decode(A, null);
  const b = decoder.decode(B, null);
  t.ok(a.ok && b.ok);
  t.not(b, a, 'B is not answered with A');
  t.equal(decoder.decode(A, null), a);
  t.equal(decoder.decode(B, null), b);

  const other = fixture('kamwater/MyTapWater.json');
  decoder.setKey(address(A), new Uint8Array(16)); // empties the cache
  t.not(decoder.decode(A, null), a, 'a key change empties the cache');
  const a2 = decoder.decode(A, null);
  const b2 = decoder.decode(B, null);
  t.equal(decoder.decode(A, null), a2);
  decoder.decode(other.raw, null); // a third entry: A, the oldest, goes
  t.equal(decoder.decode(B, null), b2, 'B stays');
  const a3 = decoder.decode(A, null); // evicted, so decoded again; B is now the oldest and goes
  t.not(a3, a2);
  t.equal(decoder.decode(A, null), a3);
  t.not(decoder.decode(B, null), b2, 'B was evicted');
});

t.test('failures are not cached and a cache size of 0 caches nothing', async (t) => {
  const { raw, key } = fixture('kaden/KadenC10.json');
  const decoder = new CollectorDecoder({ cacheSize: 0 });
  const meter = linkIdentity(raw).address!;
  t.same(decoder.decode(raw, meter), { ok: false, code: 'KEY_MISSING' });
  decoder.setKey(meter, key!);
  const ok = decoder.decode(raw, meter);
  t.equal(ok.ok, true);
  t.not(decoder.decode(raw, meter), ok);
  t.same(decoder.decode(raw, meter), ok);
});

t.test('identify gives the link identity and the outcome, a repeat both from the cache', async (t) => {
  const { raw, key } = fixture('kaden/KadenC10.json');
  const decoder = new CollectorDecoder();
  const failed = decoder.identify(raw);
  t.same(failed.link, linkIdentity(raw));
  t.same(failed.outcome, { ok: false, code: 'KEY_MISSING' });
  decoder.setKey(linkIdentity(raw).address!, key!);
  const first = decoder.identify(raw);
  t.same(first.link, linkIdentity(raw));
  t.equal(first.outcome.ok, true);
  const fresh = new CollectorDecoder({ cacheSize: 0 });
  fresh.setKey(linkIdentity(raw).address!, key!);
  t.same(first.outcome, fresh.decode(raw, linkIdentity(raw).address), 'what decode() gives');
  const again = decoder.identify(Uint8Array.from(raw));
  t.equal(again.outcome, first.outcome, 'the cached outcome');
  t.equal(again.link, first.link, 'the cached identity');
  t.equal(decoder.decode(raw, first.link.address), first.outcome, 'decode() hits the same entry');

  // An entry cached by decode() gets its identity on the first identify().
  const other = new CollectorDecoder();
  const outcome = other.decode(A, linkIdentity(A).address);
  const viaIdentify = other.identify(A);
  t.equal(viaIdentify.outcome, outcome);
  t.same(viaIdentify.link, linkIdentity(A));
  t.equal(other.identify(A).link, viaIdentify.link);
});
