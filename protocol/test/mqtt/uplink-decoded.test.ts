/** encodeUplinkDecoded: the `decoded` field alone, as encodePayload('up', ...) validates and writes it. */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { encodePayload, encodeUplinkDecoded, fromJsonForm, isMqttContractError, type UplinkBatch } from '@wmbus/protocol';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/mqtt/${path}`, import.meta.url), 'utf8');
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const DECODED_KEY = hexOf(Buffer.from([0x67, ...Buffer.from('decoded')]));

t.test('the bytes of the golden payload after its decoded key', async (t) => {
  const golden = fixture('up/decoded-and-undecodable.cbor.hex').trim().toLowerCase();
  const decoded = fromJsonForm('up', JSON.parse(fixture('up/decoded-and-undecodable.json'))).telegrams[0]!.decoded!;
  t.ok(decoded.records?.length && decoded.reading, 'records and a reading view');
  t.ok(golden.includes(DECODED_KEY + hexOf(encodeUplinkDecoded(decoded))));
});

t.test('the same bytes as inside an encoded telegram, for values encodePayload copies or drops', async (t) => {
  const values = [{}, { driver: 'x' }, { reading: { a: 1, b: -1.5, c: 'OK', d: [1, null, true], e: { f: 4294967296 } } }, { reading: { z: 1 }, unknown: 1 }, { driver: undefined, reading: {} }];
  for (const decoded of values) {
    const batch = { v: 1, sentAt: 0, telegrams: [{ seq: 1, raw: Uint8Array.of(1), receivedAt: 0, stickId: 's', decoded }] } as UplinkBatch;
    t.ok(hexOf(encodePayload('up', batch)).endsWith(DECODED_KEY + hexOf(encodeUplinkDecoded(decoded))), JSON.stringify(decoded));
  }
});

t.test('refuses what encodePayload refuses, with its error', async (t) => {
  for (const bad of [null, [], 'x', { reading: { 'a b': 1 } }, { reading: { a: NaN } }, { driver: 7 }, { records: [{}] }]) {
    const batch = { v: 1, sentAt: 0, telegrams: [{ seq: 1, raw: Uint8Array.of(1), receivedAt: 0, stickId: 's', decoded: bad }] } as unknown as UplinkBatch;
    t.throws(() => encodePayload('up', batch), { code: 'PAYLOAD_SCHEMA' });
    let error: unknown;
    try {
      encodeUplinkDecoded(bad);
    } catch (e) {
      error = e;
    }
    t.ok(isMqttContractError(error) && error.code === 'PAYLOAD_SCHEMA', `refused: ${JSON.stringify(bad)}`);
  }
});
