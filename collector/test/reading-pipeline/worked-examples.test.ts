/**
 * billing-domain.md § 10 worked examples through the whole chain: telegrams built with the example's values
 * → Ingestor → store → property model → reading pipeline. Expected numbers are the document's.
 */
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRepository } from '../../src/store/index.js';
import { Ingestor } from '../../src/ingest/index.js';
import { PropertiesStore } from '../../src/properties/index.js';
import { PropertyReadings, ReadingPipeline, isFailure, type PipelineReading, type PipelineResult } from '../../src/reading-pipeline/index.js';
import { atEndOf, curve, simulate } from './simulation.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function setup(t: { teardown(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'collector-pipeline-'));
  const repo = SqliteRepository.open(join(dir, 'c.db'), { synchronous: 'NORMAL' });
  const props = new PropertiesStore(repo.db);
  const pipeline = new ReadingPipeline(props);
  t.teardown(() => {
    repo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { repo, ingestor: new Ingestor(repo), props, readings: new PropertyReadings(pipeline) };
}

const reading = (r: PipelineResult | undefined): PipelineReading => {
  if (!r || isFailure(r)) throw new Error(`expected a reading, got ${JSON.stringify(r)}`);
  return r;
};
const near = (a: number, b: number, eps = 1e-9) => Math.abs(a - b) <= eps;

t.test('T4: warm water 100 → 105.5 (ZA at 14.03.) → 124 m³; without interim reading B by days 4.8 / 19.2', async (t) => {
  const { ingestor, props, readings } = setup(t);
  const p = props.createProperty({ name: 'T4', dueDate: '12-31' });
  const knots: [number, number][] = [
    [atEndOf('2022-12-31'), 100],
    [atEndOf('2023-03-14'), 105.5],
    [atEndOf('2023-12-31'), 124],
  ];
  const units = [];
  for (const [i, silent] of [[1, undefined], [2, [[atEndOf('2023-02-20'), atEndOf('2023-04-10')]] as [number, number][]]] as const) {
    const u = props.createUnit(p.id, { name: `W${i}`, areaM2: 80 });
    const m = props.createMeter(p.id, { kind: 'warmWater', manufacturer: 'ABC', radioId: `0000000${i}`, room: 'Bad' });
    props.assignMeter(u.id, { meterId: m.id, position: 'Bad WW', installed: '2021-12-31' });
    props.moveIn(u.id, { date: '2022-01-01', tenant: 'A' });
    props.moveOut(u.id, { date: '2023-03-14' });
    props.moveIn(u.id, { date: '2023-03-15', tenant: 'B' });
    // One telegram every 6 h at hh:53 Berlin (winter: 22:53 UTC), from mid-December to mid-January.
    const sent = simulate(ingestor, 'gw-1', { meter: { manufacturer: 'ABC', id: `0000000${i}`, version: 1, deviceType: 0x06 }, type: 'water', value: curve(knots), dueDate: '12-31', ...(silent ? { silent } : {}) },
      Date.UTC(2022, 11, 15, 22, 53), Date.UTC(2024, 0, 15));
    t.ok(sent > 1000, `${sent} telegrams of meter ${i}`);
    units.push({ u, m });
  }

  const end = readings.periodEndReadings(p.id, '2023-12-31');
  t.equal(end.items.length, 2);
  for (const r of end.items.map(reading)) {
    t.match(r, { kind: 'A', argeFlag: '11', date: '2023-12-31', value: 124, unit: 'm3', source: 'dueDate', quality: 'exact' }, 'the meter froze 124 m³ at its due date');
    t.ok(r.rawTelegramIds.length === 1 && r.readingIds.length === 1, 'audit: the telegram carrying the due-date value');
  }

  const changes = readings.tenantChangeReadings(p.id, '2023-12-31');
  t.same(changes.map((c) => [c.unitId, c.moveOut, c.tenant]), [[units[0]!.u.id, '2023-03-14', 'A'], [units[1]!.u.id, '2023-03-14', 'A']]);
  const za = reading(changes[0]!.readings[0]);
  t.match(za, { kind: 'ZA', argeFlag: '12', value: 105.5, source: 'sample' }, 'value of the telegram at 23:53 on 14.03.');
  t.equal(za.observedAt, Date.UTC(2023, 2, 14, 22, 53), 'observed 7 minutes before midnight Berlin');
  const b = reading(changes[1]!.readings[0]);
  t.match(b, { kind: 'B', basis: 'days', argeFlag: '13', source: 'computed' });
  t.ok(near(b.value, 104.8), `B = 100 + 24 × 73/365 = 104.8 (got ${b.value})`);
  t.equal(b.readingIds.length, 2, 'B cites the telegrams of both enclosing readings');

  const consumption = readings.consumption(p.id, '2023-12-31');
  const byUnit = (unitId: number, tenant: string) => consumption.find((c) => c.unitId === unitId && c.tenant === tenant)!;
  const a1 = byUnit(units[0]!.u.id, 'A').positions[0]!;
  t.ok(near(a1.total, 5.5, 1e-9), `A: 5.500 m³ (ZA), got ${a1.total}`);
  t.same([a1.segments[0]!.from.kind, a1.segments[0]!.to.kind], ['A', 'ZA']);
  t.same(byUnit(units[0]!.u.id, 'A').from, '2023-01-01');
  t.ok(near(byUnit(units[0]!.u.id, 'B').positions[0]!.total, 18.5), 'B: 18.500 m³');
  t.ok(near(byUnit(units[1]!.u.id, 'A').positions[0]!.total, 4.8), 'A without interim reading: 4.800 m³');
  t.ok(near(byUnit(units[1]!.u.id, 'B').positions[0]!.total, 19.2), 'B without interim reading: 19.200 m³');
  t.same(byUnit(units[1]!.u.id, 'B').positions[0]!.segments[0]!.from.kind, 'B');
});

t.test('T7: electronic HCA resets at its due date: period 2018 = 145, January 2019 = 79, 01.–20.02. = 48', async (t) => {
  const { ingestor, props, readings } = setup(t);
  const p = props.createProperty({ name: 'T7', dueDate: '12-31' });
  const u = props.createUnit(p.id, { name: 'OG', areaM2: 70 });
  const hca = props.createMeter(p.id, { kind: 'hcaElectronic', manufacturer: 'QDS', radioId: '78563412', room: 'Wohnen', hcaScale: 'unit', kq: 1.5, kc: 1 });
  props.assignMeter(u.id, { meterId: hca.id, position: 'Wohnen HKV', installed: '2017-12-31' });
  props.moveIn(u.id, { date: '2018-06-01', tenant: 'X' });
  props.moveOut(u.id, { date: '2019-01-31' });
  props.moveIn(u.id, { date: '2019-02-01', tenant: 'Y' });
  props.moveOut(u.id, { date: '2019-02-20' });
  props.moveIn(u.id, { date: '2019-02-21', tenant: 'Z' });
  // Cumulative units since the device was new: 145 by the end of 2018, +79 in January, +48 up to 20.02. 11:32.
  const value = curve([
    [atEndOf('2017-12-31'), 0],
    [atEndOf('2018-12-31'), 145],
    [atEndOf('2019-01-31'), 224],
    [Date.UTC(2019, 1, 20, 8, 0), 272],
  ]);
  simulate(ingestor, 'gw-1', { meter: { manufacturer: 'QDS', id: '78563412', version: 0x35, deviceType: 0x08 }, type: 'hca', value, dueDate: '12-31' }, Date.UTC(2018, 11, 10, 22, 53), Date.UTC(2019, 1, 25));

  const opening = reading(readings.periodEndReadings(p.id, '2018-12-31').items[0]);
  t.match(opening, { kind: 'A', value: 145, unit: 'HCA', source: 'dueDate', sinceReset: '2017-12-31' }, 'period 2018 total 145');
  const changes = readings.tenantChangeReadings(p.id, '2019-12-31');
  t.same(changes.map((c) => c.moveOut), ['2019-01-31', '2019-02-20']);
  t.match(reading(changes[0]!.readings[0]), { kind: 'ZA', value: 79, source: 'history', sinceReset: '2018-12-31' }, 'month-end value of January');
  t.match(reading(changes[1]!.readings[0]), { kind: 'ZA', value: 127, source: 'sample' });

  const c = readings.consumption(p.id, '2019-12-31');
  const x = c.find((i) => i.tenant === 'X')!;
  t.same([x.from, x.to, x.positions[0]!.total, x.positions[0]!.ratedTotal], ['2019-01-01', '2019-01-31', 79, 79 * 1.5], 'January 79 units, × K_Q 1.5 on the unit scale');
  const y = c.find((i) => i.tenant === 'Y')!;
  t.equal(y.positions[0]!.total, 48, '127 − 79 = 48 units');
  const z = c.find((i) => i.tenant === 'Z')!;
  t.match(z.failures, [{ code: 'NO_READING_IN_TOLERANCE', date: '2019-12-31' }], 'the period has not ended: no closing reading, a coded failure instead of a number');
});

t.test('T1: evaporative HCA interim reading counts within 400–800 ‰, else split by degree days 170 : 830', async (t) => {
  const { props, readings } = setup(t);
  // ista's case: main reading 28.12., move-out 31.03. → 465.48 ‰ → interim reading used.
  const ista = props.createProperty({ name: 'T1 ista', dueDate: '12-28' });
  const u1 = props.createUnit(ista.id, { name: 'A', areaM2: 50 });
  const e1 = props.createMeter(ista.id, { kind: 'hcaEvaporative', room: 'Küche' });
  props.assignMeter(u1.id, { meterId: e1.id, position: 'Küche HKV', installed: '2023-12-28' });
  props.moveIn(u1.id, { date: '2023-01-01', tenant: 'P' });
  props.moveOut(u1.id, { date: '2024-03-31' });
  props.moveIn(u1.id, { date: '2024-04-01', tenant: 'Q' });
  props.addManualReading(e1.id, { date: '2024-03-31', value: 300 });
  props.addManualReading(e1.id, { date: '2024-12-28', value: 800 });
  const za = reading(readings.tenantChangeReadings(ista.id, '2024-12-28')[0]!.readings[0]);
  t.match(za, { kind: 'ZA', value: 300, source: 'manual', note: /^interim-in-window: 465\.48 ‰/ });
  const c1 = readings.consumption(ista.id, '2024-12-28');
  t.same(c1.map((c) => [c.tenant, c.positions[0]?.total]), [['P', 300], ['Q', 500]]);

  // Companion: main reading 31.12., move-out 31.01. → 170 ‰ < 400 → degree days.
  const p = props.createProperty({ name: 'T1 companion', dueDate: '12-31' });
  const u2 = props.createUnit(p.id, { name: 'B', areaM2: 50 });
  const e2 = props.createMeter(p.id, { kind: 'hcaEvaporative' });
  props.assignMeter(u2.id, { meterId: e2.id, position: 'HKV', installed: '2023-12-31' });
  props.moveIn(u2.id, { date: '2023-06-01', tenant: 'P' });
  props.moveOut(u2.id, { date: '2024-01-31' });
  props.moveIn(u2.id, { date: '2024-02-01', tenant: 'Q' });
  props.addManualReading(e2.id, { date: '2024-01-31', value: 250 });
  props.addManualReading(e2.id, { date: '2024-12-31', value: 1000 });
  const b = reading(readings.tenantChangeReadings(p.id, '2024-12-31')[0]!.readings[0]);
  t.match(b, { kind: 'B', basis: 'degreeDays', argeFlag: '14', note: /^interim-outside-window: 170\.00 ‰/ });
  t.ok(near(b.value, 170), `1000 units × 170/1000 (got ${b.value})`);
  const c2 = readings.consumption(p.id, '2024-12-31');
  t.ok(near(c2[0]!.positions[0]!.total, 170) && near(c2[1]!.positions[0]!.total, 830), 'split 170 : 830');
});

t.test('a meter swap is two segments; a period end without telegrams is a coded failure, not a number', async (t) => {
  const { ingestor, props, readings } = setup(t);
  const p = props.createProperty({ name: 'swap', dueDate: '12-31' });
  const u = props.createUnit(p.id, { name: 'EG', areaM2: 60 });
  const old = props.createMeter(p.id, { kind: 'coldWater', manufacturer: 'ABC', radioId: '00000011' });
  const neu = props.createMeter(p.id, { kind: 'coldWater', manufacturer: 'ABC', radioId: '00000012' });
  props.assignMeter(u.id, { meterId: old.id, position: 'KW', installed: '2022-12-31' });
  props.swapMeter(u.id, { position: 'KW', date: '2023-06-30', newMeterId: neu.id });
  props.moveIn(u.id, { date: '2023-01-01', tenant: 'S' });
  // Old meter: 500 → 530 m³ up to its removal; the new one starts at 0.2 and ends the year at 25.2.
  simulate(ingestor, 'gw-1', { meter: { manufacturer: 'ABC', id: '00000011', version: 1, deviceType: 0x16 }, type: 'water', dueDate: '12-31',
    value: curve([[atEndOf('2022-12-31'), 500], [atEndOf('2023-06-30'), 530]]) }, Date.UTC(2022, 11, 20, 22, 53), atEndOf('2023-06-30') + HOUR);
  simulate(ingestor, 'gw-1', { meter: { manufacturer: 'ABC', id: '00000012', version: 1, deviceType: 0x16 }, type: 'water', dueDate: '12-31',
    value: curve([[atEndOf('2023-06-30'), 0.2], [atEndOf('2023-12-31'), 25.2]]) }, atEndOf('2023-06-30') - 30 * MINUTE, Date.UTC(2024, 0, 10));
  const c = readings.consumption(p.id, '2023-12-31');
  const pos = c[0]!.positions[0]!;
  t.same(pos.segments.map((s) => [s.meterId, s.from.value, s.to.value, s.from.kind, s.to.kind]), [
    [old.id, 500, 530, 'A', 'A'],
    [neu.id, 0.2, 25.2, 'A', 'A'],
  ]);
  t.ok(near(pos.total, 55), `30 + 25 = 55 m³ (got ${pos.total})`);
  const end = readings.periodEndReadings(p.id, '2024-12-31');
  t.match(end.items, [{ meterId: neu.id, code: 'NO_READING_IN_TOLERANCE' }]);
  t.throws(() => readings.periodEndReadings(p.id, '2024-06-30'), { code: 'INPUT_INVALID', message: /not a due date/ });
});

t.test('electronic HCA silent at the move-out: B by degree days within the reset epoch (Jan–Mar = 450 ‰)', async (t) => {
  const { ingestor, props, readings } = setup(t);
  const p = props.createProperty({ name: 'HCA B', dueDate: '12-31' });
  const u = props.createUnit(p.id, { name: 'DG', areaM2: 55 });
  const hca = props.createMeter(p.id, { kind: 'hcaElectronic', manufacturer: 'QDS', radioId: '11223344' });
  props.assignMeter(u.id, { meterId: hca.id, position: 'HKV', installed: '2021-12-31' });
  props.moveIn(u.id, { date: '2022-01-01', tenant: 'V' });
  props.moveOut(u.id, { date: '2023-03-31' });
  props.moveIn(u.id, { date: '2023-04-01', tenant: 'W' });
  // 700 units in 2022, 1000 in 2023; the meter is out of radio range from February to May.
  const value = curve([[atEndOf('2021-12-31'), 0], [atEndOf('2022-12-31'), 700], [atEndOf('2023-12-31'), 1700]]);
  simulate(ingestor, 'gw-1', { meter: { manufacturer: 'QDS', id: '11223344', version: 0x35, deviceType: 0x08 }, type: 'hca', value, dueDate: '12-31', silent: [[Date.UTC(2023, 1, 1), Date.UTC(2023, 5, 1)]] },
    Date.UTC(2022, 11, 15, 22, 53), Date.UTC(2024, 0, 10), 12 * HOUR);
  const b = reading(readings.tenantChangeReadings(p.id, '2023-12-31')[0]!.readings[0]);
  t.match(b, { kind: 'B', basis: 'degreeDays', argeFlag: '14', sinceReset: '2022-12-31' });
  t.ok(near(b.value, 450), `0 + 1000 × 450/1000 since the reset (got ${b.value})`);
  const c = readings.consumption(p.id, '2023-12-31');
  t.same(c.map((i) => [i.tenant, Math.round(i.positions[0]!.total * 1e9) / 1e9]), [['V', 450], ['W', 550]], 'opening 700 (frozen 2022 value) → 450 since reset; 450 → 1000');
});
