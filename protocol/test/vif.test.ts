/**
 * The frozen VIF/VIFE tables against EN 13757-3 (2018) tables 10, 12, 14, 15, 16 as summarised in
 * radio.md § 7.2, and against the shared unit vocabulary (../shared/corpus/README.md).
 */
import t from 'tap';
import { FIRST_EXTENSION_VIF } from '../src/wmbus/registries/vif-fb.js';
import { SECOND_EXTENSION_VIF } from '../src/wmbus/registries/vif-fd.js';
import { PRIMARY_VIF } from '../src/wmbus/registries/vif.js';
import { COMBINABLE_VIFE, COMBINABLE_VIFE_EXTENSION } from '../src/wmbus/registries/vife.js';
import type { VifInfo } from '../src/wmbus/registries/vif-info.js';

/** corpus/README.md units, plus date/datetime/text/raw of types.ts. */
const VOCABULARY = new Set([
  'Wh', 'J', 'm3', 'W', 'J/h', 'm3/h', 'm3/min', 'm3/s', '°C', '°F', 'K', 'HCA', 's', 'V', 'A', 'Hz', 'varh', 'VAh',
  'var', 'VA', 'bar', '%RH', '%', 'ppm', 'm3°C', 'count', '', 'date', 'datetime', 'text', 'raw',
]);
/** Quantities the standard has and the vocabulary lacks; documented in the tables. */
const OUTSIDE_VOCABULARY = new Set(['kg', 'kg/h', 'dBm']);

const scaled = (e: VifInfo | undefined): [string, string, number] => [e!.quantity, e!.unit, e!.multiplier / e!.divisor];

t.test('every table has 128 frozen entries with units from the vocabulary', async (t) => {
  for (const [name, table] of [
    ['primary', PRIMARY_VIF],
    ['FB', FIRST_EXTENSION_VIF],
    ['FD', SECOND_EXTENSION_VIF],
  ] as const) {
    t.equal(table.length, 128, name);
    t.ok(Object.isFrozen(table), `${name} frozen`);
    const bad = table.filter((e) => !e || !(VOCABULARY.has(e.unit) || OUTSIDE_VOCABULARY.has(e.unit)) || !Object.isFrozen(e));
    t.same(bad, [], `${name}: units in the vocabulary`);
  }
  t.equal(COMBINABLE_VIFE.length, 128);
  t.equal(COMBINABLE_VIFE_EXTENSION.length, 128);
  t.ok(Object.isFrozen(COMBINABLE_VIFE));
});

t.test('primary VIF ranges (radio.md § 7.2)', async (t) => {
  t.same(scaled(PRIMARY_VIF[0x00]), ['energy', 'Wh', 0.001]);
  t.same(scaled(PRIMARY_VIF[0x06]), ['energy', 'Wh', 1000]);
  t.same(scaled(PRIMARY_VIF[0x0e]), ['energy', 'J', 1e6]);
  t.same(scaled(PRIMARY_VIF[0x13]), ['volume', 'm3', 0.001]);
  t.same(scaled(PRIMARY_VIF[0x16]), ['volume', 'm3', 1]);
  t.same(scaled(PRIMARY_VIF[0x22]), ['on_time', 's', 3600]);
  t.same(scaled(PRIMARY_VIF[0x27]), ['operating_time', 's', 86400]);
  t.same(scaled(PRIMARY_VIF[0x2b]), ['power', 'W', 1]);
  t.same(scaled(PRIMARY_VIF[0x3b]), ['volume_flow', 'm3/h', 0.001]);
  t.same(scaled(PRIMARY_VIF[0x3e]), ['volume_flow', 'm3/h', 1]);
  t.same(scaled(PRIMARY_VIF[0x59]), ['flow_temperature', '°C', 0.01]);
  t.same(scaled(PRIMARY_VIF[0x5f]), ['return_temperature', '°C', 1]);
  t.same(scaled(PRIMARY_VIF[0x61]), ['temperature_difference', 'K', 0.01]);
  t.same(scaled(PRIMARY_VIF[0x67]), ['external_temperature', '°C', 1]);
  t.same(scaled(PRIMARY_VIF[0x68]), ['pressure', 'bar', 0.001]);
  t.same([PRIMARY_VIF[0x6c]!.unit, PRIMARY_VIF[0x6d]!.unit, PRIMARY_VIF[0x6e]!.unit], ['date', 'datetime', 'HCA']);
  t.same(scaled(PRIMARY_VIF[0x74]), ['actuality_duration', 's', 1]);
  t.equal(PRIMARY_VIF[0x78]!.quantity, 'fabrication_number');
  t.equal(PRIMARY_VIF[0x79]!.quantity, 'enhanced_identification');
});

t.test('measured quantities are signed, identifiers are not', async (t) => {
  t.equal(PRIMARY_VIF[0x5b]!.signed, true, 'flow temperature');
  t.equal(PRIMARY_VIF[0x2b]!.signed, true, 'power');
  t.equal(PRIMARY_VIF[0x78]!.signed, false, 'fabrication number');
  t.equal(SECOND_EXTENSION_VIF[0x17]!.signed, false, 'error flags');
  t.equal(SECOND_EXTENSION_VIF[0x08]!.signed, false, 'access number');
});

t.test('first extension table FB (EN 13757-3 table 14)', async (t) => {
  t.same(scaled(FIRST_EXTENSION_VIF[0x00]), ['energy', 'Wh', 1e5], '0.1 MWh');
  t.same(scaled(FIRST_EXTENSION_VIF[0x09]), ['energy', 'J', 1e9], '1 GJ');
  t.same(scaled(FIRST_EXTENSION_VIF[0x1a]), ['relative_humidity', '%RH', 0.1]);
  t.same(scaled(FIRST_EXTENSION_VIF[0x1b]), ['relative_humidity', '%RH', 1]);
  t.same(scaled(FIRST_EXTENSION_VIF[0x02]), ['reactive_energy', 'varh', 1000], 'kVARh');
  t.same(scaled(FIRST_EXTENSION_VIF[0x5b]), ['flow_temperature', '°F', 1]);
  t.same(scaled(FIRST_EXTENSION_VIF[0x74]), ['temperature_limit', '°C', 0.001]);
  t.equal(FIRST_EXTENSION_VIF[0x7f]!.quantity, 'cumulative_max_power');
});

t.test('second extension table FD (EN 13757-3 table 12, radio.md § 7.2)', async (t) => {
  const q = (code: number): string => SECOND_EXTENSION_VIF[code]!.quantity;
  t.same(
    [0x08, 0x0b, 0x0c, 0x0f, 0x10, 0x11, 0x17, 0x1b, 0x3a, 0x60, 0x61, 0x74].map(q),
    ['access_number', 'parameter_set', 'model_version', 'software_version', 'customer_location', 'customer',
      'error_flags', 'digital_input', 'dimensionless', 'reset_counter', 'cumulation_counter', 'remaining_battery_life'],
  );
  t.same(scaled(SECOND_EXTENSION_VIF[0x49]), ['voltage', 'V', 1], 'FD49 = 10^0 V');
  t.same(scaled(SECOND_EXTENSION_VIF[0x40]), ['voltage', 'V', 1e-9]);
  t.same(scaled(SECOND_EXTENSION_VIF[0x5c]), ['current', 'A', 1], 'FD5C = 10^0 A');
  t.same(scaled(SECOND_EXTENSION_VIF[0x74]), ['remaining_battery_life', 's', 86400], 'days');
  t.same(scaled(SECOND_EXTENSION_VIF[0x2e]), ['duration_since_readout', 's', 3600]);
  t.same(scaled(SECOND_EXTENSION_VIF[0x32]), ['tariff_duration', 's', 3600]);
  t.equal(SECOND_EXTENSION_VIF[0x70]!.unit, 'datetime', 'date/time of battery change');
});

t.test('combinable VIFEs (radio.md § 7.2)', async (t) => {
  const name = (code: number): string => COMBINABLE_VIFE[code]!.name;
  t.equal(name(0x3b), 'forward flow');
  t.equal(name(0x3c), 'backward flow');
  t.equal(name(0x39), 'start date/time of');
  t.equal(name(0x22), 'per hour');
  t.equal(name(0x7e), 'future value');
  t.equal(name(0x7f), 'manufacturer specific');
  t.equal(COMBINABLE_VIFE[0x70]!.factor, 1e-6);
  t.equal(COMBINABLE_VIFE[0x73]!.divisor, 1000);
  t.equal(COMBINABLE_VIFE[0x77]!.factor, 10);
  t.equal(COMBINABLE_VIFE_EXTENSION[0x01]!.name, 'at phase L1');
  t.equal(COMBINABLE_VIFE_EXTENSION[0x03]!.name, 'at phase L3');
  t.match(COMBINABLE_VIFE_EXTENSION[0x10]!.name, /accumulation of absolute value/);
  t.equal(name(0x15), 'error: no data available');
});
