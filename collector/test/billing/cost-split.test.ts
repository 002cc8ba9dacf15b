// HeizkostenV §§ 7–9 cost split, § 9b time split and money rounding: worked examples T2, T3, T4, T6, T9
// of billing-domain.md § 10.
import t from 'tap';
import { splitByTime, splitByWeights, splitFixedAndConsumption } from '../../src/billing/cost-split.js';
import { DEGREE_DAY_TABLES } from '../../src/billing/degree-days.js';
import { billTotal, includedVat, roundingDifference, roundToCents, settle, truncateToCents } from '../../src/billing/money.js';
import {
  DEFAULT_NET_CALORIFIC_VALUES,
  adjustWarmWaterHeat,
  fuelForWarmWater,
  splitWarmWaterCosts,
  warmWaterHeatFromArea,
  warmWaterHeatFromVolume,
} from '../../src/billing/warm-water-heat.js';
import { near } from './near.js';

const year2023 = { first: '2023-01-01', last: '2023-12-31' };

t.test('T2: fixed heating costs by degree days, change on 15 March [IMMOSW-GTZ]', async (t) => {
  const unit = roundToCents(splitByWeights(620.59, [{ id: 'flat', weight: 60 }, { id: 'rest', weight: 140 }]).get('flat')!);
  t.equal(unit, 186.18, '620.59 / 200 × 60');
  const users = [
    { id: 'predecessor', first: '2023-01-01', last: '2023-03-14' },
    { id: 'successor', first: '2023-03-15', last: '2023-12-31' },
  ];
  const immosw = splitByTime(unit, users, year2023, 'degreeDays', DEGREE_DAY_TABLES.immobilienSoftware);
  t.equal(roundToCents(immosw.get('predecessor')!), 70.51);
  t.equal(roundToCents(immosw.get('successor')!), 115.67);
  const exact = splitByTime(unit, users, year2023, 'degreeDays');
  t.equal(roundToCents(exact.get('predecessor')!), 70.51, 'exact fractions give the same cents (derived)');
  t.equal(roundToCents(exact.get('successor')!), 115.67);
});

t.test('T4: warm-water fixed costs by days, 2023 and leap year 2024', async (t) => {
  const split = splitByTime(120, [
    { id: 'A', first: '2023-01-01', last: '2023-03-14' },
    { id: 'B', first: '2023-03-15', last: '2023-12-31' },
  ], year2023, 'days');
  near(t, split.get('A')!, 24.0, 1e-9, 'A 120 × 73/365');
  near(t, split.get('B')!, 96.0, 1e-9, 'B');
  const leap = splitByTime(120, [
    { id: 'A', first: '2024-01-01', last: '2024-03-14' },
    { id: 'B', first: '2024-03-15', last: '2024-12-31' },
  ], { first: '2024-01-01', last: '2024-12-31' }, 'days');
  t.equal(roundToCents(leap.get('A')!), 24.26, '120 × 74/366');
  t.equal(roundToCents(leap.get('B')!), 95.74, '120 × 292/366');
});

t.test('T9: ratios are never rounded before multiplying [MISTERCHECK]', async (t) => {
  const split = splitByTime(1800, [
    { id: 'before', first: '2023-01-01', last: '2023-07-31' },
    { id: 'after', first: '2023-08-01', last: '2023-12-31' },
  ], year2023, 'days');
  t.equal(roundToCents(split.get('after')!), 754.52, '1800 × 153/365, not 754.20 from 41.9 %');
  t.equal(roundToCents(split.get('before')!), 1045.48, '1800 × 212/365, not 1,045.80');
});

t.test('T3: single-tenant bill 2022, per-line rounding [SEED-CASAMETA]', async (t) => {
  const lines = [273.9886, 496.0139, 51.9634, 269.6002];
  t.equal(billTotal(lines, 'roundEachLine'), 1091.56, '273.99 + 496.01 + 51.96 + 269.60');
  t.equal(billTotal(lines, 'truncateSum'), 1091.56, 'truncation also gives 1,091.56');
  t.equal(billTotal(lines, 'roundSum'), 1091.57, 'rounding the 4-decimal sum 1,091.5661 differs (§ 11.9)');
  t.equal(includedVat(1091.56, 19), 174.28, 'VAT 19 % contained');
  t.same(settle(1091.56, 800), { balance: 291.56, kind: 'Nachzahlung' });
  t.equal(roundingDifference(3055.8, [3055.79]), 0.01, 'building overview rounding difference');
});

t.test('§§ 7/8: consumption share 50–70 %, rest by area', async (t) => {
  // Hand-computed: 1,000 € heating, 70 % by consumption; units 60/40 m², 300/700 kWh.
  const shares = splitFixedAndConsumption({
    kind: 'heating',
    cost: 1000,
    consumptionShare: 0.7,
    periodStart: '2023-01-01',
    units: [
      { id: 'a', fixedKey: 60, consumption: 300 },
      { id: 'b', fixedKey: 40, consumption: 700 },
    ],
  });
  near(t, shares[0].fixedPart, 180, 1e-9, 'a: 300 € × 60 %');
  near(t, shares[0].consumptionPart, 210, 1e-9, 'a: 700 € × 30 %');
  near(t, shares[1].total, 610, 1e-9, 'b: 120 + 490');
  const base = { kind: 'warmWater' as const, cost: 100, periodStart: '2023-01-01', units: [{ id: 'a', fixedKey: 1, consumption: 1 }] };
  t.throws(() => splitFixedAndConsumption({ ...base, consumptionShare: 0.8 }), { code: 'VALUE_INVALID' }, '80 % outside 50–70 %');
  t.throws(() => splitFixedAndConsumption({ ...base, consumptionShare: 0.4 }), { code: 'VALUE_INVALID' });
  t.doesNotThrow(() => splitFixedAndConsumption({ ...base, consumptionShare: 0.8, allowAboveMaximum: true }), '§ 10 contracts above 70 %');
  t.throws(() => splitByWeights(10, [{ id: 'a', weight: 0 }]), { code: 'VALUE_INVALID' });
});

t.test('T6: § 9 warm-water heat by formula [HAUFE-9-F]', async (t) => {
  const q = warmWaterHeatFromVolume(47.2, '2023-01-01');
  near(t, q, 5900, 1e-9, 'Q = 2.5 × 47.2 × (60 − 10)');
  const haufe = splitWarmWaterCosts({ totalCost: 3253.5, totalEnergyKwh: 34000, warmWaterEnergyKwh: q, sharePercentDecimals: 2 });
  near(t, haufe.share, 0.1735, 1e-12, 'Haufe rounds the share to 17.35 %');
  t.equal(roundToCents(haufe.warmWaterCost), 564.48, 'Haufe: 564.48 €');
  const exact = splitWarmWaterCosts({ totalCost: 3253.5, totalEnergyKwh: 34000, warmWaterEnergyKwh: q });
  t.equal(roundToCents(exact.warmWaterCost), 564.58, 'unrounded share 17.3529 %');
  t.equal(roundToCents(exact.heatingCost), 2688.92, 'heating gets the rest (derived: 3253.50 − 564.58)');
  near(t, fuelForWarmWater(q, DEFAULT_NET_CALORIFIC_VALUES.heatingOilEL.value), 590, 1e-9, 'B = 5900 / 10 = 590 l');
});

t.test('§ 9 correction factors and area formula are versioned', async (t) => {
  near(t, warmWaterHeatFromArea(100, '2023-01-01'), 3200, 1e-9, '32 kWh/m² × 100 m²');
  near(t, warmWaterHeatFromArea(100, '2023-01-01', 73, 365), 640, 1e-9, 'pro rata');
  near(t, adjustWarmWaterHeat(1000, '2023-01-01', { gasGrossCalorific: true }), 1110, 1e-9, '× 1.11');
  near(t, adjustWarmWaterHeat(1150, '2023-01-01', { commercialHeat: true }), 1000, 1e-9, '÷ 1.15');
  near(t, adjustWarmWaterHeat(1000, '2024-10-01', { monovalentHeatPump: true }), 300, 1e-9, '× 0.30 from 01.10.2024');
  t.throws(() => adjustWarmWaterHeat(1000, '2024-09-30', { monovalentHeatPump: true }), { code: 'PARAMETER_UNKNOWN' }, 'no factor before');
  t.throws(() => warmWaterHeatFromVolume(-1, '2023-01-01'), { code: 'VALUE_INVALID' });
});

t.test('cent rounding is symmetric and survives binary fractions', async (t) => {
  t.equal(roundToCents(1.005), 1.01);
  t.equal(roundToCents(-1.005), -1.01);
  t.equal(truncateToCents(1091.5661), 1091.56);
  t.throws(() => roundToCents(Number.NaN), { code: 'VALUE_INVALID' });
});
