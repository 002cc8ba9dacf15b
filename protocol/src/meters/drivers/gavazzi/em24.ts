import type { MeterDriver } from '../../types.js';

const CORRECTION_FACTOR =
  'VIFE 75 after the reactive-energy VIF (FB 82) is the multiplicative correction factor 10^-1 (EN 13757-3 Table 15, E111 0nnn = 10^(nnn-6)); we apply it (0.1 kvarh counts, like the 0.1 kWh active energy), the reference drops it and reads ten times the value';
/** Apparent energy is not in the telegram: the reference computes it as √(P² + Q²) of the two totals. */
const CALCULATED_APPARENT =
  'the meter sends no apparent energy; the reference calculates it as sqrt(P^2 + Q^2) of the active and reactive totals (wmbusmeters/wmbusmeters: drivers/src/em24.xmq, calculate), which is not the apparent energy unless the power factor never changed; not read';

/**
 * Carlo Gavazzi EM24 three-phase electricity meter (wM-Bus): active energy import/export, reactive energy
 * import/export, power, phase voltages and currents, frequency, and overflow error bits.
 * Record meanings, error bits and compact format: wmbusmeters/wmbusmeters: drivers/src/em24.xmq.
 */
export const em24: MeterDriver = {
  name: 'em24',
  description: 'Carlo Gavazzi EM24 electricity meter',
  manufacturerName: 'Carlo Gavazzi',
  kind: 'electricity',
  detect: [
    { manufacturer: 'KAM', version: 0x33, deviceType: 0x02 },
    { manufacturer: 'GAV', version: 0x00, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, modifiers: ['backward flow'] } },
    { name: 'total_reactive_energy_consumption', match: { header: '04FB8275' } },
    { name: 'total_reactive_energy_production', match: { header: '04FB82F53C' } },
    { name: 'power', match: { quantity: 'power', storage: 0 } },
    { name: 'reactive_power', match: { quantity: 'reactive_power', plain: true } },
    { name: 'voltage_l1', match: { quantity: 'voltage', modifiers: ['at phase L1'] } },
    { name: 'voltage_l2', match: { quantity: 'voltage', modifiers: ['at phase L2'] } },
    { name: 'voltage_l3', match: { quantity: 'voltage', modifiers: ['at phase L3'] } },
    { name: 'current_l1', match: { quantity: 'current', modifiers: ['at phase L1'] } },
    { name: 'current_l2', match: { quantity: 'current', modifiers: ['at phase L2'] } },
    { name: 'current_l3', match: { quantity: 'current', modifiers: ['at phase L3'] } },
    { name: 'frequency', match: { quantity: 'frequency' } },
  ],
  status: [
    {
      source: { quantity: 'error_flags', storage: 0 },
      bits: {
        0x01: { flag: 'error', text: 'V_1_OVERFLOW' },
        0x02: { flag: 'error', text: 'V_2_OVERFLOW' },
        // The reference names 0x04 V_2_OVERFLOW a second time; in the sequence of bits it is phase 3.
        0x04: { flag: 'error', text: 'V_3_OVERFLOW' },
        0x08: { flag: 'error', text: 'I_1_OVERFLOW' },
        0x10: { flag: 'error', text: 'I_2_OVERFLOW' },
        0x20: { flag: 'error', text: 'I_3_OVERFLOW' },
        0x40: { flag: 'error', text: 'FREQUENCY' },
      },
    },
  ],
  compactFormats: ['040504FB827504853C04FB82F53C01FD17'],
  fixtures: ['em24/'],
  deviations: {
    'em24/Elen.json': {
      total_reactive_energy_consumption_kvarh: CORRECTION_FACTOR,
      total_reactive_energy_production_kvarh: CORRECTION_FACTOR,
      total_apparent_energy_consumption_kvah: CALCULATED_APPARENT,
      total_apparent_energy_production_kvah: CALCULATED_APPARENT,
    },
    'em24/Elen2.json': { total_apparent_energy_consumption_kvah: CALCULATED_APPARENT },
    'em24/Elen2_2.json': { total_apparent_energy_consumption_kvah: CALCULATED_APPARENT },
  },
};
