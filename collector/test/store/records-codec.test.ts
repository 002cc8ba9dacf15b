/** The stored form of records loses nothing: every fixture's interpreted records survive the round trip. */
import t from 'tap';
import { decodeTelegram, interpret, CompactFormatStore, DEFAULT_REGISTRY, type DataRecord } from '@wmbus/protocol';
import { decodeRecords, encodeRecords } from '../../src/store/index.js';
import { allFixtures } from '../ingest/helpers.js';

t.test('encodeRecords → decodeRecords is the identity over the records of every fixture', async (t) => {
  let telegrams = 0;
  let records = 0;
  const withExtras = new Set<string>();
  for (const fx of allFixtures()) {
    const formats = new CompactFormatStore();
    for (const bytes of fx.telegrams) {
      let list: DataRecord[];
      try {
        list = interpret(decodeTelegram(bytes, { key: fx.key, compactFormats: formats }), DEFAULT_REGISTRY).records;
      } catch {
        continue;
      }
      const stored = encodeRecords(list);
      t.strictSame(decodeRecords(stored), JSON.parse(JSON.stringify(list)), fx.file);
      for (const r of list) for (const k of Object.keys(r)) if (['modifiers', 'plainTextUnit', 'source'].includes(k)) withExtras.add(k);
      telegrams++;
      records += list.length;
    }
  }
  t.ok(telegrams > 150 && records > 1000, `${telegrams} telegrams, ${records} records`);
  t.ok(withExtras.has('modifiers') && withExtras.has('source'), `optional fields covered: ${[...withExtras].join(', ')}`);
});

t.test('the stored form is about half the size of plain JSON', async (t) => {
  const r: DataRecord = { offset: 5, length: 6, header: '0413', data: '08190000', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous', quantity: 'volume', description: 'Volume', value: 6.408, unit: 'm3' };
  const plain = JSON.stringify([r, r, r]).length;
  const stored = encodeRecords([r, r, r]).length;
  t.ok(stored < plain * 0.6, `${stored} vs ${plain} bytes`);
  t.strictSame(decodeRecords('[]'), []);
});
