import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';

/** Apator ELF 2 heat (and cooling) meter: standard OMS records. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/elf2.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const elf2: MeterDriver = {
  name: 'elf2',
  description: 'Apator ELF 2 heat meter',
  manufacturerName: 'Apator',
  kind: 'heat',
  detect: [
    { manufacturer: 'APA', version: 0x42, deviceType: 0x04 },
    { manufacturer: 'APA', version: 0x42, deviceType: 0x0d },
  ],
  fields: [
    ...OMS_HEAT_METER_FIELDS,
    { name: 'on_time', match: { quantity: 'on_time', function: 'instantaneous' } },
    { name: 'on_time_at_error', match: { quantity: 'on_time', function: 'error' } },
  ],
  fixtures: ['elf2/'],
};
