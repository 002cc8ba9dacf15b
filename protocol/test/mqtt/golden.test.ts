/**
 * Golden contract fixtures (fixtures/mqtt/<kind>/<case>.{cbor.hex,json}): the CBOR decodes to the JSON
 * debug form, re-encodes byte-identically, reads the same with an independent CBOR reader, and the JSON
 * form encodes back to the same bytes. The JSON files were written by hand from radio.md § 8 vectors;
 * status/online.cbor.hex was encoded by hand (see the annotation below).
 */
import t from 'tap';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePayload, encodePayload, fromJsonForm, toJsonForm, encodeJson, decodeJson, TOPIC_KINDS, type TopicKind } from '@wmbus/protocol';
import { walkCbor, walkedToJson } from './cbor-walk.js';

const root = new URL('../../../fixtures/mqtt/', import.meta.url).pathname;
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const cases: { kind: TopicKind; name: string; cbor: Uint8Array; json: unknown }[] = [];
for (const kind of TOPIC_KINDS) {
  const dir = join(root, kind);
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const name = file.replace(/\.json$/, '');
    const hexFile = join(dir, `${name}.cbor.hex`);
    cases.push({
      kind,
      name,
      cbor: Uint8Array.from(Buffer.from(readFileSync(hexFile, 'utf8').trim(), 'hex')),
      json: JSON.parse(readFileSync(join(dir, file), 'utf8')),
    });
  }
}

t.test('every payload kind has golden fixtures', async (t) => {
  for (const kind of TOPIC_KINDS) t.ok(cases.some((c) => c.kind === kind), `fixtures for ${kind}`);
  t.ok(cases.length >= 12);
});

for (const c of cases) {
  t.test(`${c.kind}/${c.name}`, async (t) => {
    const decoded = decodePayload(c.kind, c.cbor);
    t.same(toJsonForm(c.kind, decoded), c.json, 'golden CBOR decodes to the JSON form');
    t.equal(hexOf(encodePayload(c.kind, decoded)), hexOf(c.cbor), 're-encodes byte-identically');
    t.same(walkedToJson(walkCbor(c.cbor)), c.json, 'an independent CBOR reader sees the same value (no tags, minimal heads)');
    t.equal(hexOf(encodePayload(c.kind, fromJsonForm(c.kind, c.json))), hexOf(c.cbor), 'the JSON form encodes to the golden bytes');
    t.same(decodeJson(c.kind, encodeJson(c.kind, decoded)), decoded, 'JSON text round trip');
  });
}

t.test('hand-encoded status/online matches the encoder', async (t) => {
  // a3 (map of 3) | 61 76 "v" 01 | 65 "state" 66 "online" | 62 "ts" 1b 0000019AB697E800 (1764000000000 as uint64)
  const payload = { v: 1 as const, state: 'online' as const, ts: 1764000000000 };
  t.equal(hexOf(encodePayload('status', payload)), 'a3617601657374617465666f6e6c696e656274731b0000019ab697e800');
});

t.test('byte strings stay plain CBOR byte strings and key order is canonical', async (t) => {
  const c = cases.find((x) => x.kind === 'cmd' && x.name === 'add-key')!;
  const decoded = decodePayload('cmd', c.cbor);
  t.ok(decoded.type === 'add-key' && decoded.key instanceof Uint8Array && decoded.key.length === 16);
  t.equal(Object.getPrototypeOf((decoded as { key: Uint8Array }).key), Uint8Array.prototype, 'a plain Uint8Array, not a Buffer view');
  // 50 = major type 2 (byte string), length 16, directly followed by the key: no tag 64 (d8 40) before it.
  t.ok(hexOf(c.cbor).endsWith('636b6579' + '50' + '4e5508544202058100dfefa06b0934a5'), '"key" then a 16-byte byte string');
  // Field order in the input object does not change the bytes.
  const shuffled = Object.fromEntries(Object.entries(decoded).reverse()) as typeof decoded;
  t.equal(hexOf(encodePayload('cmd', shuffled)), hexOf(c.cbor));
});
