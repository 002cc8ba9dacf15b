/**
 * Field sets that many drivers share, like zwave-js' device templates: a driver spreads one into its
 * `fields` and adds what is particular to the meter.
 */
import type { FieldSpec, StatusBitMap } from './types.js';

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

/**
 * The error-flags record (FD17) of Innotas meters and their Aventies rebrands, the same bits in the HCA and
 * the water meter (wmbusmeters/wmbusmeters: drivers/src/eurisii.xmq, aventieshca.xmq, aventieswm.xmq).
 */
export const INNOTAS_ERROR_FLAGS: StatusBitMap = {
  source: { quantity: 'error_flags', storage: 0 },
  bits: {
    0x1: { flag: 'error', text: 'MEASUREMENT' },
    0x2: { flag: 'tamper', text: 'SABOTAGE' },
    0x4: { flag: 'battery_low', text: 'BATTERY' },
    0x8: { flag: 'error', text: 'CS' },
    0x10: { flag: 'error', text: 'HF' },
    0x20: { flag: 'error', text: 'RESET' },
  },
};
