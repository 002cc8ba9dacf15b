import type { MeterDriver } from '../../types.js';

/** B meters Hydrocal-M3 heat/cooling meter. Detection triples: drivers-table (wmbusmeters driver hydrocalm3). */
export const hydrocalm3: MeterDriver = {
  name: 'hydrocalm3',
  description: 'B meters Hydrocal-M3 heat/cooling meter',
  manufacturerName: 'B METERS',
  kind: 'heat',
  detect: [
    { manufacturer: 'BMT', version: 0x0b, deviceType: 0x0d },
  ],
  // Heating and cooling energy/volume and the two pulse inputs repeat the same DIF/VIF (0C0E, 0C13) and
  // differ only by position; a field matcher cannot tell them apart, so only the first (heating) ones are
  // named here. All values stay in the records.
  fields: [
    { name: 'total_heating_energy', match: { quantity: 'energy', storage: 0 } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_heating_volume', match: { quantity: 'volume', storage: 0 } },
    { name: 'supply_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0 } },
  ],
  // manufacturer bits of the TPL status (wmbusmeters/wmbusmeters: drivers/src/hydrocalm3.xmq)
  status: [
    {
      source: 'tpl_status',
      bits: {
      0x80: { flag: 'tamper', text: 'SABOTAGE_ENCLOSURE' },
      },
    },
  ],
  fixtures: ['hydrocalm3/'],
};
