/**
 * End to end through the billing API: a property manager (admin key) records the property, units, meters and
 * tenancies over HTTP; seven weeks of simulated radio traffic (telegrams built with chosen current values,
 * due-date values and dates, and meter date-time records) go through the collector's Ingestor into the
 * store; a tenant moves out on 15.12. and the period ends on 31.12.; a billing system (billing key) pulls
 * period-end readings, tenant-change readings and consumption with their kinds and raw telegram ids.
 */
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTelegram, fromHex, interpret, DEFAULT_REGISTRY } from '@wmbus/protocol';
import { SqliteRepository } from '../../src/store/index.js';
import { Ingestor } from '../../src/ingest/index.js';
import { ApiKeys } from '../../src/http/api-keys.js';
import { buildApp } from '../../src/http/app.js';
import { atEndOf, curve, simulate } from '../reading-pipeline/simulation.js';

async function setup(t: { teardown(fn: () => unknown): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'collector-billing-api-'));
  const repo = SqliteRepository.open(join(dir, 'c.db'), { synchronous: 'NORMAL' });
  const ingestor = new Ingestor(repo);
  const apiKeys = ApiKeys.memory();
  const admin = apiKeys.create('admin').key;
  const billing = apiKeys.create('billing').key;
  const app = await buildApp({ repo, ingestor, apiKeys });
  t.teardown(async () => {
    await app.close();
    repo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = async (key: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, ...(key ? { headers: { authorization: `Bearer ${key}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : res.body, headers: res.headers };
  };
  return { app, repo, ingestor, call, admin, billing };
}

t.test('property manager records, telegrams arrive for weeks, billing system pulls readings with kinds and telegram ids', async (t) => {
  const { ingestor, call, admin, billing } = await setup(t);
  const post = async (url: string, body: unknown, expect = 201) => {
    const r = await call(admin, 'POST', url, body);
    t.equal(r.status, expect, `POST ${url}: ${JSON.stringify(r.body).slice(0, 200)}`);
    return r.body as Record<string, unknown> & { id: number };
  };
  const property = await post('/api/v1/billing/properties', { name: 'Lindenweg 3', dueDate: '12-31' });
  const unit = await post(`/api/v1/billing/properties/${property.id}/units`, { name: '1. OG rechts', areaM2: 72.5 });
  const water = await post(`/api/v1/billing/properties/${property.id}/meters`, { kind: 'warmWater', manufacturer: 'ABC', radioId: '00000042', room: 'Bad' });
  const hca = await post(`/api/v1/billing/properties/${property.id}/meters`, { kind: 'hcaElectronic', manufacturer: 'QDS', radioId: '78563412', room: 'Wohnen', hcaScale: 'product' });
  await post(`/api/v1/billing/units/${unit.id}/meters`, { meterId: water.id, position: 'Bad WW', installed: '2021-12-31' });
  await post(`/api/v1/billing/units/${unit.id}/meters`, { meterId: hca.id, position: 'Wohnen HKV', installed: '2021-12-31' });
  await post(`/api/v1/billing/units/${unit.id}/move-in`, { date: '2022-05-01', tenant: 'Alma Beck' });

  // Warm water 50 m³ at the end of 2022, 70.25 at the move-out, 71 at the end of 2023; the HCA counted
  // 600 units in 2022, then 410 up to the move-out and 455 in all of 2023.
  const waterCurve = curve([[atEndOf('2022-12-31'), 50], [atEndOf('2023-12-15'), 70.25], [atEndOf('2023-12-31'), 71]]);
  const hcaCurve = curve([[atEndOf('2021-12-31'), 0], [atEndOf('2022-12-31'), 600], [atEndOf('2023-12-15'), 1010], [atEndOf('2023-12-31'), 1055]]);
  let sent = 0;
  for (const [from, to] of [[Date.UTC(2022, 11, 20, 22, 53), Date.UTC(2023, 0, 10)], [Date.UTC(2023, 11, 1, 22, 53), Date.UTC(2024, 0, 20)]] as const) {
    sent += simulate(ingestor, 'gw-lindenweg', { meter: { manufacturer: 'ABC', id: '00000042', version: 1, deviceType: 0x06 }, type: 'water', value: waterCurve, dueDate: '12-31' }, from, to);
    sent += simulate(ingestor, 'gw-lindenweg', { meter: { manufacturer: 'QDS', id: '78563412', version: 0x35, deviceType: 0x08 }, type: 'hca', value: hcaCurve, dueDate: '12-31' }, from, to);
  }
  t.ok(sent > 500, `${sent} telegrams over seven weeks of simulated time`);

  await post(`/api/v1/billing/units/${unit.id}/move-out`, { date: '2023-12-15' }, 200);
  await post(`/api/v1/billing/units/${unit.id}/move-in`, { date: '2023-12-16', tenant: 'Bruno Cem' });

  // Period end: both from the due-date values the meters froze on 31.12.2023.
  const end = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/period-end-readings?periodEnd=2023-12-31`);
  t.equal(end.status, 200);
  const endItems = (end.body as { items: { meterId: number; kind: string; value: number; source: string; rawTelegramIds: number[]; readingIds: number[]; unit: string }[] }).items;
  t.match(endItems, [
    { meterId: water.id, kind: 'A', value: 71, unit: 'm3', source: 'dueDate' },
    { meterId: hca.id, kind: 'A', value: 455, unit: 'HCA', source: 'dueDate' },
  ]);
  // The audit chain: the cited raw telegram decodes to a due-date value of 71 m³ dated 31.12.2023.
  const rawId = endItems[0]!.rawTelegramIds[0]!;
  const audit = await call(billing, 'GET', `/api/v1/readings/${endItems[0]!.readingIds[0]}`);
  const raw = (audit.body as { rawTelegrams: { id: number; hex: string }[] }).rawTelegrams.find((r) => r.id === rawId)!;
  const view = interpret(decodeTelegram(fromHex(raw.hex), { key: null }), DEFAULT_REGISTRY).reading;
  t.same(view.dueDate, { value: 71, unit: 'm3', date: '2023-12-31' }, 'the raw bytes behind the reading carry the value');

  // Tenant change: the telegrams at 23:53 on 15.12. are the interim readings (ZA).
  const changes = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/tenant-change-readings?periodEnd=2023-12-31`);
  t.equal(changes.status, 200);
  const change = (changes.body as { items: { tenant: string; moveOut: string; readings: { meterId: number; kind: string; value: number; observedAt: string; rawTelegramIds: number[] }[] }[] }).items;
  t.match(change, [{ tenant: 'Alma Beck', moveOut: '2023-12-15', readings: [
    { meterId: water.id, kind: 'ZA', value: 70.25, observedAt: '2023-12-15T22:53:00.000Z' },
    { meterId: hca.id, kind: 'ZA', value: 410, observedAt: '2023-12-15T22:53:00.000Z' },
  ] }]);
  t.ok(change[0]!.readings.every((r) => r.rawTelegramIds.length === 1));

  const consumption = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/consumption?periodEnd=2023-12-31`);
  t.equal(consumption.status, 200);
  type Item = { tenant: string; from: string; to: string; positions: { position: string; total: number; segments: { from: { kind: string }; to: { kind: string } }[] }[] };
  const items = (consumption.body as { items: Item[] }).items;
  const totals = items.map((i) => [i.tenant, i.from, i.to, ...i.positions.map((p) => [p.position, Math.round(p.total * 1000) / 1000, p.segments[0]!.from.kind, p.segments[0]!.to.kind])]);
  t.same(totals, [
    ['Alma Beck', '2023-01-01', '2023-12-15', ['Bad WW', 20.25, 'A', 'ZA'], ['Wohnen HKV', 410, 'A', 'ZA']],
    ['Bruno Cem', '2023-12-16', '2023-12-31', ['Bad WW', 0.75, 'ZA', 'A'], ['Wohnen HKV', 45, 'ZA', 'A']],
  ]);

  // CSV for billing systems, and keyset pages.
  const csv = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/period-end-readings?periodEnd=2023-12-31&format=csv&limit=1`);
  t.equal(csv.status, 200);
  t.match(csv.headers['content-type'], /text\/csv/);
  const lines = (csv.body as string).trim().split('\r\n');
  t.equal(lines.length, 2);
  t.match(lines[1], new RegExp(`^${water.id},${unit.id},Bad WW,2023-12-31,A,11,71,m3,dueDate,`));
  t.equal(csv.headers['x-next-cursor'], String(water.id));
  const page2 = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/period-end-readings?periodEnd=2023-12-31&limit=1&after=${water.id}`);
  t.match(page2.body, { items: [{ meterId: hca.id }], nextCursor: null });
  const firstPage = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/consumption?periodEnd=2023-12-31&limit=1`);
  const first = firstPage.body as { items: { tenant: string; tenancyId: number }[]; nextCursor: string };
  t.same([first.items.map((i) => i.tenant), first.nextCursor], [['Alma Beck'], String(first.items[0]!.tenancyId)]);
  const secondPage = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/consumption?periodEnd=2023-12-31&limit=1&after=${first.nextCursor}`);
  t.match(secondPage.body, { items: [{ tenant: 'Bruno Cem' }], nextCursor: null });
  const consumptionCsv = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/consumption?periodEnd=2023-12-31&format=csv`);
  t.equal((consumptionCsv.body as string).trim().split('\r\n').length, 5, 'header + 2 tenancies × 2 positions');

  // Stored readings of the property over a time range, paginated across meters.
  const range = `from=2023-12-15T00:00:00Z&to=2023-12-16T00:00:00Z`;
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const r = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/readings?${range}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    t.equal(r.status, 200);
    const body = r.body as { items: { meterId: number; readingId: number }[]; nextCursor: string | null };
    seen.push(...body.items.map((i) => i.meterId));
    cursor = body.nextCursor;
  } while (cursor);
  t.same(seen, [water.id, water.id, water.id, water.id, hca.id, hca.id, hca.id, hca.id], '4 telegrams a day per meter, in meter order');

  const tenancies = await call(billing, 'GET', `/api/v1/billing/units/${unit.id}/tenancies`);
  t.match(tenancies.body, [{ tenant: 'Alma Beck', moveOut: '2023-12-15' }, { tenant: 'Bruno Cem', moveIn: '2023-12-16', moveOut: null }]);
  const meters = await call(billing, 'GET', `/api/v1/billing/properties/${property.id}/meters`);
  t.match(meters.body, { items: [{ id: water.id, assignments: [{ position: 'Bad WW' }] }, { id: hca.id, hcaScale: 'product', resetsAtDueDate: true }] });
});

t.test('roles, bad input and conflicts: 401/403/400/404/409 with a code and a clear message, never a 500', async (t) => {
  const { call, admin, billing } = await setup(t);
  t.equal((await call(null, 'GET', '/api/v1/billing/properties')).status, 401);
  t.equal((await call(billing, 'POST', '/api/v1/billing/properties', { name: 'x', dueDate: '12-31' })).status, 403, 'billing keys are read-only');
  const p = (await call(admin, 'POST', '/api/v1/billing/properties', { name: 'Hof', dueDate: '12-31' })).body as { id: number };
  const u = (await call(admin, 'POST', `/api/v1/billing/properties/${p.id}/units`, { name: 'EG', areaM2: 50 })).body as { id: number };

  const cases: [string, 'GET' | 'POST', string, unknown, number, RegExp][] = [
    ['impossible date', 'POST', `/api/v1/billing/units/${u.id}/move-in`, { date: '2023-02-30', tenant: 'A' }, 400, /date must be a calendar date/],
    ['date pattern', 'POST', `/api/v1/billing/units/${u.id}/move-in`, { date: '1.1.2023', tenant: 'A' }, 400, /date/],
    ['missing field', 'POST', `/api/v1/billing/properties/${p.id}/units`, { name: 'OG' }, 400, /areaM2/],
    ['29 Feb due date', 'POST', '/api/v1/billing/properties', { name: 'y', dueDate: '02-29' }, 400, /dueDate/],
    ['no running tenancy', 'POST', `/api/v1/billing/units/${u.id}/move-out`, { date: '2023-05-01' }, 404, /TENANCY_NOT_FOUND/],
    ['unknown property', 'GET', '/api/v1/billing/properties/999/period-end-readings?periodEnd=2023-12-31', undefined, 404, /PROPERTY_NOT_FOUND/],
    ['period end not a due date', 'GET', `/api/v1/billing/properties/${p.id}/period-end-readings?periodEnd=2023-06-30`, undefined, 400, /not a due date/],
    ['bad estimate kind', 'GET', `/api/v1/billing/properties/${p.id}/consumption?periodEnd=2023-12-31&estimate=H9`, undefined, 400, /estimate/],
    ['radio meter without address', 'POST', `/api/v1/billing/properties/${p.id}/meters`, { kind: 'heat' }, 400, /radio address/],
    ['bad cursor', 'GET', `/api/v1/billing/properties/${p.id}/readings?cursor=zzz`, undefined, 400, /cursor/],
    ['bad time', 'GET', `/api/v1/billing/properties/${p.id}/readings?from=yesterday`, undefined, 400, /from must be/],
  ];
  for (const [name, method, url, body, status, message] of cases) {
    const r = await call(admin, method, url, body);
    t.equal(r.status, status, `${name}: ${status}`);
    t.match((r.body as { message: string }).message, message, `${name}: says what is wrong`);
  }
  await call(admin, 'POST', `/api/v1/billing/units/${u.id}/move-in`, { date: '2023-01-01', tenant: 'A' });
  const conflict = await call(admin, 'POST', `/api/v1/billing/units/${u.id}/move-in`, { date: '2023-03-01', tenant: 'B' });
  t.match(conflict, { status: 409, body: { code: 'COL_ERR_CONFLICT', message: /TENANCY_SEQUENCE/ } });
  const vacancy = await call(admin, 'POST', `/api/v1/billing/units/${u.id}/move-out`, { date: '2023-02-28', thenVacant: true });
  t.match(vacancy, { status: 200, body: { vacancy: { vacancy: true, moveIn: '2023-03-01' } } });

  const docs = await call(null, 'GET', '/docs/json');
  const paths = Object.keys((docs.body as { paths: Record<string, unknown> }).paths);
  t.ok(paths.includes('/api/v1/billing/properties/{propertyId}/period-end-readings') && paths.includes('/api/v1/billing/units/{unitId}/meter-swaps'), 'billing routes in the OpenAPI document');
});

t.test('fixed-cost shares per tenancy (T2, T4, T5, T9): days and degree-day ‰ through the API', async (t) => {
  const { call, admin, billing } = await setup(t);
  const post = async (url: string, body: unknown) => ((await call(admin, 'POST', url, body)).body as { id: number });
  const shares = async (table: string, dueDate: string, moveOut: string, periodEnd: string) => {
    const p = await post('/api/v1/billing/properties', { name: `${table} ${moveOut}`, dueDate, degreeDayTable: table });
    const u = await post(`/api/v1/billing/properties/${p.id}/units`, { name: 'W', areaM2: 60 });
    await post(`/api/v1/billing/units/${u.id}/move-in`, { date: '2020-01-01', tenant: 'before' });
    await call(admin, 'POST', `/api/v1/billing/units/${u.id}/move-out`, { date: moveOut });
    const next = new Date(Date.parse(`${moveOut}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await post(`/api/v1/billing/units/${u.id}/move-in`, { date: next, tenant: 'after' });
    const r = await call(billing, 'GET', `/api/v1/billing/properties/${p.id}/consumption?periodEnd=${periodEnd}`);
    return (r.body as { items: { tenant: string; days: number; periodDays: number; degreeDayPermille: number; periodDegreeDayPermille: number }[] }).items;
  };
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

  // T2: change on 15 March, immobilien.software's table (March 4.193 ‰/day): 378.702 ‰ and 621.281 ‰.
  const t2 = await shares('immobilienSoftware', '12-31', '2023-03-14', '2023-12-31');
  t.same(t2.map((i) => [i.tenant, round(i.degreeDayPermille, 3)]), [['before', 378.702], ['after', 621.281]]);
  t.equal(t2[0]!.periodDegreeDayPermille, 1000, 'whole months count their monthly value');
  t.equal(round(t2[0]!.degreeDayPermille + t2[1]!.degreeDayPermille, 3), 999.983, 'but the parts by truncated per-day values add up to 999.983');
  const t2exact = await shares('exact', '12-31', '2023-03-14', '2023-12-31');
  t.same(t2exact.map((i) => round(i.degreeDayPermille, 4)), [378.7097, 621.2903], 'exact fractions');
  // T4: A 73 days, B 292 of 365; leap year 74 of 366.
  t.same(t2exact.map((i) => [i.days, i.periodDays]), [[73, 365], [292, 365]]);
  const leap = await shares('exact', '12-31', '2024-03-14', '2024-12-31');
  t.same(leap.map((i) => [i.days, i.periodDays]), [[74, 366], [292, 366]]);
  // T5: move-in 16 October → 321.29 ‰ and 77 days.
  const t5 = await shares('exact', '12-31', '2023-10-15', '2023-12-31');
  t.same([t5[1]!.days, round(t5[1]!.degreeDayPermille, 2)], [77, 321.29]);
  // T9: move-in 1 August → 153 and 212 days.
  const t9 = await shares('exact', '12-31', '2023-07-31', '2023-12-31');
  t.same(t9.map((i) => i.days), [212, 153]);
});

t.test('evaporative HCA read on site: manual readings over the API, 400–800 ‰ decides ZA or B (T1)', async (t) => {
  const { call, admin, billing } = await setup(t);
  const post = async (url: string, body: unknown, status = 201) => {
    const r = await call(admin, 'POST', url, body);
    t.equal(r.status, status, url);
    return r.body as { id: number };
  };
  const p = await post('/api/v1/billing/properties', { name: 'ista T1', dueDate: '12-28' });
  const u = await post(`/api/v1/billing/properties/${p.id}/units`, { name: 'A', areaM2: 50 });
  const m = await post(`/api/v1/billing/properties/${p.id}/meters`, { kind: 'hcaEvaporative', room: 'Küche', hcaScale: 'unit', kq: 0.8 });
  await post(`/api/v1/billing/units/${u.id}/meters`, { meterId: m.id, position: 'Küche HKV', installed: '2023-12-28' });
  await post(`/api/v1/billing/units/${u.id}/move-in`, { date: '2023-01-01', tenant: 'P' });
  await post(`/api/v1/billing/units/${u.id}/move-out`, { date: '2024-03-31' }, 200);
  await post(`/api/v1/billing/units/${u.id}/move-in`, { date: '2024-04-01', tenant: 'Q' });
  await post(`/api/v1/billing/meters/${m.id}/manual-readings`, { date: '2024-03-31', value: 300 });
  await post(`/api/v1/billing/meters/${m.id}/manual-readings`, { date: '2024-12-28', value: 800, note: 'Ampullenwechsel' });
  t.equal((await call(admin, 'POST', `/api/v1/billing/meters/${m.id}/manual-readings`, { date: '2024-12-28', value: 'x' })).status, 400);

  const changes = await call(billing, 'GET', `/api/v1/billing/properties/${p.id}/tenant-change-readings?periodEnd=2024-12-28&format=csv`);
  const row = (changes.body as string).trim().split('\r\n')[1]!;
  t.match(row, /,P,2024-03-31,\d+,\d+,Küche HKV,2024-03-31,ZA,12,300,,manual,/, 'ZA from the technician\'s reading');
  t.match(row, /interim-in-window: 465\.48 ‰ since the main reading 2023-12-28/);
  const c = await call(billing, 'GET', `/api/v1/billing/properties/${p.id}/consumption?periodEnd=2024-12-28`);
  const items = (c.body as { items: { tenant: string; positions: { total: number; ratedTotal: number }[] }[] }).items;
  t.same(items.map((i) => [i.tenant, i.positions[0]!.total, i.positions[0]!.ratedTotal]), [['P', 300, 240], ['Q', 500, 400]], 'unit scale: × K_Q 0.8');
});
