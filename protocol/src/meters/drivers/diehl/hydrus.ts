import type { MeterDriver } from '../../types.js';

/** Diehl Hydrus ultrasonic water meter (standard records). Detection triples: drivers-table (wmbusmeters driver hydrus). */
export const hydrus: MeterDriver = {
  name: 'hydrus',
  description: 'Diehl Hydrus ultrasonic water meter',
  manufacturerName: 'Diehl Metering',
  kind: 'water',
  detect: [
    { manufacturer: 'DME', version: 0x70, deviceType: 0x07 },
    { manufacturer: 'DME', version: 0x76, deviceType: 0x07 },
    { manufacturer: 'HYD', version: 0x24, deviceType: 0x07 },
    { manufacturer: 'HYD', version: 0x8b, deviceType: 0x07 },
    { manufacturer: 'HYD', version: 0x8b, deviceType: 0x06 },
    { manufacturer: 'DME', version: 0x70, deviceType: 0x06 },
    { manufacturer: 'DME', version: 0x70, deviceType: 0x16 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, tariff: 0 } },
    { name: 'flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'external_temperature', match: { quantity: 'external_temperature', storage: 0 } },
    { name: 'remaining_battery_life', match: { quantity: 'remaining_battery_life', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_at_date', match: { quantity: 'volume', storage: 1, tariff: 0 } },
    { name: 'at_date', match: { quantity: 'date', storage: 1, plain: true } },
    { name: 'target', match: { quantity: 'volume', storage: 3 } },
    { name: 'target_datetime', match: { quantity: 'datetime', storage: 3 } },
  ],
  // HydrusWater, HydrusVater and HydrusFoo are read too, but the reference gives their battery life in
  // years of 365.2425 days (the scorer counts 365-day years), so they are not listed.
  fixtures: ['hydrus/HydrusAES.json', 'hydrus/HydrusIzarRS.json', 'hydrus/HydrusIzarRSWarm.json'],
};
