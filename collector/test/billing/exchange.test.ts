// ARGE table E units and the consumption-service entry shape (billing-domain.md § 7.3 [ARGENET], § 8.2 [ARGE-CONS]).
import t from 'tap';
import { ARGE_UNITS, argeConsumption } from '../../src/billing/exchange.js';

t.test('table E codes', async (t) => {
  t.equal(ARGE_UNITS.m3, '003');
  t.equal(ARGE_UNITS.kWh, '005');
  t.equal(ARGE_UNITS.consumptionUnits, '030');
  t.equal(ARGE_UNITS.degreeDays, '044');
  t.equal(ARGE_UNITS.permilleShares, '045');
});

t.test('consumption entries by meter type and boundary kinds', async (t) => {
  t.same(argeConsumption('hca', 48, ['A', 'ZA']), { service: 'HEATING', unitofmeasure: 'HCU', amount: 48, converted: false, estimated: false, remarks: [] });
  t.match(argeConsumption('warmWater', 4.8, ['A', 'B']), { service: 'HOT_WATER', unitofmeasure: 'M3', estimated: false, remarks: ['PARTLY_ESTIMATED'] });
  t.match(argeConsumption('coldWater', 33, ['H3', 'H3']), { service: 'COLD_WATER', estimated: true, remarks: [] });
  t.match(argeConsumption('heat', 1, ['A', 'A'], ['IMPLAUSIBLE_VALUES']), { service: 'HEATING', unitofmeasure: 'KWH', remarks: ['IMPLAUSIBLE_VALUES'] });
  t.throws(() => argeConsumption('heat', Number.NaN, []), { code: 'VALUE_INVALID' });
});
