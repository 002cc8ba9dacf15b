import type { MeterDriver } from '../../types.js';

/**
 * Techem Vario 4 (411) heat meter. Plain records read: the energy at the set date with its date (storage 1);
 * the rest of the telegram is a manufacturer block (DIF 0F) without a public format.
 * Detection: wmbusmeters/wmbusmeters: drivers/src/vario411.xmq.
 */
export const vario411: MeterDriver = {
  name: 'vario411',
  description: 'Techem Vario 4 heat meter',
  manufacturerName: 'Techem',
  kind: 'heat',
  detect: [{ manufacturer: 'TCH', version: 0x28, deviceType: 0x04 }],
  fields: [
    { name: 'target', match: { quantity: 'energy', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
  ],
  fixtures: ['vario411/'],
};
