import type { MeterDriver } from '../../types.js';
import { INNOTAS_ERROR_FLAGS } from '../../templates.js';

/** Innotas Euris II heat cost allocator. Detection triples: drivers-table (wmbusmeters driver eurisii). */
export const eurisii: MeterDriver = {
  name: 'eurisii',
  description: 'Innotas Euris II heat cost allocator',
  manufacturerName: 'Innotas',
  kind: 'hca',
  detect: [
    { manufacturer: 'INE', version: 0x55, deviceType: 0x08 },
    { manufacturer: 'RAM', version: 0x55, deviceType: 0x08 },
  ],
  fields: [
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: [1, 17] }, series: true },
  ],
  status: [INNOTAS_ERROR_FLAGS],
  fixtures: ['eurisii/'],
};
