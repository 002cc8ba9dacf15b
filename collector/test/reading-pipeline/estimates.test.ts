/**
 * Estimates where a tenant change can be neither read (ZA) nor computed (B, no closing reading): on
 * request H1..H5 from the same meter's past periods (scaled to the days up to the move-out, water by days)
 * or D6/D7 from comparable meters over the same days ([SEED-EDDI], billing-domain.md § 1.8, § 7.1).
 */
import t from 'tap';
import { isFailure } from '../../src/reading-pipeline/index.js';
import { pipelineSetup } from './pipeline-setup.js';
import { atEndOf, curve, simulate } from './simulation.js';

t.test('a meter dead since February: no ZA, no B; H1 and D6 on request, each citing what it used', async (t) => {
  const { ingestor, props, readings } = pipelineSetup(t, 'estimates');
  const p = props.createProperty({ name: 'estimates', dueDate: '12-31' });
  const spec = (n: number) => ({ manufacturer: 'ABC', id: `0000010${n}`, version: 1, deviceType: 0x06 });
  const units = [1, 2, 3].map((n) => {
    const u = props.createUnit(p.id, { name: `U${n}`, areaM2: 50 });
    const m = props.createMeter(p.id, { kind: 'warmWater', manufacturer: 'ABC', radioId: `0000010${n}`, room: 'Bad' });
    props.assignMeter(u.id, { meterId: m.id, position: 'WW', installed: '2021-12-31' });
    props.moveIn(u.id, { date: '2022-01-01', tenant: `T${n}` });
    return { u, m };
  });
  props.moveOut(units[0]!.u.id, { date: '2023-03-14' });
  props.moveIn(units[0]!.u.id, { date: '2023-03-15', tenant: 'T1b' });
  // Meter 1: 10 m³ at the end of 2021, 46.5 at the end of 2022 (36.5 in 2022), then silent from February 2023.
  simulate(ingestor, 'gw', { meter: spec(1), type: 'water', dueDate: '12-31', value: curve([[atEndOf('2021-12-31'), 10], [atEndOf('2022-12-31'), 46.5], [atEndOf('2023-02-01'), 49]]) },
    Date.UTC(2021, 11, 20, 22, 53), Date.UTC(2023, 1, 1));
  // Peers used 4 and 8 m³ from 01.01. to 14.03.2023.
  simulate(ingestor, 'gw', { meter: spec(2), type: 'water', dueDate: '12-31', value: curve([[atEndOf('2022-12-31'), 100], [atEndOf('2023-03-14'), 104]]) }, Date.UTC(2022, 11, 20, 22, 53), Date.UTC(2023, 2, 20));
  simulate(ingestor, 'gw', { meter: spec(3), type: 'water', dueDate: '12-31', value: curve([[atEndOf('2022-12-31'), 200], [atEndOf('2023-03-14'), 208]]) }, Date.UTC(2022, 11, 20, 22, 53), Date.UTC(2023, 2, 20));

  const plain = readings.tenantChangeReadings(p.id, '2023-12-31')[0]!.readings[0]!;
  t.ok(isFailure(plain), 'without an estimate kind: a coded failure');
  t.match(plain, { code: 'NO_ENCLOSING_READINGS', message: /2023-12-31/ });

  const h1 = readings.tenantChangeReadings(p.id, '2023-12-31', { estimate: 'H1' })[0]!.readings[0]!;
  if (isFailure(h1)) throw new Error(JSON.stringify(h1));
  t.match(h1, { kind: 'H1', argeFlag: '02', source: 'estimate', note: /periods ending 2022-12-31/ });
  t.ok(Math.abs(h1.value - (46.5 + (36.5 * 73) / 365)) < 1e-9, `46.5 + 36.5 × 73/365 = 53.8 (got ${h1.value})`);
  t.equal(h1.readingIds.length, 2, 'the readings at 31.12.2021 and 31.12.2022 (the latter is also the opening reading)');

  const d6 = readings.tenantChangeReadings(p.id, '2023-12-31', { estimate: 'D6' })[0]!.readings[0]!;
  if (isFailure(d6)) throw new Error(JSON.stringify(d6));
  t.match(d6, { kind: 'D6', argeFlag: '08', note: `average of meters ${units[1]!.m.id}, ${units[2]!.m.id}` });
  t.ok(Math.abs(d6.value - 52.5) < 1e-9, `46.5 + (4 + 8) / 2 = 52.5 (got ${d6.value})`);
  t.ok(d6.rawTelegramIds.length >= 5, 'cites the telegrams of the opening reading and of both peers');

  const c = readings.consumption(p.id, '2023-12-31', { estimate: 'D6', unitId: units[0]!.u.id });
  t.ok(Math.abs(c[0]!.positions[0]!.total - 6) < 1e-9, 'consumption of T1 with a D6 closing reading: 6 m³');
  t.same([c[0]!.positions[0]!.segments[0]!.from.kind, c[0]!.positions[0]!.segments[0]!.to.kind], ['A', 'D6']);
});
