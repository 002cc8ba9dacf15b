import type { MeterDriver } from '../../types.js';
import { QUNDIS_ERROR_FLAGS } from './qundis-status.js';
import { readWalkByDataSet } from './walk-by.js';
import { LOWER_LIMIT_DURATION_NOT_FLOW, QUNDIS_NO_VALUE_8000 } from '../../deviation-reasons.js';

const FLOW_DEVIATION = { volume_flow_m3h: LOWER_LIMIT_DURATION_NOT_FLOW };
const WITH_02BB56 = [
  'qwater/QQ3.json', 'qwater/QQ3_2.json', 'qwater/QQ4.json', 'qwater/QQ4_2.json', 'qwater/QQ5.json', 'qwater/QQ5_4.json', 'qwater/QWater-7-18.json',
  'qwater/QWccc.json', 'qwater/QWccc_2.json', 'qwater/QWoo.json', 'qwater/QWooo.json',
  'qwaterv2/MyQWater.json', 'qwaterv2/QWater-7-18.json', 'qwaterv2/QWoo.json', 'qwaterv2/QWooo.json',
];

/**
 * Qundis Q water 5.5 warm / cold water meters (and radio converters, type 0x37). Long telegrams (CI 72/7A)
 * carry plain records: total, the yearly set-day value (storage 1) and the last month end (storage 17)
 * with their dates. Short ones (CI 78) carry the same values and 12 monthly consumptions in the
 * WalkByDataSet block (./walk-by.ts). Detection: wmbusmeters/wmbusmeters: drivers/src/qwaterv2.xmq, plus
 * QDS 35/06 and 35/07, real Q water meters read by the older qwater driver (src/driver_qwater.cc) in the corpus.
 *
 * Record 02BB56 is the duration of the last lower-limit exceedance of the flow, in hours (VIFE 0x56,
 * EN 13757-3); the reference prints it as a flow (volume_flow_m3h): a declared deviation of those cases.
 */
export const qwaterv2: MeterDriver = {
  name: 'qwaterv2',
  description: 'Qundis Q water 5.5 water meter',
  manufacturerName: 'Qundis',
  kind: 'water',
  detect: [
    ...[0x33, 0x35].map((version) => ({ manufacturer: 'QDS', version, deviceType: 0x37 })),
    ...[0x16, 0x17, 0x18, 0x1a, 0x1d, 0x36].map((version) => ({ manufacturer: 'QDS', version, deviceType: 0x06 })),
    ...[0x16, 0x17, 0x18, 0x19, 0x1a, 0x1d, 0x36].map((version) => ({ manufacturer: 'QDS', version, deviceType: 0x07 })),
    ...[0x1a, 0x1d, 0x36].map((version) => ({ manufacturer: 'LSE', version, deviceType: 0x06 })),
    ...[0x19, 0x1a, 0x1d, 0x36].map((version) => ({ manufacturer: 'LSE', version, deviceType: 0x07 })),
    ...[0x33, 0x35].map((version) => ({ manufacturer: 'LSE', version, deviceType: 0x37 })),
    { manufacturer: 'QDS', version: 0x35, deviceType: 0x06 },
    { manufacturer: 'QDS', version: 0x35, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target_year', match: { quantity: 'volume', storage: 1 } },
    { name: 'target_year_date', match: { quantity: 'date', storage: 1 } },
    { name: 'target', match: { quantity: 'volume', storage: 17 } },
    { name: 'target_date', match: { quantity: 'date', storage: 17 } },
    { name: 'device_error_date', match: { quantity: 'date', function: 'error' } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'volume_delta', match: { quantity: 'volume', storage: [2, 13], modifiers: ['increment'] }, series: true },
    { name: 'month_end', match: { quantity: 'volume', storage: [2, 13], plain: true }, series: true },
  ],
  status: [QUNDIS_ERROR_FLAGS],
  decode: readWalkByDataSet,
  fixtures: [
    ...WITH_02BB56,
    'qwater/MyQWater.json',
    'qwaterv2/MyQWater_2.json',
    'qwater/AnotherQWater.json',
    'qwater/QQ1.json',
    'qwater/QQ1_2.json',
    'qwater/QQ2.json',
    'qwater/QQ2_2.json',
    'qwater/QQ5_2.json',
    'qwater/QQ5_3.json',
    'qwater/QWaaa.json',
    'qwater/QWaaa_2.json',
    'qwater/QWddd.json',
    'qwater/QWddd_2.json',
    'qwater/QWooo_2.json',
    'qwater/YetAnoter.json',
    'qwaterv2/AnotherQWater.json',
    'qwaterv2/QWooo_2.json',
    'qwaterv2/YetAnoter.json',
  ],
  deviations: {
    ...Object.fromEntries(WITH_02BB56.map((f) => [f, FLOW_DEVIATION])),
    'qwaterv2/MyQWater_2.json': { volume_delta_2_m3: QUNDIS_NO_VALUE_8000 },
    'qwater/MyQWater.json': {
      ...FLOW_DEVIATION,
      meter_datetime:
        'the L-field 0x37 makes the frame 56 bytes and ends it two bytes into the data of the last record (046D); the 4 bytes after it are not frame data (sticks append RSSI and status bytes there), so the record is reported truncated (RECORD_TRUNCATED) and not read; the reference reads on past the L-field',
    },
  },
};
