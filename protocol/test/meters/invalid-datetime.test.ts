/**
 * Date-times the meter marks invalid (IV bit of a type F or I time point, EN 13757-3 Annex A): the record
 * layer shows what the bytes encode with `invalid: true`; driver fields, the reading view (meter time,
 * due date, history dates) and profile dates never use them. Fixtures: relhca/MyRelHCA and
 * waterstarm/water (shared corpus, wmbusmeters cases), whose clocks carry the IV bit.
 */
import t from 'tap';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDateTimeF, decodeDateTimeI, timePointInvalid } from '../../src/wmbus/dates.js';
import { decodeTelegram } from '../../src/wmbus/decode.js';
import { parseRecords } from '../../src/wmbus/records.js';
import type { DataRecord } from '../../src/wmbus/types.js';
import { interpret } from '../../src/meters/interpret.js';
import { buildReadingView } from '../../src/meters/reading.js';
import { validTimePoint } from '../../src/meters/record.js';
import { DEFAULT_REGISTRY } from '../../src/meters/registry.js';
import { dataRecordSchema } from '../../src/mqtt/payloads/uplink.js';
import { fromHex } from '../../src/util/hex.js';
import { FIXTURES_DIR, loadTelegramFixtures } from '../../src/tools/fixtures.js';

const fixturesDir = join(FIXTURES_DIR, 'telegrams');

function read(file: string, formats = DEFAULT_REGISTRY.compactFormatStore()) {
  const [fx] = loadTelegramFixtures(file);
  const key = fx!.key;
  let last;
  for (const raw of fx!.telegrams) last = decodeTelegram(raw, { key, compactFormats: formats });
  return { fx: fx!, decoded: last!, result: interpret(last!, DEFAULT_REGISTRY, { key }) };
}

t.test('type F and I: the IV bit is reported; the fields are read on request', async (t) => {
  // 9C 02 17 32: minute 28 with bit 7 (IV) set, hour 2, day 23, month 2, year 24.
  t.equal(decodeDateTimeF(fromHex('9C021732'), 0), null, 'a valid clock is not claimed');
  t.equal(decodeDateTimeF(fromHex('9C021732'), 0, true), '2024-02-23T02:28');
  t.ok(timePointInvalid(fromHex('9C021732'), 0, 4));
  t.notOk(timePointInvalid(fromHex('1C021732'), 0, 4));
  // Type I: the IV bit is bit 7 of the minute, the second byte.
  t.equal(decodeDateTimeI(fromHex('0C880AF42500'), 0), null);
  t.equal(decodeDateTimeI(fromHex('0C880AF42500'), 0, true), '2023-05-20T10:08:12');
  t.ok(timePointInvalid(fromHex('0C880AF42500'), 0, 6));
  t.notOk(timePointInvalid(fromHex('5F2C'), 0, 2), 'type G has no IV bit');
});

t.test('record layer: encoded value plus invalid flag; valid clocks carry no flag', async (t) => {
  const [bad, good] = parseRecords(fromHex('046D9C021732046D1C021732')).records;
  t.equal(bad!.value, '2024-02-23T02:28');
  t.equal(bad!.unit, 'datetime');
  t.equal(bad!.invalid, true);
  t.equal(validTimePoint(bad!), undefined);
  t.equal(good!.value, '2024-02-23T02:28');
  t.notOk('invalid' in good!, 'no flag on a valid clock');
  t.equal(validTimePoint(good!), '2024-02-23T02:28');
});

t.test('relhca/MyRelHCA: the clock record is flagged, the field and the reading view have no meter time', async (t) => {
  const { fx, result } = read(join(fixturesDir, 'relhca/MyRelHCA.json'));
  const clock = result.records.find((r) => r.header === '046D')!;
  t.equal(clock.invalid, true);
  t.equal((clock.value as string).replace('T', ' '), fx.expected!.meter_datetime, 'the bytes say what the reference prints');
  t.same(result.fields.find((f) => f.name === 'meter_datetime'), { name: 'meter_datetime', value: null, unit: 'datetime', storage: 0 });
  t.equal(result.reading.meterTime, undefined);
  t.equal(result.reading.current?.at, undefined);
  t.equal(result.reading.dueDate?.date, '2023-12-31', 'the valid set date is still used');
});

t.test('waterstarm/water: no history dates derived from an invalid clock', async (t) => {
  const { result } = read(join(fixturesDir, 'waterstarm/water.json'));
  t.ok(result.records.some((r) => r.quantity === 'datetime' && r.invalid), 'clock flagged');
  t.ok(result.records.filter((r) => r.quantity === 'volume' && r.storage >= 2 && r.storage <= 16).length > 0, 'monthly values present');
  t.same(result.reading.history, [], 'no month-end dates from an invalid clock');
  t.equal(result.reading.meterTime, undefined);
});

t.test('reading view: an invalid date-time at a storage gives no due date', async (t) => {
  const base = { offset: 0, length: 0, header: '', data: '', tariff: 0, subunit: 0, function: 'instantaneous' as const, description: '' };
  const records: DataRecord[] = [
    { ...base, storage: 1, quantity: 'volume', value: 12.5, unit: 'm3' },
    { ...base, storage: 1, quantity: 'datetime', value: '2024-12-31T23:59', unit: 'datetime', invalid: true },
  ];
  const decoded = decodeTelegram(loadTelegramFixtures(join(fixturesDir, 'relhca/MyRelHCA.json'))[0]!.telegrams[0]!);
  const view = buildReadingView(decoded, records, 'water');
  t.equal(view.dueDate, undefined);
  records[1]!.invalid = undefined;
  t.equal(buildReadingView(decoded, records, 'water').dueDate?.date, '2024-12-31', 'the same record, valid, dates the due value');
});

t.test('no fixture: a reading view date or a field comes from an invalid record', async (t) => {
  let flagged = 0;
  for (const dir of readdirSync(fixturesDir).sort()) {
    if (!statSync(join(fixturesDir, dir)).isDirectory()) continue;
    const formats = DEFAULT_REGISTRY.compactFormatStore();
    for (const f of readdirSync(join(fixturesDir, dir)).filter((x) => x.endsWith('.json')).sort()) {
      const { result } = read(join(fixturesDir, dir, f), formats);
      const bad = new Set(result.records.filter((r) => r.invalid && typeof r.value === 'string').map((r) => r.value as string));
      if (!bad.size) continue;
      flagged++;
      const used = [
        result.reading.meterTime,
        result.reading.current?.at,
        result.reading.dueDate?.date,
        ...result.reading.history.map((h) => h.date),
        ...result.fields.map((x) => x.value),
      ].filter((v): v is string => typeof v === 'string');
      for (const v of used) t.notOk([...bad].some((b) => b === v || b.startsWith(`${v}T`)), `${dir}/${f}: ${v} does not come from an invalid record`);
    }
  }
  t.ok(flagged >= 4, `fixtures with invalid clocks checked: ${flagged}`);
});

t.test('the uplink record schema keeps the flag (an older reader drops unknown keys)', async (t) => {
  const [bad] = parseRecords(fromHex('046D9C021732')).records;
  const wire = dataRecordSchema.write(bad!, 'wire');
  t.equal(dataRecordSchema.read(wire, '', 'wire').invalid, true);
});
