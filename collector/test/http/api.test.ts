/**
 * The collector's HTTP API through inject(): API keys and roles, readings as JSON and CSV with the audit
 * chain, clear 4xx answers for bad input, adding a meter key re-decodes stored telegrams, enrollment with a
 * one-time token. Real SQLite store, real corpus telegrams ingested by the real Ingestor.
 */
import t from 'tap';
import { join } from 'node:path';
import { SqliteRepository } from '../../src/store/index.js';
import { Ingestor } from '../../src/ingest/index.js';
import { ApiKeys } from '../../src/http/api-keys.js';
import { buildApp } from '../../src/http/app.js';
import { CertificateAuthority, EnrollmentTokens, MemoryTokenStore } from '../../src/pki/index.js';
import { createKeyAndCsr } from '../../../agent/src/enroll/enroll.js';
import { batch, fixture, T0, telegram, tempDir } from '../ingest/helpers.js';

// KAM 76348799 cold water, plaintext: 6.408 m3 (fixtures/telegrams/kamwater/MyTapWater.json).
const kamwater = fixture('kamwater/MyTapWater.json');
// VIP 23701267 heat cost allocator, AES mode 5, key in the fixture.
const kaden = fixture('kaden/KadenC10.json');

async function setup(t: { teardown(fn: () => unknown): void }) {
  const repo = SqliteRepository.open(join(tempDir(t), 'collector.db'));
  t.teardown(() => repo.close());
  const ingestor = new Ingestor(repo);
  const apiKeys = ApiKeys.memory();
  const ca = CertificateAuthority.create({ keyBits: 1024 });
  const tokens = new EnrollmentTokens({ store: new MemoryTokenStore() });
  const app = await buildApp({ repo, ingestor, apiKeys, ca, tokens, mqttUrl: 'mqtts://collector.test:8883' });
  t.teardown(() => app.close());
  const billing = apiKeys.create('billing').key;
  const admin = apiKeys.create('admin').key;
  ingestor.ingestBatch('gw-a', batch(telegram(1, kamwater.raw), telegram(2, kaden.raw, { receivedAt: T0 + 1000 })));
  return { app, repo, billing, admin, tokens };
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

t.test('no key, an unknown key and a billing key on an admin route are refused', async (t) => {
  const { app, billing } = await setup(t);
  const none = await app.inject({ url: '/api/v1/meters' });
  t.equal(none.statusCode, 401);
  t.equal(none.json().code, 'COL_ERR_UNAUTHORIZED');
  t.equal((await app.inject({ url: '/api/v1/meters', headers: auth('wmk_nope') })).statusCode, 401);
  const put = await app.inject({ method: 'PUT', url: '/api/v1/meters/VIP/23701267/key', headers: auth(billing), payload: { key: kaden.key } });
  t.equal(put.statusCode, 403);
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'health needs no key');
});

t.test('readings of a meter as JSON with the raw telegram ids, and as CSV', async (t) => {
  const { app, billing } = await setup(t);
  const res = await app.inject({ url: '/api/v1/meters/KAM/76348799/readings', headers: auth(billing) });
  t.equal(res.statusCode, 200);
  const page = res.json();
  t.equal(page.items.length, 1);
  t.equal(page.items[0].reading.current.value, kamwater.expected.total_m3);
  t.equal(page.items[0].kind, 'cold water');
  t.equal(page.nextCursor, null);
  const detail = (await app.inject({ url: `/api/v1/readings/${page.items[0].id}`, headers: auth(billing) })).json();
  t.same(detail.rawTelegrams.map((r: { id: number }) => r.id), page.items[0].rawTelegramIds, 'audit chain');
  t.equal(detail.rawTelegrams[0].hex, Buffer.from(kamwater.raw).toString('hex').toUpperCase());
  const csv = await app.inject({ url: '/api/v1/meters/KAM/76348799/readings?format=csv', headers: auth(billing) });
  t.match(csv.headers['content-type'], /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  t.equal(lines.length, 2);
  t.match(lines[0], /^reading_id,manufacturer,meter_id,kind,/);
  t.match(lines[1], new RegExp(`,KAM,76348799,cold water,.*,${kamwater.expected.total_m3},m3,`));
});

t.test('bad input gets a 4xx with a clear message, never a 500', async (t) => {
  const { app, billing } = await setup(t);
  const badId = await app.inject({ url: '/api/v1/meters/KAM/7634/readings', headers: auth(billing) });
  t.equal(badId.statusCode, 400);
  t.match(badId.json().message, /id/);
  const badFrom = await app.inject({ url: '/api/v1/meters/KAM/76348799/readings?from=yesterday', headers: auth(billing) });
  t.equal(badFrom.statusCode, 400);
  t.match(badFrom.json().message, /from must be an ISO 8601 time/);
  t.equal((await app.inject({ url: '/api/v1/meters/KAM/99999999', headers: auth(billing) })).statusCode, 404);
  t.equal((await app.inject({ url: '/api/v1/readings/999999', headers: auth(billing) })).statusCode, 404);
  t.equal((await app.inject({ url: '/api/v1/nothing', headers: auth(billing) })).statusCode, 404);
});

t.test('an encrypted meter is kept raw until an admin adds its key, then it has a reading', async (t) => {
  const { app, billing, admin } = await setup(t);
  t.equal((await app.inject({ url: '/api/v1/meters/VIP/23701267/readings', headers: auth(billing) })).json().items.length, 0);
  const put = await app.inject({ method: 'PUT', url: '/api/v1/meters/VIP/23701267/key', headers: auth(admin), payload: { key: Buffer.from(kaden.key!).toString('hex') } });
  t.equal(put.statusCode, 200);
  t.same(put.json(), { decoded: 1, stillUndecoded: 0 });
  const page = (await app.inject({ url: '/api/v1/meters/VIP/23701267/readings', headers: auth(billing) })).json();
  t.equal(page.items.length, 1);
  t.equal(page.items[0].kind, 'hca');
  const badKey = await app.inject({ method: 'PUT', url: '/api/v1/meters/VIP/23701267/key', headers: auth(admin), payload: { key: 'xyz' } });
  t.equal(badKey.statusCode, 400);
});

t.test('enrollment: a one-time token and a CSR give a client certificate; the token cannot be used twice', async (t) => {
  const { app, admin } = await setup(t);
  const issued = await app.inject({ method: 'POST', url: '/api/v1/gateways/gw-7/enrollment-token', headers: auth(admin) });
  t.equal(issued.statusCode, 200);
  const { token } = issued.json();
  const { csrPem } = await createKeyAndCsr('gw-7');
  const ok = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { token, csr: csrPem } });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().gatewayId, 'gw-7');
  t.match(ok.json().certificate, /BEGIN CERTIFICATE/);
  t.equal(ok.json().mqttUrl, 'mqtts://collector.test:8883');
  const again = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { token, csr: csrPem } });
  t.equal(again.statusCode, 400);
  t.equal(again.json().code, 'TOKEN_USED');
  const other = await createKeyAndCsr('gw-8');
  const wrongGateway = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { token, csr: other.csrPem } });
  t.equal(wrongGateway.statusCode, 400);
});

t.test('the OpenAPI document lists the routes', async (t) => {
  const { app } = await setup(t);
  const doc = (await app.inject({ url: '/docs/json' })).json();
  t.ok(doc.paths['/api/v1/meters/{manufacturer}/{id}/readings'], 'readings route documented');
  t.ok(doc.paths['/api/v1/enroll'], 'enroll route documented');
});
