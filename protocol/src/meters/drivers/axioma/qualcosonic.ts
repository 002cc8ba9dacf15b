import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';
import { temperatureDifferenceInCelsius } from '../../remap.js';

/** Axioma Qualcosonic heat/cooling meter: heat energy (forward flow), cooling energy (backward flow), values at the month end (storage 16). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/qualcosonic.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const qualcosonic: MeterDriver = {
  name: 'qualcosonic',
  description: 'Axioma Qualcosonic E3/E4 heat and cooling meter',
  manufacturerName: 'Axioma Metering',
  kind: 'heat/cooling',
  detect: [
    { manufacturer: 'AXI', version: 0x0b, deviceType: 0x0d },
    { manufacturer: 'AXI', version: 0x0c, deviceType: 0x0d },
  ],
  fields: [
    ...OMS_HEAT_METER_FIELDS,
    { name: 'total_heat_energy', match: { quantity: 'energy', storage: 0, modifiers: ['forward flow'] } },
    { name: 'total_cooling_energy', match: { quantity: 'energy', storage: 0, modifiers: ['backward flow'] } },
    { name: 'target_heat_energy', match: { quantity: 'energy', storage: 16, modifiers: ['forward flow'] } },
    { name: 'target_cooling_energy', match: { quantity: 'energy', storage: 16, modifiers: ['backward flow'] } },
    { name: 'target_datetime', match: { quantity: 'datetime', storage: 16 } },
    { name: 'temperature_difference', match: { quantity: 'temperature_difference', storage: 0 } },
  ],
  decode: (t) => ({ records: temperatureDifferenceInCelsius(t.records) }),
  fixtures: ['qualcosonic/'],
};
