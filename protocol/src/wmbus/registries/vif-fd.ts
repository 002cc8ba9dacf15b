/**
 * Second extension table of VIF codes (VIF 0xFD), EN 13757-3 (2018) table 12; radio.md § 7.2.
 * Indexed by the byte after FD without its extension bit. Durations are converted to seconds,
 * voltages to V and currents to A.
 */
import { DURATION_NAMES, SECONDS_BY_NN, SECONDS_BY_PP, ValueKind, pow10, vif, type VifInfo } from './vif-info.js';

const P = ValueKind.Plain;
const PP_NAMES = ['hours', 'days', 'months', 'years'];

function build(): VifInfo[] {
  const t: VifInfo[] = new Array(128);
  for (let code = 0; code < 128; code++) {
    t[code] = vif('unknown', `Reserved VIF FD${code.toString(16).toUpperCase().padStart(2, '0')}`, '', 1, P);
  }
  for (let nn = 0; nn < 4; nn++) {
    // Currency units are outside the unit vocabulary: dimensionless, the description says what it is.
    t[0x00 + nn] = vif('credit', 'Credit (local currency units)', '', pow10(nn - 3));
    t[0x04 + nn] = vif('debit', 'Debit (local currency units)', '', pow10(nn - 3));
    const s = SECONDS_BY_NN[nn]!;
    t[0x24 + nn] = vif('storage_interval', `Storage interval (${DURATION_NAMES[nn]})`, 's', s);
    t[0x2c + nn] = vif('duration_since_readout', `Duration since last readout (${DURATION_NAMES[nn]})`, 's', s);
    t[0x34 + nn] = vif('tariff_period', `Period of tariff (${DURATION_NAMES[nn]})`, 's', s);
    t[0x3c + nn] = vif('transmission_period', `Period of nominal data transmissions (${DURATION_NAMES[nn]})`, 's', s);
    const p = SECONDS_BY_PP[nn]!;
    t[0x68 + nn] = vif('duration_since_cumulation', `Duration since last cumulation (${PP_NAMES[nn]})`, 's', p);
    t[0x6c + nn] = vif('battery_operating_time', `Operating time battery (${PP_NAMES[nn]})`, 's', p);
  }
  t[0x08] = vif('access_number', 'Access number (unique message identification)', '', 1, P);
  t[0x09] = vif('medium', 'Device type (medium)', '', 1, P);
  t[0x0a] = vif('manufacturer', 'Manufacturer', '', 1, P);
  t[0x0b] = vif('parameter_set', 'Parameter set identification', '', 1, P);
  t[0x0c] = vif('model_version', 'Model/version', '', 1, P);
  t[0x0d] = vif('hardware_version', 'Hardware version', '', 1, P);
  t[0x0e] = vif('firmware_version', 'Metrology (firmware) version', '', 1, P);
  t[0x0f] = vif('software_version', 'Other software version', '', 1, P);
  t[0x10] = vif('customer_location', 'Customer location', '', 1, P);
  t[0x11] = vif('customer', 'Customer', '', 1, P);
  t[0x12] = vif('access_code', 'Access code user', '', 1, P);
  t[0x13] = vif('access_code', 'Access code operator', '', 1, P);
  t[0x14] = vif('access_code', 'Access code system operator', '', 1, P);
  t[0x15] = vif('access_code', 'Access code developer', '', 1, P);
  t[0x16] = vif('password', 'Password', '', 1, P);
  t[0x17] = vif('error_flags', 'Error flags', '', 1, P);
  t[0x18] = vif('error_mask', 'Error mask', '', 1, P);
  t[0x19] = vif('security_key', 'Security key', '', 1, P);
  t[0x1a] = vif('digital_output', 'Digital output', '', 1, P);
  t[0x1b] = vif('digital_input', 'Digital input', '', 1, P);
  t[0x1c] = vif('baud_rate', 'Baud rate', '', 1, P);
  t[0x1d] = vif('response_delay', 'Response delay time (bit times)', '', 1, P);
  t[0x1e] = vif('retry', 'Retry', '', 1, P);
  t[0x1f] = vif('remote_control', 'Remote control (device specific)', '', 1, P);
  t[0x20] = vif('first_storage_number', 'First storage number for cyclic storage', '', 1, P);
  t[0x21] = vif('last_storage_number', 'Last storage number for cyclic storage', '', 1, P);
  t[0x22] = vif('storage_block_size', 'Size of storage block', '', 1, P);
  t[0x23] = vif('tariff_descriptor', 'Descriptor for tariff and subunit', '', 1, P);
  t[0x28] = vif('storage_interval', 'Storage interval (months)', 's', SECONDS_BY_PP[2]!);
  t[0x29] = vif('storage_interval', 'Storage interval (years)', 's', SECONDS_BY_PP[3]!);
  t[0x2a] = vif('operator_specific', 'Operator specific data', '', 1, P);
  t[0x2b] = vif('time_point_second', 'Time point second', 's', 1);
  t[0x30] = vif('tariff_start', 'Start (date/time) of tariff', 'datetime', 1, ValueKind.TimePoint);
  // FD30 is the start; FD31–33 are the duration of tariff in minutes, hours, days.
  for (let nn = 1; nn < 4; nn++) {
    t[0x30 + nn] = vif('tariff_duration', `Duration of tariff (${DURATION_NAMES[nn]})`, 's', SECONDS_BY_NN[nn]!);
  }
  t[0x38] = vif('tariff_period', 'Period of tariff (months)', 's', SECONDS_BY_PP[2]!);
  t[0x39] = vif('tariff_period', 'Period of tariff (years)', 's', SECONDS_BY_PP[3]!);
  t[0x3a] = vif('dimensionless', 'Dimensionless', '', 1);
  t[0x3b] = vif('data_container', 'Data container for wireless M-Bus protocol', 'raw', 1, ValueKind.Raw);
  for (let n = 0; n < 16; n++) {
    t[0x40 + n] = vif('voltage', 'Voltage', 'V', pow10(n - 9));
    t[0x50 + n] = vif('current', 'Current', 'A', pow10(n - 12));
  }
  t[0x60] = vif('reset_counter', 'Reset counter', 'count', 1, P);
  t[0x61] = vif('cumulation_counter', 'Cumulation counter', 'count', 1, P);
  t[0x62] = vif('control_signal', 'Control signal', '', 1, P);
  t[0x63] = vif('day_of_week', 'Day of week', '', 1, P);
  t[0x64] = vif('week_number', 'Week number', '', 1, P);
  t[0x65] = vif('day_change_time', 'Time point of day change', '', 1, P);
  t[0x66] = vif('parameter_activation', 'State of parameter activation', '', 1, P);
  t[0x67] = vif('supplier_info', 'Special supplier information', '', 1, P);
  t[0x70] = vif('battery_change_date', 'Date and time of battery change', 'datetime', 1, ValueKind.TimePoint);
  // dBm is outside the shared unit vocabulary, which has no level unit.
  t[0x71] = vif('rssi', 'RF level (dBm)', 'dBm', 1);
  t[0x72] = vif('daylight_saving', 'Daylight saving (type K)', 'raw', 1, ValueKind.Raw);
  t[0x73] = vif('listening_window', 'Listening window management (type L)', 'raw', 1, ValueKind.Raw);
  t[0x74] = vif('remaining_battery_life', 'Remaining battery life time (days)', 's', 86400);
  t[0x75] = vif('stop_counter', 'Number of times the meter was stopped', 'count', 1, P);
  t[0x76] = vif('data_container', 'Data container for manufacturer specific protocol', 'raw', 1, ValueKind.Raw);
  return t;
}

/** Second extension table (after VIF FD), 128 entries, indexed by `code & 0x7F`. */
export const SECOND_EXTENSION_VIF: readonly VifInfo[] = Object.freeze(build());
