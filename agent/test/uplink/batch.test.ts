/**
 * The uplink's payload writer against the contract's own encoder: for the same telegrams the bytes must be
 * those of encodePayload('up', ...), and a row is left out (or sent without its decoded form) exactly when
 * encodePayload would refuse it.
 */
import { join } from 'node:path';
import t from 'tap';
import { decode, encode } from 'cbor-x';
import { decodePayload, encodePayload, LINK_MODES, type UplinkBatch } from '@wmbus/protocol';
import { Outbox, type UplinkRow } from '../../src/store/outbox.js';
import { DECODED_INVALID, MAX_BATCH_ROWS, uplinkPayload } from '../../src/uplink/batch.js';
import { TELEGRAMS, telegramBytes } from '../store/fixtures/telegrams.js';
import { tempDir } from '../store/helpers.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

/** The mapping of a row to the contract's telegram, spelled out as objects (what the uplink sent before the writer). */
function telegramOf([seq, receivedAt, rawHex, rssiDbm, linkMode, stickId, decoded, decodeStatus]: UplinkRow): Record<string, unknown> {
  const t: Record<string, unknown> = { seq, raw: Buffer.from(rawHex, 'hex'), receivedAt, stickId: stickId ?? 'unknown' };
  if (rssiDbm !== null) t.rssiDbm = rssiDbm;
  if (linkMode !== null && (LINK_MODES as readonly string[]).includes(linkMode)) t.linkMode = linkMode;
  if (decoded) t.decoded = decode(decoded);
  else if (decodeStatus !== 'ok') t.decodeError = { code: decodeStatus };
  return t;
}

const reference = (rows: readonly UplinkRow[], now = NOW): Uint8Array =>
  encodePayload('up', { v: 1, sentAt: now, telegrams: rows.map(telegramOf) } as unknown as UplinkBatch);

const hex = (n: number, fill = 0x2f): string => Buffer.alloc(n, fill).toString('hex').toUpperCase();
const reading = (i: number) => encode({ driver: 'multical21', reading: { total_m3: 1234.567 + i, target_m3: 1200, status: 'OK', flags: [1, 'x', null, true], nested: { a: -1.5 } } });
const row = (over: Partial<Record<'seq' | 'receivedAt' | 'rssiDbm', number | null>> & { rawHex?: string; linkMode?: string | null; stickId?: string | null; decoded?: Buffer | null; decodeStatus?: string } = {}): UplinkRow => [
  (over.seq as number | undefined) ?? 1,
  (over.receivedAt as number | undefined) ?? NOW - 1000,
  over.rawHex ?? hex(30),
  over.rssiDbm === undefined ? -70 : over.rssiDbm,
  over.linkMode === undefined ? 'T1' : over.linkMode,
  over.stickId === undefined ? 'im871a-0' : over.stickId,
  over.decoded === undefined ? null : over.decoded,
  over.decodeStatus ?? 'NOT_DECODED',
];

t.test('the bytes of encodePayload for every shape a row takes, and decodePayload reads them back', async (t) => {
  const rows: UplinkRow[] = [];
  let seq = 1;
  const add = (over: Parameters<typeof row>[0]) => rows.push(row({ seq: seq++, ...over }));
  // Lengths at CBOR's head boundaries (23/24, 255/256) and the contract's limits.
  for (const n of [1, 23, 24, 255, 256, 1024]) add({ rawHex: hex(n, n & 0xff) });
  for (const rssiDbm of [null, -70, -70.5, -71.3, -24, -25, -200, 50, 0, -0, 0.25, 23, 24]) add({ rssiDbm });
  for (const linkMode of [null, 'T1', 'C1', 'S1m', 'F2', 'X9', 'c1']) add({ linkMode });
  for (const stickId of [null, 'a', 'x'.repeat(23), 'y'.repeat(24), 'z'.repeat(63), 'amb8465.1_2-3']) add({ stickId });
  for (const decodeStatus of ['ok', 'KEY_MISSING', 'X', 'A'.repeat(64)]) add({ decodeStatus });
  for (let i = 0; i < 3; i++) add({ decoded: reading(i), decodeStatus: 'ok' });
  add({ decoded: encode({ reading: {} }), decodeStatus: 'ok' });
  add({ decoded: encode({ driver: undefined, reading: { v: 1 } }), decodeStatus: 'ok' }); // how the pipeline writes a reading without driver
  add({ decoded: encode({ records: [{ offset: 19, length: 6, header: '0413', data: '5AE01200', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous', quantity: 'volume', description: 'volume', value: 1234.567, unit: 'm3' }] }), decodeStatus: 'ok' });
  add({ decoded: encode({ reading: { x: 1 }, extra: 'dropped by the schema' }), decodeStatus: 'ok' });
  // Integers beyond 32 bits (written as 64-bit integers) and at the edges of the smaller heads.
  for (const s of [23, 24, 255, 256, 65535, 65536, 0xffffffff, 0x100000000, Number.MAX_SAFE_INTEGER]) add({ seq: s });
  for (const receivedAt of [0, 0xffffffff, 0x100000000, 8.64e15]) add({ receivedAt });
  t.ok(rows.length <= MAX_BATCH_ROWS);

  const out = uplinkPayload(rows, NOW);
  t.same(out.refused, []);
  t.same(out.decodedRefused, []);
  t.same(out.seqs, rows.map((r) => r[0]));
  t.same(new Uint8Array(out.payload!), reference(rows), 'byte for byte');
  const back = decodePayload('up', out.payload!);
  t.equal(back.telegrams.length, rows.length);
  t.equal(back.sentAt, NOW);
  t.same(Buffer.from(back.telegrams[0]!.raw).toString('hex').toUpperCase(), rows[0]![2]);

  for (const now of [0, 23, 0x100000000]) t.same(new Uint8Array(uplinkPayload(rows.slice(0, 2), now).payload!), reference(rows.slice(0, 2), now), `sentAt ${now}`);
  t.same(new Uint8Array(uplinkPayload([rows[0]!], NOW).payload!), reference([rows[0]!]), 'one telegram');
  const many = Array.from({ length: MAX_BATCH_ROWS }, (_, i) => row({ seq: i + 1 }));
  t.same(new Uint8Array(uplinkPayload(many, NOW).payload!), reference(many), `${MAX_BATCH_ROWS} telegrams`);
  t.throws(() => uplinkPayload([...many, row({ seq: 5000 })], NOW), RangeError, 'more than a payload takes');
});

t.test('rows claimed from a real outbox: the claimed fields are the stored ones', async (t) => {
  const outbox = Outbox.open({ path: join(tempDir(t), 'outbox.db'), gatewayId: 'gw-test', maxAgeMs: null });
  t.teardown(() => outbox.close());
  for (let i = 0; i < 40; i++) {
    const f = TELEGRAMS[i % TELEGRAMS.length]!;
    outbox.enqueue({
      raw: telegramBytes(f),
      receivedAt: NOW - 100_000 + i,
      manufacturer: f.manufacturer,
      meterId: f.meterId,
      rssiDbm: i % 5 === 0 ? null : -60 - i / 4,
      linkMode: i % 7 === 0 ? null : i % 3 === 0 ? 'C1' : 'T1',
      stickId: i % 11 === 0 ? null : 'im871a-0',
      decoded: f.encrypted ? null : reading(i),
      decodeStatus: f.encrypted ? 'KEY_MISSING' : 'ok',
    });
  }
  outbox.flush();
  const rows = outbox.claimUplinkBatch(100, 1e6);
  t.equal(rows.length, 40);
  t.equal(outbox.releaseInFlight(), 40);
  const full = outbox.claimBatch(100, 1e6);
  t.same(
    rows.map((r) => [...r]),
    full.map((r) => [r.seq, r.receivedAt, Buffer.from(r.raw).toString('hex').toUpperCase(), r.rssiDbm, r.linkMode, r.stickId, r.decoded === null ? null : Buffer.from(r.decoded), r.decodeStatus]),
    'the same rows as claimBatch, in the UplinkRow columns',
  );
  t.same(new Uint8Array(uplinkPayload(rows, NOW).payload!), reference(rows));
  outbox.releaseInFlight();

  const size = (r: UplinkRow): number => r[2].length / 2 + (r[6]?.length ?? 0);
  const bounded = outbox.claimUplinkBatch(100, size(rows[0]!) + size(rows[1]!));
  t.same(bounded.map((r) => r[0]), [1, 2], 'maxBytes counts raw and decoded bytes, as claimBatch');
  t.same(outbox.claimUplinkBatch(3, 1e6).map((r) => r[0]), [3, 4, 5], 'in-flight rows are skipped');
  t.same(outbox.claimBatch(1, 1e6).map((r) => r.seq), [6], 'both claims share the in-flight rows');
});

t.test('a row the collector would refuse is left out, the rest of the batch goes', async (t) => {
  const cases: [string, UplinkRow][] = [
    ['raw of 1025 bytes', row({ seq: 2, rawHex: hex(1025) })],
    ['empty raw', row({ seq: 2, rawHex: '' })],
    ['a stick id the contract does not take', row({ seq: 2, stickId: 'stick 1' })],
    ['a stick id of 64 characters', row({ seq: 2, stickId: 's'.repeat(64) })],
    ['receivedAt beyond the contract', row({ seq: 2, receivedAt: 8.64e15 + 1 })],
    ['rssi outside -200..50', row({ seq: 2, rssiDbm: 50.5 })],
  ];
  for (const [what, bad] of cases) {
    t.throws(() => reference([bad]), { code: 'PAYLOAD_SCHEMA' }, `encodePayload refuses ${what}`);
    const rows = [row({ seq: 1 }), bad, row({ seq: 3 })];
    const out = uplinkPayload(rows, NOW);
    t.same(out.seqs, [1, 3], what);
    t.match(out.refused, [{ seq: 2, reason: String }]);
    t.same(new Uint8Array(out.payload!), reference([rows[0]!, rows[2]!]), `${what}: the others as encodePayload writes them`);
  }
  const none = uplinkPayload([row({ seq: 7, stickId: 'a b' })], NOW);
  t.equal(none.payload, null, 'nothing to send');
  t.same(none.seqs, []);
  t.equal(none.refused.length, 1);
});

t.test('a decoded form the collector would refuse: the row goes raw, with decodeError DECODED_INVALID', async (t) => {
  const cases: [string, Buffer][] = [
    ['a reading key with a space', encode({ reading: { 'total m3': 1 } })],
    ['a number that is not finite', encode({ reading: { total_m3: NaN } })],
    ['a driver name of 65 characters', encode({ driver: 'd'.repeat(65), reading: {} })],
    ['not a map', encode([1, 2])],
    ['null', encode(null)],
    ['no CBOR at all', Buffer.from([0xff, 0xff])],
    ['nothing', Buffer.alloc(0)],
  ];
  for (const [what, blob] of cases) {
    const bad = row({ seq: 2, decoded: blob, decodeStatus: 'ok' });
    t.throws(() => reference([bad]), undefined, `encodePayload refuses ${what}`);
    const out = uplinkPayload([row({ seq: 1 }), bad], NOW);
    t.same(out.seqs, [1, 2], what);
    t.same(out.refused, []);
    t.match(out.decodedRefused, [{ seq: 2, reason: /\S/ }]);
    const sent = decodePayload('up', out.payload!).telegrams[1]!;
    t.equal(sent.decoded, undefined);
    t.equal(sent.decodeError?.code, DECODED_INVALID);
    t.ok(sent.decodeError!.message!.length > 0 && sent.decodeError!.message!.length <= 1024);
    const expected = { ...telegramOf(row({ seq: 2, decodeStatus: 'ok' })), decodeError: { code: DECODED_INVALID, message: sent.decodeError!.message } };
    t.same(new Uint8Array(out.payload!), encodePayload('up', { v: 1, sentAt: NOW, telegrams: [telegramOf(row({ seq: 1 })), expected] } as unknown as UplinkBatch), `${what}: as encodePayload writes it`);
  }
});
