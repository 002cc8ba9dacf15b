import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';

/** Apator ELF heat meter: standard OMS records (energy, volume, temperatures, set-date energy). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/elf.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const elf: MeterDriver = {
  name: 'elf',
  description: 'Apator ELF heat meter',
  manufacturerName: 'Apator',
  kind: 'heat',
  detect: [
    { manufacturer: 'APA', version: 0x40, deviceType: 0x04 },
  ],
  fields: [
    ...OMS_HEAT_METER_FIELDS,
    { name: 'external_temperature', match: { quantity: 'external_temperature', storage: 0 } },
    { name: 'battery_voltage', match: { quantity: 'voltage', storage: 0 } },
    { name: 'operating_time', match: { quantity: 'operating_time', storage: 0 } },
  ],
  fixtures: ['elf/'],
};
