import type { MeterDriver } from '../../types.js';
import { remapRecords, type RemapRule } from '../../remap.js';

/**
 * Schneider Electric iEM3000 series electricity meters (iEM3135/3235/3335...). Subunit 1 carries reactive
 * energy, subunits 1/2 reactive/apparent power; manufacturer VIFE 01..03 after a standard VIF select phase
 * L1..L3, 09 export, 0D partial; FF-VIFs carry frequency, power factor, pulse output and wiring settings.
 * Facts: wmbusmeters/wmbusmeters: drivers/src/iem3000.xmq.
 */
const IEM3000_VIFS: readonly RemapRule[] = [
  { vif: '', from: 'energy', subunit: 1, quantity: 'reactive_energy', description: 'Reactive energy', unit: 'varh' },
  { vif: '', from: 'power', subunit: 1, quantity: 'reactive_power', description: 'Reactive power', unit: 'var' },
  { vif: '', from: 'power', subunit: 2, quantity: 'apparent_power', description: 'Apparent power', unit: 'VA' },
  { vif: 'FF0A', quantity: 'power_factor', description: 'Power factor', unit: '' },
  { vif: 'FF0B', quantity: 'frequency', description: 'Frequency', unit: 'Hz' },
  { vif: 'FF10', quantity: 'active_tariff', description: 'Active tariff', unit: '' },
  { vif: 'FF20', quantity: 'operating_time', description: 'Operating time', unit: 's' },
  { vif: 'FF21', quantity: 'phases', description: 'Number of phases', unit: 'count' },
  { vif: 'FF22', quantity: 'wires', description: 'Number of wires', unit: 'count' },
  { vif: 'FF24', quantity: 'nominal_frequency', description: 'Nominal frequency', unit: 'Hz' },
  { vif: 'FF25', quantity: 'voltage_transformers', description: 'Number of VTs', unit: 'count' },
  { vif: 'FF26', quantity: 'vt_primary', description: 'VT primary', unit: '' },
  { vif: 'FF27', quantity: 'vt_secondary', description: 'VT secondary', unit: '' },
  { vif: 'FF28', quantity: 'current_transformers', description: 'Number of CTs', unit: 'count' },
  { vif: 'FF29', quantity: 'ct_primary', description: 'CT primary', unit: '' },
  { vif: 'FF2A', quantity: 'ct_secondary', description: 'CT secondary', unit: '' },
  { vif: 'FF2B', quantity: 'vt_connection_type', description: 'VT connection type', unit: '' },
  { vif: 'FF2C', quantity: 'pulse_duration', description: 'Pulse output duration', unit: '' },
  { vif: 'FF2E', quantity: 'pulse_weight', description: 'Pulse input weight', unit: '' },
  { vif: 'FF2F', quantity: 'pulse_constant', description: 'Pulse output constant', unit: '' },
  { vif: 'FF35', quantity: 'pickup_setpoint', description: 'Overload alarm pickup setpoint', unit: '' },
  { vif: 'FF3A', quantity: 'last_alarm', description: 'Last alarm number', unit: '' },
];

export const iem3000: MeterDriver = {
  name: 'iem3000',
  description: 'Schneider Electric iEM3000 series electricity meter',
  manufacturerName: 'Schneider Electric',
  kind: 'electricity',
  detect: [
    { manufacturer: 'SEC', version: 0x13, deviceType: 0x02 },
    { manufacturer: 'SEC', version: 0x15, deviceType: 0x02 },
    { manufacturer: 'SEC', version: 0x18, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', subunit: 0, modifiers: ['manufacturer VIFE 09'] } },
    { name: 'partial_energy_consumption', match: { quantity: 'energy', subunit: 0, modifiers: ['manufacturer VIFE 0D'] } },
    { name: 'total_reactive_energy_consumption', match: { quantity: 'reactive_energy', plain: true } },
    { name: 'total_reactive_energy_production', match: { quantity: 'reactive_energy', modifiers: ['manufacturer VIFE 09'] } },
    { name: 'active_power', match: { quantity: 'power', subunit: 0, plain: true } },
    { name: 'reactive_power', match: { quantity: 'reactive_power' } },
    { name: 'apparent_power', match: { quantity: 'apparent_power' } },
    { name: 'frequency', match: { quantity: 'frequency' } },
    { name: 'power_factor', match: { quantity: 'power_factor' } },
    { name: 'operating_time', match: { quantity: 'operating_time', header: '06FF20' } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0, plain: true } },
  ],
  decode: (t) => ({ records: remapRecords(t.records, IEM3000_VIFS) }),
  fixtures: ['iem3000/S2_1.json', 'iem3000/S2_2.json', 'iem3000/S3_1.json', 'iem3000/S3_2.json', 'iem3000/S4_1.json', 'iem3000/S4_2.json', 'iem3000/Schneider1.json', 'iem3000/Schneider2.json', 'iem3000/Schneider3.json'],
};
