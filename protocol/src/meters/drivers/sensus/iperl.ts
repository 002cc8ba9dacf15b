import type { MeterDriver } from '../../types.js';

/** Sensus iPERL water meter: plain OMS records (total volume, max flow). radio.md § 8.3 P6. */
export const iperl: MeterDriver = {
  name: 'iperl',
  description: 'Sensus iPERL water meter',
  manufacturerName: 'Sensus',
  kind: 'water',
  detect: [
    { manufacturer: 'SEN', version: 0x68, deviceType: 0x06 },
    { manufacturer: 'SEN', version: 0x68, deviceType: 0x07 },
    { manufacturer: 'SEN', version: 0x7c, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, plain: true } },
    { name: 'max_flow', match: { quantity: 'volume_flow', storage: 0 } },
  ],
  fixtures: ['iperl/'],
};
