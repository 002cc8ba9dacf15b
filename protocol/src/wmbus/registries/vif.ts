/**
 * Primary VIF table, EN 13757-3 (2018) table 10 "Primary VIF-codes"; summary in radio.md § 7.2.
 * Indexed by the VIF without its extension bit (0x00–0x7F). 0x7B, 0x7C, 0x7D, 0x7E and 0x7F are
 * switches handled by the record parser (first/second extension table, plain text, any VIF,
 * manufacturer specific); their entries here only describe them.
 */
import { DURATION_NAMES, SECONDS_BY_NN, ValueKind, pow10, vif, type VifInfo } from './vif-info.js';

export const VIF_FIRST_EXTENSION = 0x7b;
export const VIF_PLAIN_TEXT = 0x7c;
export const VIF_SECOND_EXTENSION = 0x7d;
export const VIF_ANY = 0x7e;
export const VIF_MANUFACTURER = 0x7f;
/** EF: "third extension table", reserved in EN 13757-3:2018; the next byte is an unknown code. */
export const VIF_RESERVED_EXTENSION = 0x6f;

function build(): VifInfo[] {
  const t: VifInfo[] = new Array(128);
  for (let n = 0; n < 8; n++) {
    t[0x00 + n] = vif('energy', 'Energy', 'Wh', pow10(n - 3));
    t[0x08 + n] = vif('energy', 'Energy', 'J', pow10(n));
    t[0x10 + n] = vif('volume', 'Volume', 'm3', pow10(n - 6));
    // kg is outside the shared unit vocabulary, which has no mass unit.
    t[0x18 + n] = vif('mass', 'Mass', 'kg', pow10(n - 3));
    t[0x28 + n] = vif('power', 'Power', 'W', pow10(n - 3));
    t[0x30 + n] = vif('power', 'Power', 'J/h', pow10(n));
    t[0x38 + n] = vif('volume_flow', 'Volume flow', 'm3/h', pow10(n - 6));
    t[0x40 + n] = vif('volume_flow', 'Volume flow', 'm3/min', pow10(n - 7));
    t[0x48 + n] = vif('volume_flow', 'Volume flow', 'm3/s', pow10(n - 9));
    t[0x50 + n] = vif('mass_flow', 'Mass flow', 'kg/h', pow10(n - 3));
  }
  for (let nn = 0; nn < 4; nn++) {
    const s = SECONDS_BY_NN[nn]!;
    t[0x20 + nn] = vif('on_time', `On time (${DURATION_NAMES[nn]})`, 's', s);
    t[0x24 + nn] = vif('operating_time', `Operating time (${DURATION_NAMES[nn]})`, 's', s);
    t[0x58 + nn] = vif('flow_temperature', 'Flow temperature', '°C', pow10(nn - 3));
    t[0x5c + nn] = vif('return_temperature', 'Return temperature', '°C', pow10(nn - 3));
    t[0x60 + nn] = vif('temperature_difference', 'Temperature difference', 'K', pow10(nn - 3));
    t[0x64 + nn] = vif('external_temperature', 'External temperature', '°C', pow10(nn - 3));
    t[0x68 + nn] = vif('pressure', 'Pressure', 'bar', pow10(nn - 3));
    t[0x70 + nn] = vif('averaging_duration', `Averaging duration (${DURATION_NAMES[nn]})`, 's', s);
    t[0x74 + nn] = vif('actuality_duration', `Actuality duration (${DURATION_NAMES[nn]})`, 's', s);
  }
  t[0x6c] = vif('date', 'Date', 'date', 1, ValueKind.TimePoint);
  t[0x6d] = vif('datetime', 'Date and time', 'datetime', 1, ValueKind.TimePoint);
  t[0x6e] = vif('hca', 'Units for H.C.A.', 'HCA');
  t[0x6f] = vif('unknown', 'Reserved (third extension table)', '', 1, ValueKind.Plain);
  t[0x78] = vif('fabrication_number', 'Fabrication number', '', 1, ValueKind.Plain);
  t[0x79] = vif('enhanced_identification', 'Enhanced identification', '', 1, ValueKind.Plain);
  t[0x7a] = vif('bus_address', 'Bus address', '', 1, ValueKind.Plain);
  t[0x7b] = vif('unknown', 'First extension table', '', 1, ValueKind.Plain);
  t[0x7c] = vif('plain_text_unit', 'Plain-text unit', '', 1, ValueKind.Number);
  t[0x7d] = vif('unknown', 'Second extension table', '', 1, ValueKind.Plain);
  t[0x7e] = vif('any', 'Any VIF', '', 1, ValueKind.Plain);
  t[0x7f] = vif('manufacturer_specific', 'Manufacturer specific', 'raw', 1, ValueKind.Raw);
  return t;
}

/** Primary VIF table, 128 entries, indexed by `vif & 0x7F`. */
export const PRIMARY_VIF: readonly VifInfo[] = Object.freeze(build());
