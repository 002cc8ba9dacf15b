import type { MeterDriver } from '../../types.js';

/** EasyMeter (ESY) electricity meter radio module: import/export energy, tariffs, power per phase. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/esyswm.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. ETY,11,02: the corpus meters send this code. */
export const esyswm: MeterDriver = {
  name: 'esyswm',
  description: 'EasyMeter ESY wireless M-Bus module',
  manufacturerName: 'EasyMeter',
  kind: 'electricity',
  detect: [
    { manufacturer: 'ESY', version: 0x30, deviceType: 0x37 },
    { manufacturer: 'ESY', version: 0x11, deviceType: 0x02 },
    { manufacturer: 'ETY', version: 0x11, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'power_consumption', match: { quantity: 'power', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'power_production', match: { quantity: 'power', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
  ],
  fixtures: ['esyswm/'],
};
