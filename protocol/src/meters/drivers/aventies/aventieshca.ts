import type { MeterDriver } from '../../types.js';
import { INNOTAS_ERROR_FLAGS } from '../../templates.js';

/** Aventies heat cost allocator. Detection triples: drivers-table (wmbusmeters driver aventieshca). */
export const aventieshca: MeterDriver = {
  name: 'aventieshca',
  description: 'Aventies heat cost allocator',
  manufacturerName: 'Aventies',
  kind: 'hca',
  detect: [
    { manufacturer: 'AAA', version: 0x55, deviceType: 0x08 },
  ],
  fields: [
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: [1, 17] }, series: true },
  ],
  status: [INNOTAS_ERROR_FLAGS],
  fixtures: ['aventieshca/'],
};
