/**
 * Reasons, with their sources, for values that drivers deliberately read differently from the reference
 * decoder (wmbusmeters) whose output the fixtures carry. Drivers cite them in `deviations`.
 */

/** A type G date with year field 127 is a periodic date, not a calendar date. */
export const PERIODIC_YEAR_127 =
  'type G date with year field 127 = "every year" (periodic date, EN 13757-3:2018 Annex A type G; tudborg/exmbus: lib/exmbus/parser/data_type.ex decode_type_g); no calendar date, read as null where the reference prints the year 2127';

/** A type F date-time whose IV bit is set. */
export const INVALID_DATETIME =
  'the IV (invalid) bit, bit 7 of the minute byte of the type F date-time, is set (EN 13757-3 Annex A type F; radio.md § 7.3): the meter says its clock is not valid, read as null where the reference prints the date';

/** Remaining battery life in days (VIF FD74) against years of 365.2425 days. */
export const BATTERY_DAYS =
  'remaining battery life comes in days (VIF extension FD 74, EN 13757-3) and is kept in days; the reference converts it to years of 365.2425 days, the catalogue unit y is 365 days, so the figures differ by 0.07 % only by the year length';
