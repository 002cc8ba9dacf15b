import type { DriverExtra, MeterDriver } from '../../types.js';
import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';

/**
 * Qundis Q400 / Axioma W1 ultrasonic water meter (made by Axioma, hence AXI). Standard OMS records, except
 * that Axioma sends the remaining battery as a percentage under VIF FD74 (1-byte, DIF 01), which the generic
 * table reads as days (wmbusmeters/wmbusmeters: drivers/src/q400.xmq, field battery, difvifkey 01FD74).
 */
function readBattery(t: DecodedTelegram): DriverExtra {
  const r = t.records.find((x) => x.header === '01FD74');
  if (!r) return {};
  const pct = parseInt(r.data, 16);
  return { records: [driverRecord({ quantity: 'battery', description: 'Remaining battery (Axioma: percent)', value: pct, unit: '%', raw: r.data })] };
}

export const q400: MeterDriver = {
  name: 'q400',
  description: 'Qundis Q400 / Axioma Qalcosonic W1 water meter',
  manufacturerName: 'Qundis (Axioma)',
  kind: 'water',
  detect: [
    { manufacturer: 'AXI', version: 0x01, deviceType: 0x07 },
    { manufacturer: 'AXI', version: 0x10, deviceType: 0x07 },
    { manufacturer: 'AXI', version: 0x20, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, plain: true } },
    { name: 'total_forward', match: { quantity: 'volume', storage: 0, modifiers: ['forward flow'] } },
    { name: 'total_backward', match: { quantity: 'volume', storage: 0, modifiers: ['backward flow'] } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'set_datetime', match: { quantity: 'datetime', storage: 1 } },
    { name: 'consumption_at_set_date', match: { quantity: 'volume', storage: 1, plain: true } },
    { name: 'forward_at_set_date', match: { quantity: 'volume', storage: 1, modifiers: ['forward flow'] } },
    { name: 'backward_at_set_date', match: { quantity: 'volume', storage: 1, modifiers: ['backward flow'] } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'on_time', match: { quantity: 'on_time', storage: 0 } },
    { name: 'error_free_time', match: { quantity: 'operating_time', storage: 0 } },
    { name: 'error_code', match: { header: '34FD17' } },
    { name: 'battery', match: { quantity: 'battery' } },
  ],
  decode: readBattery,
  fixtures: ['q400/'],
};
