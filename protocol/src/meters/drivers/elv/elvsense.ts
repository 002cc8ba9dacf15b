import type { MeterDriver } from '../../types.js';

/** ELV wireless room sensors: temperature, humidity, battery voltage. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/elvsense.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const elvsense: MeterDriver = {
  name: 'elvsense',
  description: 'ELV room sensor (temperature, humidity)',
  manufacturerName: 'ELV',
  kind: 'room sensor',
  detect: [
    { manufacturer: 'ELV', version: 0x50, deviceType: 0x1b },
    { manufacturer: 'ELV', version: 0x51, deviceType: 0x1b },
    { manufacturer: 'ELV', version: 0x52, deviceType: 0x1b },
    { manufacturer: 'ELV', version: 0x53, deviceType: 0x1b },
    { manufacturer: 'ELV', version: 0x54, deviceType: 0x1b },
  ],
  fields: [
    { name: 'temperature', match: { quantity: 'external_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'humidity', match: { quantity: 'relative_humidity', storage: 0, function: 'instantaneous' } },
    { name: 'battery_voltage', match: { quantity: 'voltage' } },
  ],
  fixtures: ['elvsense/ES1.json', 'elvsense/ES2.json', 'elvsense/FAKE.json'],
  deviations: {
    'elvsense/FAKE.json': {
      co2_ppm:
        'record 027C03324F43 is a plain-text VIF (7C, EN 13757-3) whose text "CO2" names a quantity, not a unit; the telegram is one the reference made up to test this ("a fake meter to test ppm and named vif CO2", drivers/src/elvsense.xmq), no datasheet gives the unit: kept as 256 with plainTextUnit CO2 and no unit rather than assuming ppm',
    },
  },
};
