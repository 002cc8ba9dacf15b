/** Bad input gets a coded MqttContractError, never another exception (developer guide). */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { decodePayload, decodeJson, encodePayload, fromJsonForm, isMqttContractError, tryDecodePayload, type MqttErrorCode, type TopicKind } from '@wmbus/protocol';

const fixture = (path: string) => Uint8Array.from(Buffer.from(readFileSync(new URL(`../../../fixtures/mqtt/${path}`, import.meta.url), 'utf8').trim(), 'hex'));
const fixtureJson = (path: string) => JSON.parse(readFileSync(new URL(`../../../fixtures/mqtt/${path}`, import.meta.url), 'utf8'));

function errorOf(fn: () => unknown): { code: MqttErrorCode; path?: string } | 'no error' | 'foreign error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return isMqttContractError(e) ? { code: e.code, ...(e.path !== undefined ? { path: e.path } : {}) } : 'foreign error';
  }
}

const batch = fixtureJson('up/decoded-and-undecodable.json');
const withChange = (edit: (b: any) => void) => {
  const copy = structuredClone(batch);
  edit(copy);
  return copy;
};

t.test('malformed CBOR', async (t) => {
  t.same(errorOf(() => decodePayload('status', new Uint8Array())), { code: 'PAYLOAD_NOT_CBOR' });
  t.same(errorOf(() => decodePayload('status', Uint8Array.of(0xff))), { code: 'PAYLOAD_NOT_CBOR' });
  const golden = fixture('up/decoded-and-undecodable.cbor.hex');
  t.same(errorOf(() => decodePayload('up', golden.subarray(0, golden.length - 3))), { code: 'PAYLOAD_NOT_CBOR' }, 'truncated');
  t.same(errorOf(() => decodePayload('up', Uint8Array.from([...golden, 0x00]))), { code: 'PAYLOAD_NOT_CBOR' }, 'trailing byte');
  const deep = new Uint8Array(200000).fill(0x81); // [[[[… nested far beyond any stack
  t.same(errorOf(() => decodePayload('up', deep)), { code: 'PAYLOAD_NOT_CBOR' });
  t.same(errorOf(() => decodePayload('status', new Uint8Array(2000).fill(0x40))), { code: 'PAYLOAD_TOO_LARGE' });
  t.same(errorOf(() => decodePayload('bogus' as TopicKind, fixture('status/online.cbor.hex'))), { code: 'PAYLOAD_KIND_UNKNOWN' });
});

t.test('schema violations name the path', async (t) => {
  const check = (payload: unknown) => errorOf(() => fromJsonForm('up', payload));
  t.same(check(withChange((b) => delete b.v)), { code: 'PAYLOAD_VERSION' });
  t.same(check(withChange((b) => (b.v = 2))), { code: 'PAYLOAD_VERSION' });
  t.same(check(withChange((b) => (b.telegrams = []))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams' });
  t.same(check(withChange((b) => (b.telegrams[1].rssiDbm = 'loud'))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[1].rssiDbm' });
  t.same(check(withChange((b) => (b.telegrams[0].seq = -1))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].seq' });
  t.same(check(withChange((b) => (b.telegrams[0].seq = 1.5))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].seq' });
  t.same(check(withChange((b) => (b.telegrams[0].raw = 'ABC'))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].raw' });
  t.same(check(withChange((b) => (b.telegrams[0].raw = ''))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].raw' });
  t.same(check(withChange((b) => (b.telegrams[0].linkMode = 'X9'))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].linkMode' });
  t.same(check(withChange((b) => delete b.telegrams[0].receivedAt)), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].receivedAt' });
  t.same(check(withChange((b) => (b.telegrams[0].decoded.records[1].function = 'sum'))), {
    code: 'PAYLOAD_SCHEMA',
    path: 'telegrams[0].decoded.records[1].function',
  });
  t.same(check(withChange((b) => (b.telegrams[0].decoded.reading = { 'bad key': 1 }))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].decoded.reading.bad key' });
  t.same(check(withChange((b) => (b.telegrams[0].decodeError = { code: 'lower' }))), { code: 'PAYLOAD_SCHEMA', path: 'telegrams[0].decodeError.code' });
  t.same(errorOf(() => fromJsonForm('cmd', { ...fixtureJson('cmd/add-key.json'), key: '00' })), { code: 'PAYLOAD_SCHEMA', path: 'key' });
  t.same(errorOf(() => fromJsonForm('cmd', { ...fixtureJson('cmd/add-key.json'), type: 'reboot' })), { code: 'PAYLOAD_SCHEMA', path: 'type' });
  t.same(errorOf(() => fromJsonForm('status', { v: 1, state: 'online', ts: new Date() })), { code: 'PAYLOAD_SCHEMA', path: 'ts' });
});

t.test('a CBOR Date (tag 1) or a tagged Uint8Array is not a contract value', async (t) => {
  // {v:1, state:"online", ts: 1(1764000000)} with the epoch tag instead of a plain integer
  const tagged = Buffer.from('a3617601657374617465666f6e6c696e65627473c11a69239600', 'hex');
  t.same(errorOf(() => decodePayload('status', tagged)), { code: 'PAYLOAD_SCHEMA', path: 'ts' });
});

t.test('readers ignore fields they do not know (additive evolution)', async (t) => {
  const newer = withChange((b) => {
    b.compression = 'none';
    b.telegrams[0].antenna = 2;
  });
  const read = fromJsonForm('up', newer);
  t.notOk('compression' in read);
  t.same(encodePayload('up', read), fixture('up/decoded-and-undecodable.cbor.hex'), 'an older reader re-encodes what it knows');
});

t.test('encoding refuses invalid payloads with a code', async (t) => {
  t.same(errorOf(() => encodePayload('status', { v: 1, state: 'sleeping', ts: 0 } as never)), { code: 'PAYLOAD_SCHEMA', path: 'state' });
  t.same(errorOf(() => encodePayload('stats', { v: 1 } as never)), { code: 'PAYLOAD_SCHEMA', path: 'ts' });
});

t.test('JSON text errors', async (t) => {
  t.same(errorOf(() => decodeJson('status', '{"v":1,')), { code: 'PAYLOAD_NOT_JSON' });
  t.same(errorOf(() => decodeJson('status', Buffer.from('{"v":1,"state":"offline","ts":5}'))), 'no error');
});

t.test('mutated golden bytes never escape as anything but a coded error', async (t) => {
  // Bounded, seeded mutation run: every outcome must be a valid payload or a coded error.
  const goldens: [TopicKind, Uint8Array][] = [
    ['up', fixture('up/decoded-and-undecodable.cbor.hex')],
    ['stats', fixture('stats/typical.cbor.hex')],
    ['cmd', fixture('cmd/set-filter.cbor.hex')],
  ];
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  let foreign = 0;
  let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const [kind, golden] = goldens[i % goldens.length]!;
    const bytes = Uint8Array.from(golden);
    for (let m = 0; m <= rand(3); m++) bytes[rand(bytes.length)] = rand(256);
    const result = tryDecodePayload(kind, rand(4) === 0 ? bytes.subarray(0, rand(bytes.length)) : bytes);
    if (!result.ok) {
      refused++;
      if (!isMqttContractError(result.error)) foreign++;
    }
  }
  t.equal(foreign, 0);
  t.ok(refused > 1000, `${refused} of 3000 mutations refused`);
});

t.test('a "__proto__" key in open maps stays a plain key', async (t) => {
  const json = JSON.parse(
    '{"v":1,"ts":5,"intervalMs":1,"queue":{"depth":0,"oldestUnsentAgeMs":null},"sticks":[],"counters":{"__proto__":7},"disk":{"freeBytes":0,"totalBytes":0}}',
  );
  const stats = fromJsonForm('stats', json);
  t.same(Object.keys(stats.counters), ['__proto__']);
  t.equal(Object.getPrototypeOf(stats.counters), Object.prototype, 'prototype untouched');
  // cbor-x guards itself by renaming a decoded "__proto__" key to "__proto_"; either way it stays data.
  const again = decodePayload('stats', encodePayload('stats', stats));
  t.equal(Object.getPrototypeOf(again.counters), Object.prototype, 'prototype untouched after CBOR decode');
  t.same(Object.values(again.counters), [7]);
});
