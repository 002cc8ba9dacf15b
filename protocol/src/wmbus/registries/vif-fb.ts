/**
 * First extension table of VIF codes (VIF 0xFB), EN 13757-3 (2018) table 14; radio.md § 7.2.
 * Indexed by the byte after FB without its extension bit. Values are converted into the shared unit
 * vocabulary (MWh → Wh, GJ → J, MCal → J, kVARh → varh, feet³ → m3, MW → W, t → kg).
 */
import { ValueKind, pow10, vif, type VifInfo } from './vif-info.js';

const CUBIC_FOOT_M3 = 0.028316846592;
const CALORIE_J = 4.184;

function build(): VifInfo[] {
  const t: VifInfo[] = new Array(128);
  for (let code = 0; code < 128; code++) {
    t[code] = vif('unknown', `Reserved VIF FB${code.toString(16).toUpperCase().padStart(2, '0')}`, '', 1, ValueKind.Plain);
  }
  for (let n = 0; n < 2; n++) {
    t[0x00 + n] = vif('energy', 'Energy', 'Wh', pow10(n + 5)); // 10^(n-1) MWh
    t[0x02 + n] = vif('reactive_energy', 'Reactive energy', 'varh', pow10(n + 3)); // 10^n kVARh
    t[0x04 + n] = vif('apparent_energy', 'Apparent energy', 'VAh', pow10(n + 3)); // 10^n kVAh
    t[0x08 + n] = vif('energy', 'Energy', 'J', pow10(n + 8)); // 10^(n-1) GJ
    t[0x10 + n] = vif('volume', 'Volume', 'm3', pow10(n + 2));
    t[0x18 + n] = vif('mass', 'Mass', 'kg', pow10(n + 5)); // 10^(n+2) t
    t[0x1a + n] = vif('relative_humidity', 'Relative humidity', '%RH', pow10(n - 1));
    t[0x28 + n] = vif('power', 'Power', 'W', pow10(n + 5)); // 10^(n-1) MW
    t[0x30 + n] = vif('power', 'Power', 'J/h', pow10(n + 8)); // 10^(n-1) GJ/h
  }
  for (let nn = 0; nn < 4; nn++) {
    t[0x0c + nn] = vif('energy', 'Energy', 'J', pow10(nn - 1) * 1e6 * CALORIE_J); // 10^(nn-1) MCal
    t[0x14 + nn] = vif('reactive_power', 'Reactive power', 'var', pow10(nn)); // 10^(nn-3) kVAR
    t[0x2c + nn] = vif('frequency', 'Frequency', 'Hz', pow10(nn - 3));
    t[0x34 + nn] = vif('apparent_power', 'Apparent power', 'VA', pow10(nn)); // 10^(nn-3) kVA
    t[0x58 + nn] = vif('flow_temperature', 'Flow temperature', '°F', pow10(nn - 3));
    t[0x5c + nn] = vif('return_temperature', 'Return temperature', '°F', pow10(nn - 3));
    t[0x60 + nn] = vif('temperature_difference', 'Temperature difference', '°F', pow10(nn - 3));
    t[0x64 + nn] = vif('external_temperature', 'External temperature', '°F', pow10(nn - 3));
    t[0x70 + nn] = vif('temperature_limit', 'Cold/warm temperature limit', '°F', pow10(nn - 3));
    t[0x74 + nn] = vif('temperature_limit', 'Cold/warm temperature limit', '°C', pow10(nn - 3));
  }
  t[0x20] = vif('volume', 'Volume (feet³)', 'm3', CUBIC_FOOT_M3);
  t[0x21] = vif('volume', 'Volume (0.1 feet³)', 'm3', CUBIC_FOOT_M3 / 10);
  // Degrees are outside the shared unit vocabulary; the description carries the unit.
  t[0x2a] = vif('phase_angle', 'Phase U-U (volt. to volt.) in 0.1°', '', 0.1);
  t[0x2b] = vif('phase_angle', 'Phase U-I (volt. to current) in 0.1°', '', 0.1);
  for (let n = 0; n < 8; n++) t[0x78 + n] = vif('cumulative_max_power', 'Cumulative count max power', 'W', pow10(n - 3));
  return t;
}

/** First extension table (after VIF FB), 128 entries, indexed by `code & 0x7F`. */
export const FIRST_EXTENSION_VIF: readonly VifInfo[] = Object.freeze(build());
