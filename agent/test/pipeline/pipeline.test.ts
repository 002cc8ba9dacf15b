/**
 * The agent pipeline with a real outbox (SQLite in a temp dir) and real corpus telegrams: duplicates inside
 * the window count once, filters drop what they should, encrypted telegrams without a key are kept raw and
 * become decoded when the key is added.
 */
import t from 'tap';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'cbor-x';
import { fromHex } from '@wmbus/protocol';
import { Outbox } from '../../src/store/index.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { KeyStore, KeyStoreError } from '../../src/keys/key-store.js';
import type { NormalizedTelegram } from '../../src/sticks/types.js';

// radio.md § 8.6 bench mix: iPERL (plain) and Techem FHKV data IV (mode 5, key below).
const IPERL = '1844AE4C4455223368077A55000000041389E20100023B0000';
const FHKV = '4E4468507620541494087AAD004005089D86B62A329B3439873999738F82461ABDE3C7AC78692B363F3B41EB68607F9C9160F550769B065B6EA00A2E44346E29FF5DC5CB86283C69324AD33D137F6F';
const FHKV_KEY = 'FCF41938F63432975B52505F547FCEDF';

const telegram = (hex: string, at: number): NormalizedTelegram => ({
  telegram: fromHex(hex),
  frameFormat: 'A',
  crcCheckedBy: 'stick',
  rssiDbm: -70,
  linkMode: 'T1',
  receivedAt: new Date(at),
  stickId: 'test-stick',
});

function setup(t: { teardown: (fn: () => void) => void }, filters = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-pipeline-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const outbox = Outbox.open({ path: join(dir, 'outbox.db'), gatewayId: 'gw-test' });
  t.teardown(() => outbox.close());
  const keys = KeyStore.open(join(dir, 'keys', 'keys.json'));
  const lookup = Object.assign((id: string, m: string) => keys.lookup(id, m), { has: (id: string) => keys.has(id) });
  const pipeline = new Pipeline({ outbox, keys: lookup, filters, dedupeWindowMs: 10_000 });
  return { dir, outbox, keys, pipeline };
}

t.test('duplicates within the window count once, a repeat after it is a new telegram', async (t) => {
  const { pipeline, outbox } = setup(t);
  t.equal(pipeline.handle(telegram(IPERL, 1_000)), 'stored');
  t.equal(pipeline.handle(telegram(IPERL, 5_000)), 'duplicate');
  t.equal(pipeline.handle(telegram(IPERL, 12_000)), 'stored');
  outbox.flush();
  t.equal(outbox.pendingCount(), 2);
  t.equal(pipeline.counters.duplicates, 1);
  const rows = outbox.claimBatch(10, 1 << 20);
  t.equal(rows.length, 2);
  t.equal(rows[0]!.decodeStatus, 'ok');
  const decoded = decode(Buffer.from(rows[0]!.decoded!)) as { driver: string; reading: { current: { value: number; unit: string } } };
  t.equal(decoded.driver, 'iperl');
  t.same(decoded.reading.current, { value: 123.529, unit: 'm3' });
  t.same(Buffer.from(rows[0]!.raw).toString('hex').toUpperCase(), IPERL, 'raw bytes kept');
});

t.test('filters: manufacturer list and unknown meters dropped', async (t) => {
  const byMfct = setup(t, { manufacturers: ['TCH'] });
  t.equal(byMfct.pipeline.handle(telegram(IPERL, 1_000)), 'filtered');
  t.equal(byMfct.pipeline.counters.filtered.manufacturer, 1);
  const unknown = setup(t, { unknownMeters: 'drop' });
  t.equal(unknown.pipeline.handle(telegram(IPERL, 1_000)), 'filtered');
  unknown.keys.add('33225544', '00112233445566778899AABBCCDDEEFF');
  t.equal(unknown.pipeline.handle(telegram(IPERL, 20_000)), 'stored', 'a meter with a key is known');
});

t.test('no key: stored raw with KEY_MISSING; key added later: decoded in place', async (t) => {
  const { pipeline, outbox, keys } = setup(t);
  t.equal(pipeline.handle(telegram(FHKV, 1_000)), 'stored');
  outbox.flush();
  t.equal(pipeline.counters.undecoded.KEY_MISSING, 1);
  t.equal(pipeline.heard.get('TCH:14542076')?.encrypted, true);
  t.equal(pipeline.heard.get('TCH:14542076')?.keyKnown, false);
  keys.add('14542076', FHKV_KEY);
  t.equal(pipeline.redecode('14542076'), 1);
  outbox.flush();
  const [row] = outbox.claimBatch(10, 1 << 20);
  t.equal(row!.decodeStatus, 'ok');
  const decoded = decode(Buffer.from(row!.decoded!)) as { reading: { dueDate?: { value: number; date: string } } };
  t.ok(decoded.reading, 'reading view present after the key arrived');
});

t.test('key store: 0600 file, fingerprints instead of keys, all CSV errors at once', async (t) => {
  const { keys, dir } = setup(t);
  keys.add('14542076', FHKV_KEY);
  t.equal(statSync(join(dir, 'keys', 'keys.json')).mode & 0o777, 0o600);
  const listed = JSON.stringify(keys.list());
  t.notMatch(listed, FHKV_KEY, 'the key itself is never listed');
  t.match(keys.list()[0], { id: '14542076', bits: 128 });
  let error: unknown;
  try {
    keys.importCsv('id,key\n1234567,00\n12345678,XYZ\n');
  } catch (e) {
    error = e;
  }
  t.ok(error instanceof KeyStoreError && error.code === 'CSV_FORMAT', 'coded CSV error');
  t.match((error as Error).message, /line 2.*line 3/, 'every bad line reported');
  t.equal(keys.size, 1, 'nothing imported from a bad file');
  t.equal(keys.importCsv('manufacturer,id,key\nTCH,11111111,' + FHKV_KEY + '\n22222222,0102030405060708\n'), 2);
  t.ok(keys.lookup('11111111', 'TCH'));
  t.equal(keys.lookup('11111111', 'QDS'), null, 'a manufacturer-bound key is not used for another manufacturer');
});
