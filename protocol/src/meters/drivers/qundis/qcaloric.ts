import type { MeterDriver } from '../../types.js';
import { readWalkByDataSet } from './walk-by.js';

/**
 * Qundis Q caloric (and the Siemens/ZRI rebrands) electronic heat cost allocator. Current units, units at the
 * set date (storage 1) with the set date, and the last month-end value (storage 17) with its date.
 * Short telegrams (CI 78) carry these values in the WalkByDataSet block (./walk-by.ts).
 * radio.md § 8.3 P5; detection triples from the driver table in shared/corpus/wmbusmeters/extra.json.
 */
export const qcaloric: MeterDriver = {
  name: 'qcaloric',
  description: 'Qundis Q caloric 5.5 electronic heat cost allocator',
  manufacturerName: 'Qundis',
  kind: 'hca',
  detect: [
    { manufacturer: 'LSE', version: 0x34, deviceType: 0x08 },
    { manufacturer: 'LSE', version: 0x35, deviceType: 0x08 },
    { manufacturer: 'QDS', version: 0x35, deviceType: 0x08 },
    { manufacturer: 'QDS', version: 0x34, deviceType: 0x08 },
    { manufacturer: 'QDS', version: 0x36, deviceType: 0x08 },
    { manufacturer: 'LSE', version: 0x18, deviceType: 0x08 },
    { manufacturer: 'ZRI', version: 0xfd, deviceType: 0x08 },
  ],
  fields: [
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'set_date', match: { quantity: 'date', storage: 1 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: 1 } },
    { name: 'set_date_17', match: { quantity: 'date', storage: 17 } },
    { name: 'consumption_at_set_date_17', match: { quantity: 'hca', storage: 17 } },
    { name: 'error_date', match: { quantity: 'date', function: 'error' } },
    { name: 'device_date_time', match: { quantity: 'datetime', storage: 0 } },
  ],
  decode: readWalkByDataSet,
  fixtures: [
    'qcaloric/Element.json', 'qcaloric/Element_2.json', 'qcaloric/Element_3.json', 'qcaloric/HCA.json', 'qcaloric/HCA1.json',
    'qcaloric/HCA2.json', 'qcaloric/HCA3.json', 'qcaloric/HCA4.json', 'qcaloric/MyElement.json', 'qcaloric/MyElement1.json', 'qcaloric/MyElement2.json', 'qcaloric/MyElement2_2.json', 'qcaloric/MyElement4.json',
    'qcaloric/MyElement2_3.json', 'qcaloric/MyElement3.json', 'qcaloric/zenner_heat.json',
  ],
};
