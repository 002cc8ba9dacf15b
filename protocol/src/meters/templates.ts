/**
 * Field sets that many drivers share, like zwave-js' device templates: a driver spreads one into its
 * `fields` and adds what is particular to the meter.
 */
import type { FieldSpec } from './types.js';

/** An OMS heat meter's standard records: totals, instantaneous values, the set-date energy and its date. */
export const OMS_HEAT_METER_FIELDS: readonly FieldSpec[] = [
  { name: 'total_energy', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
  { name: 'total_volume', match: { quantity: 'volume', storage: 0, tariff: 0, subunit: 0 } },
  { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0, tariff: 0, function: 'instantaneous' } },
  { name: 'power', match: { quantity: 'power', storage: 0, tariff: 0, function: 'instantaneous' } },
  { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0, tariff: 0, function: 'instantaneous' } },
  { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0, tariff: 0, function: 'instantaneous' } },
  { name: 'target_energy', match: { quantity: 'energy', storage: 1, tariff: 0, subunit: 0, plain: true } },
  { name: 'target_date', match: { quantity: 'date', storage: 1 } },
  { name: 'meter_datetime', match: { quantity: ['datetime', 'date'], storage: 0, function: 'instantaneous' } },
];
