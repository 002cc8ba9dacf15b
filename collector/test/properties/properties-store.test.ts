/**
 * The property model on a real SQLite file next to the store's tables: its own schema version, the tenancy
 * sequence rule ([SEED-KALO]: the next tenant moves in the day after the previous one moves out), vacancy,
 * meter master data and swaps as two segments at one position.
 */
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteRepository, SCHEMA_VERSION } from '../../src/store/index.js';
import { BILLING_SCHEMA_VERSION, PropertiesStore } from '../../src/properties/index.js';

function openStores(t: { teardown(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'collector-properties-'));
  const repo = SqliteRepository.open(join(dir, 'c.db'));
  const props = new PropertiesStore(repo.db);
  t.teardown(() => {
    repo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, repo, props };
}

t.test('billing tables are versioned apart from the store schema and migrate once', async (t) => {
  const { dir, repo, props } = openStores(t);
  t.equal(repo.db.pragma('user_version', { simple: true }), SCHEMA_VERSION, 'store version untouched');
  t.same(repo.db.prepare('SELECT version FROM billing_schema_version').all(), [{ version: BILLING_SCHEMA_VERSION }]);
  props.createProperty({ name: 'Hauptstr. 1', dueDate: '12-31' });
  new PropertiesStore(repo.db); // a second open migrates nothing and keeps data
  t.equal(props.properties().length, 1);

  repo.db.prepare('UPDATE billing_schema_version SET version = ?').run(BILLING_SCHEMA_VERSION + 1);
  t.throws(() => new PropertiesStore(repo.db), { code: 'BILLING_SCHEMA_NEWER' });
  const raw = new Database(join(dir, 'c.db'), { readonly: true });
  t.equal((raw.prepare('SELECT count(*) AS n FROM billing_properties').get() as { n: number }).n, 1, 'nothing lost');
  raw.close();
});

t.test('tenancies follow each other day by day; vacancy ends when a tenant moves in', async (t) => {
  const { props } = openStores(t);
  const p = props.createProperty({ name: 'Hauptstr. 1', dueDate: '12-31' });
  const u = props.createUnit(p.id, { name: 'EG links', areaM2: 60 });
  props.moveIn(u.id, { date: '2023-01-01', tenant: 'A' });
  t.throws(() => props.moveIn(u.id, { date: '2023-03-15', tenant: 'B' }), { code: 'TENANCY_SEQUENCE' }, 'A has not moved out');
  t.throws(() => props.moveOut(u.id, { date: '2022-12-31' }), { code: 'TENANCY_SEQUENCE' }, 'move-out before move-in');
  const { ended } = props.moveOut(u.id, { date: '2023-03-14' });
  t.same([ended.moveIn, ended.moveOut], ['2023-01-01', '2023-03-14']);
  t.throws(() => props.moveIn(u.id, { date: '2023-03-16', tenant: 'B' }), { code: 'TENANCY_SEQUENCE', message: /starts 2023-03-15/ });
  props.moveIn(u.id, { date: '2023-03-15', tenant: 'B' });
  const { vacancy } = props.moveOut(u.id, { date: '2023-08-31', thenVacant: true });
  t.match(vacancy, { vacancy: true, tenant: null, moveIn: '2023-09-01', moveOut: null });
  props.moveIn(u.id, { date: '2023-10-16', tenant: 'C' });
  t.same(
    props.tenancies(u.id).map((x) => [x.tenant, x.moveIn, x.moveOut]),
    [
      ['A', '2023-01-01', '2023-03-14'],
      ['B', '2023-03-15', '2023-08-31'],
      [null, '2023-09-01', '2023-10-15'],
      ['C', '2023-10-16', null],
    ],
  );
  t.throws(() => props.moveOut(u.id, { date: '2023-02-30' }), { code: 'INPUT_INVALID', message: /date must be a calendar date/ });
  t.throws(() => props.moveOut(9999, { date: '2023-02-01' }), { code: 'UNIT_NOT_FOUND' });
});

t.test('meters: master data checks, one meter per position at a time, a swap is two segments', async (t) => {
  const { props } = openStores(t);
  const p = props.createProperty({ name: 'Hauptstr. 1', dueDate: '12-31' });
  const other = props.createProperty({ name: 'Nebenstr. 2', dueDate: '06-30' });
  const u = props.createUnit(p.id, { name: 'EG', areaM2: 80 });
  const hca = props.createMeter(p.id, { kind: 'hcaElectronic', manufacturer: 'QDS', radioId: '78563412', room: 'Bad', hcaScale: 'unit', kq: 1.2, kc: 1 });
  t.match(hca, { resetsAtDueDate: true, dueDate: '12-31', kq: 1.2 }, 'electronic HCAs reset at the property due date by default');
  const evap = props.createMeter(p.id, { kind: 'hcaEvaporative', room: 'Küche' });
  t.match(evap, { manufacturer: null, resetsAtDueDate: true }, 'a fresh ampoule at every main reading');
  t.throws(() => props.createMeter(p.id, { kind: 'warmWater' }), { code: 'INPUT_INVALID', message: /radio address/ });
  t.throws(() => props.createMeter(p.id, { kind: 'warmWater', manufacturer: 'QDS', radioId: '78563412' }), { code: 'METER_DUPLICATE' });
  t.throws(() => props.createMeter(p.id, { kind: 'coldWater', manufacturer: 'ABC', radioId: '1', kq: 2 }), { code: 'INPUT_INVALID' });
  t.throws(() => props.createMeter(p.id, { kind: 'gas' as never, manufacturer: 'ABC', radioId: '00000001' }), { code: 'INPUT_INVALID' });
  const w1 = props.createMeter(p.id, { kind: 'warmWater', manufacturer: 'ABC', radioId: '00000001' });
  const w2 = props.createMeter(p.id, { kind: 'warmWater', manufacturer: 'ABC', radioId: '00000002' });
  const foreign = props.createMeter(other.id, { kind: 'warmWater', manufacturer: 'ABC', radioId: '00000003' });

  props.assignMeter(u.id, { meterId: w1.id, position: 'Bad WW', installed: '2022-12-31' });
  t.throws(() => props.assignMeter(u.id, { meterId: w2.id, position: 'Bad WW', installed: '2023-02-01' }), { code: 'ASSIGNMENT_CONFLICT' });
  t.throws(() => props.assignMeter(u.id, { meterId: foreign.id, position: 'Küche WW', installed: '2023-02-01' }), { code: 'INPUT_INVALID', message: /property/ });
  t.throws(() => props.swapMeter(u.id, { position: 'Bad WW', date: '2022-12-31', newMeterId: w2.id }), { code: 'INPUT_INVALID' }, 'removal must follow installation');
  const swap = props.swapMeter(u.id, { position: 'Bad WW', date: '2023-06-30', newMeterId: w2.id });
  t.match(swap, { removed: { meterId: w1.id, removed: '2023-06-30' }, installed: { meterId: w2.id, installed: '2023-06-30', removed: null } });
  t.throws(() => props.assignMeter(u.id, { meterId: w1.id, position: 'Küche WW', installed: '2023-06-01' }), { code: 'ASSIGNMENT_CONFLICT' }, 'w1 was still at Bad WW then');
  props.assignMeter(u.id, { meterId: w1.id, position: 'Küche WW', installed: '2023-07-01' });
  t.same(
    props.assignmentsOfUnit(u.id).map((a) => [a.position, a.meterId, a.installed, a.removed]),
    [
      ['Bad WW', w1.id, '2022-12-31', '2023-06-30'],
      ['Bad WW', w2.id, '2023-06-30', null],
      ['Küche WW', w1.id, '2023-07-01', null],
    ],
  );
  t.throws(() => props.createProperty({ name: 'x', dueDate: '02-29' }), { code: 'INPUT_INVALID' });
  t.throws(() => props.createProperty({ name: 'x', dueDate: '12-31', degreeDayTable: 'nope' }), { code: 'INPUT_INVALID' });
});
