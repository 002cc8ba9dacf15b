import type { MeterDriver, StatusBitMap } from '../../types.js';
import { remapRecords, temperatureDifferenceInCelsius, type RemapRule } from '../../remap.js';
import { DATE_0000_NOT_SET } from '../../deviation-reasons.js';

/**
 * Kamstrup MULTICAL 302/303/402/403/602/603/803 heat (and cooling) meters. Standard OMS records plus
 * Kamstrup's manufacturer VIFs: FF07/FF08 forward/return energy in m3·°C (volume × temperature, used for
 * average temperatures), EE FF07/FF08 the pulse inputs VA/VB, FF22 the info codes.
 * Facts: wmbusmeters/wmbusmeters: drivers/src/kamheat.xmq (difvif keys, info bit meanings, compact format).
 */
const KAMHEAT_VIFS: readonly RemapRule[] = [
  { vif: 'EEFF07', quantity: 'pulse_input_a', description: 'Pulse input VA', unit: 'count' },
  { vif: 'EEFF08', quantity: 'pulse_input_b', description: 'Pulse input VB', unit: 'count' },
  { vif: 'FF07', quantity: 'forward_energy', description: 'Forward energy (volume × flow temperature)', unit: 'm3°C' },
  { vif: 'FF08', quantity: 'return_energy', description: 'Return energy (volume × return temperature)', unit: 'm3°C' },
];

/** Info codes (04FF22 32 bits, 02FF22 its lower 16 bits). */
const INFO_BITS: StatusBitMap['bits'] = {
  0x1: { flag: 'error', text: 'VOLTAGE_INTERRUPTED' },
  0x2: { flag: 'battery_low', text: 'LOW_BATTERY_LEVEL' },
  0x4: { flag: 'error', text: 'SENSOR_ERROR' },
  0x8: { flag: 'error', text: 'SENSOR_T1_ABOVE_MEASURING_RANGE' },
  0x10: { flag: 'error', text: 'SENSOR_T2_ABOVE_MEASURING_RANGE' },
  0x20: { flag: 'error', text: 'SENSOR_T1_BELOW_MEASURING_RANGE' },
  0x40: { flag: 'error', text: 'SENSOR_T2_BELOW_MEASURING_RANGE' },
  0x80: { flag: 'error', text: 'TEMP_DIFF_WRONG_POLARITY' },
  0x100: { flag: 'error', text: 'FLOW_SENSOR_WEAK_OR_AIR' },
  0x200: { flag: 'reverse_flow', text: 'WRONG_FLOW_DIRECTION' },
  0x800: { flag: 'error', text: 'FLOW_INCREASED' },
  0x1000: { flag: 'leak', text: 'IN_A1_LEAKAGE_IN_THE_SYSTEM' },
  0x2000: { flag: 'leak', text: 'IN_B1_LEAKAGE_IN_THE_SYSTEM' },
  0x4000: { flag: 'error', text: 'IN_A1_A2_EXTERNAL_ALARM' },
  0x8000: { flag: 'error', text: 'IN_B1_B2_EXTERNAL_ALARM' },
  0x10000: { flag: 'error', text: 'V1_COMMUNICATION_ERROR' },
  0x20000: { flag: 'error', text: 'V1_WRONG_PULSE_FIGURE' },
  0x40000: { flag: 'leak', text: 'IN_A2_LEAKAGE_IN_THE_SYSTEM' },
  0x80000: { flag: 'leak', text: 'IN_B2_LEAKAGE_IN_THE_SYSTEM' },
  0x100000: { flag: 'error', text: 'T3_ABOVE_MEASURING_RANGE_OR_SWITCHED_OFF' },
  0x200000: { flag: 'error', text: 'T3_BELOW_MEASURING_RANGE_OR_SWITCHED_OFF' },
  0x400000: { flag: 'error', text: 'V2_COMMUNICATION_ERROR' },
  0x800000: { flag: 'error', text: 'V2_WRONG_PULSE_FIGURE' },
  0x1000000: { flag: 'error', text: 'V2_AIR' },
  0x2000000: { flag: 'reverse_flow', text: 'V2_WRONG_FLOW_DIRECTION' },
  0x8000000: { flag: 'error', text: 'V2_INCREASED_FLOW' },
  0x10000000: { flag: 'burst', text: 'V1_V2_BURST_WATER_LOSS' },
  0x20000000: { flag: 'burst', text: 'V1_V2_BURST_WATER_PENETRATION' },
  0x40000000: { flag: 'leak', text: 'V1_V2_LEAKAGE_WATER_LOSS' },
  0x80000000: { flag: 'leak', text: 'V1_V2_LEAKAGE_WATER_PENETRATION' },
};

/** The narrow info codes some firmware sends as a standard error-flags record (02FD17). */
const NARROW_BITS: StatusBitMap['bits'] = {
  0x1: { flag: 'error', text: 'VOLTAGE_INTERRUPTED' },
  0x4: { flag: 'error', text: 'SENSOR_T2_OUTSIDE_MEASURING_RANGE' },
  0x8: { flag: 'error', text: 'SENSOR_T1_OUTSIDE_MEASURING_RANGE' },
  0x10: { flag: 'error', text: 'V1_COMMUNICATION_ERROR' },
  0x20: { flag: 'error', text: 'SENSOR_T3_OUTSIDE_MEASURING_RANGE' },
  0x40: { flag: 'leak', text: 'LEAKAGE_COLD_WATER' },
  0x80: { flag: 'error', text: 'V2_WRONG_PULSE_FIGURE' },
  0x100: { flag: 'leak', text: 'LEAKAGE_HOT_WATER' },
  0x200: { flag: 'burst', text: 'BURST_WATER_LOSS' },
  0x400: { flag: 'error', text: 'V2_COMMUNICATION_ERROR' },
  0x800: { flag: 'error', text: 'V1_WRONG_PULSE_FIGURE' },
  0x1000: { flag: 'error', text: 'V1_AIR' },
  0x2000: { flag: 'error', text: 'V2_AIR' },
  0x4000: { flag: 'reverse_flow', text: 'V1_WRONG_FLOW_DIRECTION' },
  0x8000: { flag: 'reverse_flow', text: 'V2_WRONG_FLOW_DIRECTION' },
};

export const kamheat: MeterDriver = {
  name: 'kamheat',
  description: 'Kamstrup MULTICAL 302/303/402/403/602/603/803 heat and cooling meter',
  manufacturerName: 'Kamstrup',
  kind: 'heat',
  detect: [
    { manufacturer: 'KAM', version: 0x30, deviceType: 0x04 },
    { manufacturer: 'KAM', version: 0x30, deviceType: 0x0d },
    { manufacturer: 'KAM', version: 0x30, deviceType: 0x0c },
    { manufacturer: 'KAM', version: 0x40, deviceType: 0x04 },
    { manufacturer: 'KAM', version: 0x40, deviceType: 0x0c },
    { manufacturer: 'KAM', version: 0x40, deviceType: 0x0d },
    { manufacturer: 'KAM', version: 0x19, deviceType: 0x04 },
    { manufacturer: 'KAM', version: 0x34, deviceType: 0x04 },
    { manufacturer: 'KAM', version: 0x34, deviceType: 0x0a },
    { manufacturer: 'KAM', version: 0x34, deviceType: 0x0b },
    { manufacturer: 'KAM', version: 0x34, deviceType: 0x0c },
    { manufacturer: 'KAM', version: 0x34, deviceType: 0x0d },
    { manufacturer: 'KAM', version: 0x1c, deviceType: 0x04 },
    { manufacturer: 'KAM', version: 0x35, deviceType: 0x04 },
    { manufacturer: 'KAM', version: 0x35, deviceType: 0x0c },
    { manufacturer: 'KAM', version: 0x39, deviceType: 0x04 },
  ],
  fields: [
    { name: 'total_energy', match: { quantity: 'energy', storage: 0, plain: true } },
    { name: 'total_energy_backward', match: { quantity: 'energy', storage: 0, modifiers: ['backward flow'] } },
    { name: 'total_volume', match: { quantity: 'volume', storage: 0, subunit: 0 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0, function: 'instantaneous' } },
    { name: 'max_flow', match: { quantity: 'volume_flow', storage: 0, function: 'maximum' } },
    { name: 'power', match: { quantity: 'power', storage: 0, function: 'instantaneous' } },
    { name: 'max_power', match: { quantity: 'power', storage: 0, function: 'maximum' } },
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0 } },
    { name: 'temperature_difference', match: { quantity: 'temperature_difference', storage: 0 } },
    { name: 'forward_energy', match: { quantity: 'forward_energy', storage: 0 } },
    { name: 'return_energy', match: { quantity: 'return_energy', storage: 0 } },
    { name: 'pulse_input_a', match: { quantity: 'pulse_input_a', storage: 0 } },
    { name: 'pulse_input_b', match: { quantity: 'pulse_input_b', storage: 0 } },
    { name: 'target_energy', match: { quantity: 'energy', storage: 1, plain: true } },
    { name: 'target_volume', match: { quantity: 'volume', storage: 1, subunit: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_date', match: { quantity: 'date', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'on_time', match: { quantity: 'on_time', function: 'instantaneous' } },
    { name: 'on_time_at_error', match: { quantity: 'on_time', function: 'error' } },
    { name: 'info_codes', match: { header: '04FF22' } },
  ],
  status: [
    { source: { header: '04FF22' }, bits: INFO_BITS },
    { source: { header: '02FF22' }, bits: INFO_BITS },
    { source: { quantity: 'error_flags', storage: 0 }, bits: NARROW_BITS },
  ],
  // KAM,30,04 / KAM,30,0c / KAM,34,0c formats, from kamheat.xmq `compact_frame_formats`.
  compactFormats: ['030643060314426C022D01FF21', '030E430E0313426C022D01FF21', '040604FF0704FF080414043B0259025D04FF22026C44064414426C'],
  decode: (t) => ({ records: [...remapRecords(t.records, KAMHEAT_VIFS), ...temperatureDifferenceInCelsius(t.records)] }),
  fixtures: ['kamheat/303_heat_cool.json', 'kamheat/303_wrong_flow.json', 'kamheat/Heat.json', 'kamheat/HeatInlet.json', 'kamheat/Heater.json', 'kamheat/Heato.json', 'kamheat/Heato_2.json', 'kamheat/KM2.json', 'kamheat/KMHEAT.json', 'kamheat/Kamstrup_303.json', 'kamheat/Kamstrup_402_wmbus.json', 'kamheat/Kamstrup_403_mbus.json', 'kamheat/Kamstrup_MC303_Heat_AND_COOLING.json', 'kamheat/Kamstrup_MC603_mbus.json', 'kamheat/My403Cooling.json', 'kamheat/My403Cooling_2.json', 'kamheat/MyHeater.json', 'kamheat/MyHeaterMj.json', 'kamheat/MyHeaterMj_2.json', 'kamheat/MyHeater_2.json', 'kamheat/MyKamHeat.json', 'kamheat/kamheat_1c_04.json', 'kamheat/kamheat_1c_04_2.json', 'kamheat/kamheat_30_04.json', 'kamheat/kamheat_30_04_2.json', 'kamheat/kamheat_30_0c.json', 'kamheat/kamheat_30_0c_2.json', 'kamheat/kamheat_34_0c.json', 'kamheat/kamheat_34_0c_2.json', 'kamheat/kamheat_39_04.json', 'kamheat/kamheat_39_04_2.json'],
  deviations: { 'kamheat/Kamstrup_MC303_Heat_AND_COOLING.json': { target_date: DATE_0000_NOT_SET } },
};
