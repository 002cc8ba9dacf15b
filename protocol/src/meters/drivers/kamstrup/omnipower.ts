import type { MeterDriver } from '../../types.js';

/** Kamstrup OMNIPOWER electricity meter: imported/exported energy and power. wmbusmeters: drivers/src/omnipower.xmq. */
export const omnipower: MeterDriver = {
  name: 'omnipower',
  description: 'Kamstrup OMNIPOWER electricity meter',
  manufacturerName: 'Kamstrup',
  kind: 'electricity',
  detect: [{ manufacturer: 'KAM', version: 0x30, deviceType: 0x02 }],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, modifiers: ['backward flow'] } },
    { name: 'power_consumption', match: { quantity: 'power', storage: 0, plain: true } },
    { name: 'power_production', match: { quantity: 'power', storage: 0, modifiers: ['backward flow'] } },
  ],
  fixtures: ['omnipower/'],
};
