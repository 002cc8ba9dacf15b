import type { MeterDriver } from '../../types.js';

/** Diehl water meter (DME 0x63). Detection triples: drivers-table (wmbusmeters driver dme173). */
export const dme173: MeterDriver = {
  name: 'dme173',
  description: 'Diehl water meter (DME 0x63)',
  manufacturerName: 'Diehl Metering',
  kind: 'water',
  detect: [
    { manufacturer: 'DME', version: 0x63, deviceType: 0x07 },
  ],
  fields: [
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'set_date', match: { quantity: 'date', storage: 1 } },
    { name: 'target_datetime', match: { quantity: 'datetime', storage: 8 } },
    { name: 'target', match: { quantity: 'volume', storage: 8 } },
    { name: 'total_at_set_date', match: { quantity: 'volume', storage: 1 } },
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'total_backward', match: { quantity: 'volume', storage: 0, modifiers: ['backward flow'] } },
  ],
  fixtures: ['dme173/'],
};
