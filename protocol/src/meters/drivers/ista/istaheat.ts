import type { MeterDriver } from '../../types.js';
import { DATE_0000_NOT_SET } from '../../deviation-reasons.js';

/**
 * ista heat meter (ultego/sensonic radio): current energy, the billing-year value with its date (storage 1)
 * and the last month-end energy and volume with their date (storage 2).
 * Detection: wmbusmeters/wmbusmeters: drivers/src/istaheat.xmq.
 */
export const istaheat: MeterDriver = {
  name: 'istaheat',
  description: 'ista heat meter',
  manufacturerName: 'ista',
  kind: 'heat',
  detect: [{ manufacturer: 'IST', version: 0xa9, deviceType: 0x04 }],
  fields: [
    { name: 'total', match: { quantity: 'energy', storage: 0 } },
    { name: 'last_year', match: { quantity: 'energy', storage: 1 } },
    { name: 'last_year_date', match: { quantity: 'date', storage: 1 } },
    { name: 'target', match: { quantity: 'energy', storage: 2 } },
    { name: 'target_volume', match: { quantity: 'volume', storage: 2 } },
    { name: 'target_date', match: { quantity: 'date', storage: 2 } },
  ],
  fixtures: ['istaheat/FeelTheHeat.json', 'istaheat/HeatItUp.json'],
  deviations: { 'istaheat/HeatItUp.json': { last_year_date: DATE_0000_NOT_SET } },
};
