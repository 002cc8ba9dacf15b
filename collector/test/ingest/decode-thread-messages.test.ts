/**
 * The prepared telegrams cross from the decode thread in a packed form (numbers, one string, one byte
 * buffer): what the main thread unpacks must be what the thread prepared, field for field, nulls included.
 */
import t from 'tap';
import { CollectorDecoder } from '../../src/ingest/collector-decoder.js';
import { packResult, prepareAndPack, transferablesOf, unpackResult } from '../../src/ingest/decode-thread-messages.js';
import { prepareBatch } from '../../src/ingest/prepare.js';
import { allFixtures, batch, telegram } from './helpers.js';

t.test('packed prepared telegrams unpack to the same telegrams after crossing (structured clone with transfer)', (t) => {
  const decoder = new CollectorDecoder();
  const fixtures = allFixtures();
  // Plaintext ones decode, encrypted ones fail (no keys); wired frames have no link address; odd strings.
  const raws = fixtures.flatMap((f) => f.telegrams).slice(0, 200);
  const telegrams = raws.map((raw, i) =>
    telegram(i + 1, raw, i % 3 === 0 ? { rssiDbm: -71.5, linkMode: 'C1', frameFormat: 'B', stickId: 'stick ü€ 😀' } : { rssiDbm: undefined, stickId: `s${i}` }),
  );
  telegrams.push(telegram(1000, Uint8Array.of(0x10, 0x5b, 0x01, 0x5c, 0x16)), telegram(1001, Uint8Array.of(0xe5)));
  const prepared = prepareBatch(decoder, batch(...telegrams));
  t.ok(prepared.some((p) => p.outcome.ok) && prepared.some((p) => !p.outcome.ok) && prepared.some((p) => p.link.address === null), 'the mix has decoded, failed and address-less telegrams');

  const packed = packResult({ ok: true, telegrams: prepared });
  const crossed = structuredClone(packed, { transfer: transferablesOf(packed) });
  const back = unpackResult(crossed);
  t.ok(back.ok);
  if (!back.ok) return;
  // Byte views compare by content (the unpacked ones are views into one buffer).
  const plain = (list: typeof prepared) =>
    list.map((p) => ({ ...p, t: { ...p.t, raw: [...p.t.raw] }, link: { ...p.link, dedupeKey: [...p.link.dedupeKey] } }));
  t.same(plain(back.telegrams), plain(prepared));
  t.strictSame(
    back.telegrams.map((p) => [p.t.rssiDbm, p.t.linkMode, p.t.frameFormat, p.t.agentError, p.link.address, p.identity]),
    prepared.map((p) => [p.t.rssiDbm, p.t.linkMode, p.t.frameFormat, p.t.agentError, p.link.address, p.identity]),
    'nulls stay null',
  );

  // What the decode thread replies: the same, packed straight from the batch.
  const direct = prepareAndPack(new CollectorDecoder(), batch(...telegrams));
  const directBack = unpackResult(structuredClone(direct, { transfer: transferablesOf(direct) }));
  t.ok(directBack.ok);
  if (!directBack.ok) return;
  t.same(plain(directBack.telegrams), plain(prepared));
  t.strictSame(directBack.telegrams.map((p) => [p.t.rssiDbm, p.t.linkMode, p.t.frameFormat, p.t.agentError, p.link.address, p.identity]), prepared.map((p) => [p.t.rssiDbm, p.t.linkMode, p.t.frameFormat, p.t.agentError, p.link.address, p.identity]));
  t.end();
});

t.test('an error result crosses as it is', (t) => {
  const error = { ok: false as const, error: { code: 'INGEST_PAYLOAD' as const, detail: 'bad', contractCode: 'PAYLOAD_SCHEMA' as const, path: '/telegrams/0' } };
  t.strictSame(unpackResult(structuredClone(packResult(error))), error);
  t.strictSame(transferablesOf(packResult(error)), []);
  t.end();
});
