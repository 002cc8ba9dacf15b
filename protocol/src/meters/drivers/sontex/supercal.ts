import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';
import { PERIODIC_YEAR_127 } from '../../deviation-reasons.js';

/**
 * Sontex Supercal 739 heat meter (wired or wireless M-Bus module). Its set-date values are storage 20, the
 * set date a periodic date (every 1 January). Record meanings: wmbusmeters/wmbusmeters: drivers/src/supercal.xmq.
 */
export const supercal: MeterDriver = {
  name: 'supercal',
  description: 'Sontex Supercal 739 heat meter',
  manufacturerName: 'Sontex',
  kind: 'heat',
  detect: [{ manufacturer: 'SON', version: 0x1b, deviceType: 0x04 }],
  fields: [
    ...OMS_HEAT_METER_FIELDS.filter((f) => !f.name.startsWith('target')),
    { name: 'target_energy', match: { quantity: 'energy', storage: 20 } },
    { name: 'target_volume', match: { quantity: 'volume', storage: 20 } },
    { name: 'target_date', match: { quantity: 'date', storage: 20 } },
  ],
  fixtures: ['supercal/sonsupercal.json'],
  deviations: { 'supercal/sonsupercal.json': { target_date: PERIODIC_YEAR_127 } },
};
