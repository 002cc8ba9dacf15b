import type { MeterDriver } from '../../types.js';
import { INNOTAS_ERROR_FLAGS } from '../../templates.js';

/** Aventies water meter. Detection triples: drivers-table (wmbusmeters driver aventieswm). */
export const aventieswm: MeterDriver = {
  name: 'aventieswm',
  description: 'Aventies water meter',
  manufacturerName: 'Aventies',
  kind: 'water',
  detect: [
    { manufacturer: 'AAA', version: 0x25, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'volume', storage: [1, 14] }, series: true },
  ],
  status: [INNOTAS_ERROR_FLAGS],
  fixtures: ['aventieswm/'],
};
