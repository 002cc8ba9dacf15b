/**
 * Reasons, with their sources, for values that drivers deliberately read differently from the reference
 * decoder (wmbusmeters) whose output the fixtures carry. Drivers cite them in `deviations`.
 */

/** A type G date with year field 127 is a periodic date, not a calendar date. */
export const PERIODIC_YEAR_127 =
  'type G date with year field 127 = "every year" (periodic date, EN 13757-3:2018 Annex A type G; tudborg/exmbus: lib/exmbus/parser/data_type.ex decode_type_g); no calendar date, read as null where the reference prints the year 2127';

/** Type G date 0000 at a billing storage that holds only zeros. */
export const DATE_0000_NOT_SET =
  'the type G date is 0000: day 0 and month 0 make no calendar date (EN 13757-3 Annex A type G: month 1 to 12), and the values beside it are 0, so the meter has no billing date yet: read as null, the reference turns day 0 of month 0 of 2000 into 1999-11-30';

/** Remaining battery life in days (VIF FD74) against years of 365.2425 days. */
export const BATTERY_DAYS =
  'remaining battery life comes in days (VIF extension FD 74, EN 13757-3) and is kept in days; the reference converts it to years of 365.2425 days, the catalogue unit y is 365 days, so the figures differ by 0.07 % only by the year length';

/** Record 02BB56 of Qundis water meters. */
export const LOWER_LIMIT_DURATION_NOT_FLOW =
  'record 02BB56 is VIF BB (volume flow) with VIFE 56, "duration of last lower limit exceed" in hours (EN 13757-3 combinable VIFE E101 ufnn: u lower/upper limit, f first/last, nn = 10 hours): a duration, not a flow; read as a duration, the reference prints it as volume_flow';

/** Monthly consumptions 0x8000 in Qundis walk-by data sets. */
export const QUNDIS_NO_VALUE_8000 =
  'monthly consumption 0x8000 is the most negative 16-bit value, sent for months without a value (QHeat55r_2 sends it for 11 consecutive months; a forward counter cannot consume a negative amount): read as null, the reference prints -32768 units';

/** VIF 0x0D in the Qundis walk-by block read by the older reference driver. */
export const VIF_0D_IS_100KJ =
  'VIF 0D is energy in joules, E000 1nnn = 10^nnn J with nnn = 5: 100 kJ (EN 13757-3 primary VIF table), as the newer reference driver qheatv2 reads it; the older qheat driver reads it as 0.1 kWh';
