import type { MeterDriver } from '../../types.js';
import { remapRecords, type RemapRule } from '../../remap.js';

/**
 * IME (Conto D4 / Nemo-series) three-phase electricity meter. Everything is in manufacturer VIFs (FF 8x ..)
 * with fixed scales; the DIFE tariff/subunit bits select total, tariff 1/2, partial and phase L1..L3.
 * Facts (VIF meanings and scales): wmbusmeters/wmbusmeters: drivers/src/ime.xmq.
 */
const IME_VIFS: readonly RemapRule[] = [
  { vif: 'FF80843B', quantity: 'energy', description: 'Active energy, import', unit: 'Wh', factor: 10 },
  { vif: 'FF80843C', quantity: 'energy_export', description: 'Active energy, export', unit: 'Wh', factor: 10 },
  { vif: 'FF81843B', quantity: 'reactive_energy', description: 'Reactive energy, import', unit: 'varh', factor: 10 },
  { vif: 'FF81843C', quantity: 'reactive_energy_export', description: 'Reactive energy, export', unit: 'varh', factor: 10 },
  { vif: 'FF842B', quantity: 'power', description: 'Active power', unit: 'W' },
  { vif: 'FF852B', quantity: 'reactive_power', description: 'Reactive power', unit: 'var' },
  { vif: 'FF862B', quantity: 'apparent_power', description: 'Apparent power', unit: 'VA' },
  { vif: 'FF8748', quantity: 'voltage', description: 'Voltage phase to neutral', unit: 'V', factor: 0.1 },
  { vif: 'FF8848', quantity: 'voltage_phase_to_phase', description: 'Voltage phase to phase', unit: 'V', factor: 0.1 },
  { vif: 'FF8959', quantity: 'current', description: 'Current', unit: 'A', factor: 0.001 },
  { vif: 'FF8A48', quantity: 'frequency', description: 'Frequency', unit: 'Hz', factor: 0.1 },
  { vif: 'FF8B28', quantity: 'power_factor', description: 'Three-phase power factor', unit: '', factor: 0.001 },
  { vif: 'FF8C2B', quantity: 'power_factor_sector', description: 'Power factor sector', unit: '' },
  { vif: 'FF8D2B', quantity: 'power_demand', description: 'Total active power demand', unit: 'W' },
  { vif: 'FF8E2B', quantity: 'max_power_demand', description: 'Maximum active power demand', unit: 'W' },
  { vif: 'FF8F21', quantity: 'run_time', description: 'Run hour meter', unit: 's', factor: 60 },
  { vif: 'FF9029', quantity: 'pulse_input', description: 'Pulse input', unit: 'count' },
];

export const ime: MeterDriver = {
  name: 'ime',
  description: 'IME three-phase electricity meter (wireless M-Bus)',
  manufacturerName: 'IME',
  kind: 'electricity',
  detect: [{ manufacturer: 'IME', version: 0x66, deviceType: 0x02 }],
  fields: [
    // Tariff numbers as the DIFEs give them: 5 total, 1/2 tariffs, 6 partial; 7 three-phase, 8..10 phases L1..L3.
    { name: 'total_active_energy', match: { quantity: 'energy', tariff: 5 } },
    { name: 'total_active_energy_export', match: { quantity: 'energy_export', tariff: 5 } },
    { name: 'tariff1_active_energy', match: { quantity: 'energy', tariff: 1 } },
    { name: 'tariff2_active_energy', match: { quantity: 'energy', tariff: 2 } },
    { name: 'partial_active_energy', match: { quantity: 'energy', tariff: 6 } },
    { name: 'total_reactive_energy', match: { quantity: 'reactive_energy', tariff: 5 } },
    { name: 'three_phase_active_power', match: { quantity: 'power', tariff: 7 } },
    { name: 'voltage_l1_n', match: { quantity: 'voltage', tariff: 8 } },
    { name: 'voltage_l2_n', match: { quantity: 'voltage', tariff: 9 } },
    { name: 'voltage_l3_n', match: { quantity: 'voltage', tariff: 10 } },
    { name: 'current_l1', match: { quantity: 'current', tariff: 8 } },
    { name: 'current_l2', match: { quantity: 'current', tariff: 9 } },
    { name: 'current_l3', match: { quantity: 'current', tariff: 10 } },
    { name: 'frequency', match: { quantity: 'frequency' } },
    { name: 'power_factor', match: { quantity: 'power_factor' } },
    { name: 'run_time_total', match: { quantity: 'run_time', tariff: 7 } },
  ],
  decode: (t) => ({ records: remapRecords(t.records, IME_VIFS) }),
  fixtures: ['ime/'],
};
