import type { MeterDriver } from '../../types.js';

/**
 * Techem Vario 4 (451, MID) heat meter, OMS mode 5 long header (wmbusmeters/wmbusmeters:
 * drivers/src/vario451mid.xmq): total energy, a storage-1 value and date (not set in the test telegram) and
 * the set-day value and date in storage 8. The monthly compact profile on storage 8 is kept raw: without a
 * meter clock in the telegram its slots cannot be placed in time safely. Fixture: the reference's test telegram.
 */
export const vario451mid: MeterDriver = {
  name: 'vario451mid',
  description: 'Techem Vario 4 (451) MID heat meter',
  manufacturerName: 'Techem',
  kind: 'heat',
  detect: [{ manufacturer: 'TCH', version: 0x17, deviceType: 0x04 }],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0 } },
    { name: 'energy_at_old_date', match: { quantity: 'energy', storage: 1 } },
    { name: 'old_date', match: { quantity: 'date', storage: 1 } },
    { name: 'energy_at_set_date', match: { quantity: 'energy', storage: 8, plain: true } },
    { name: 'set_date', match: { quantity: 'date', storage: 8 } },
  ],
  fixtures: ['vario451mid/'],
};
