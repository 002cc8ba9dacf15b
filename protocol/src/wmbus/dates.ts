/**
 * EN 13757-3 Annex A date/time types, little-endian on the wire (radio.md § 7.3).
 * Each decoder returns an ISO-like string (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], HH:MM:SS) or null when
 * the meter says "not set": the invalid bit, FFFF, month 0 or > 12, day 0 (periodic or unspecified).
 * With `evenIfInvalid` the type F and I decoders read the fields despite the IV bit: the record layer shows
 * what the bytes encode and flags it (`invalid`), so that nothing takes it for a valid clock.
 * Years are 2000 + the 7-bit year field, as wmbusmeters and WMP read them.
 */

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

function dateString(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year > 99) return null;
  return `${2000 + year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** Type G, 2 bytes: day b0[4:0], month b1[3:0], year b1[7:4] << 3 | b0[7:5]. */
export function decodeDateG(b: Uint8Array, p: number): string | null {
  const b0 = b[p]!;
  const b1 = b[p + 1]!;
  return dateString(((b1 & 0xf0) >> 1) | ((b0 & 0xe0) >> 5), b1 & 0x0f, b0 & 0x1f);
}

/** Type F, 4 bytes: minute b0[5:0] (b0 bit 7 invalid), hour b1[4:0], then a type G date in b2, b3. */
export function decodeDateTimeF(b: Uint8Array, p: number, evenIfInvalid = false): string | null {
  const b0 = b[p]!;
  const b1 = b[p + 1]!;
  const minute = b0 & 0x3f;
  const hour = b1 & 0x1f;
  if ((b0 & 0x80 && !evenIfInvalid) || minute > 59 || hour > 23) return null;
  const date = decodeDateG(b, p + 2);
  return date === null ? null : `${date}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}`;
}

/** Type I, 6 bytes: second b0[5:0], minute b1[5:0] (b1 bit 7 invalid), hour b2[4:0], date as type G in b3, b4; b5 week. */
export function decodeDateTimeI(b: Uint8Array, p: number, evenIfInvalid = false): string | null {
  const second = b[p]! & 0x3f;
  const b1 = b[p + 1]!;
  const minute = b1 & 0x3f;
  const hour = b[p + 2]! & 0x1f;
  if ((b1 & 0x80 && !evenIfInvalid) || second > 59 || minute > 59 || hour > 23) return null;
  const date = decodeDateG(b, p + 3);
  return date === null ? null : `${date}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
}

/**
 * The IV (time invalid) bit of a time point of `len` bytes: bit 7 of the minute byte of type F (4 bytes) and
 * type I (6 bytes); types G and J have none (EN 13757-3 Annex A).
 */
export function timePointInvalid(b: Uint8Array, p: number, len: number): boolean {
  if (len === 4) return (b[p]! & 0x80) !== 0;
  if (len === 6) return (b[p + 1]! & 0x80) !== 0;
  return false;
}

/** Type J, 3 bytes time of day: second b0[5:0], minute b1[5:0], hour b2[4:0]. */
export function decodeTimeJ(b: Uint8Array, p: number): string | null {
  const second = b[p]! & 0x3f;
  const minute = b[p + 1]! & 0x3f;
  const hour = b[p + 2]! & 0x1f;
  if (second > 59 || minute > 59 || hour > 23) return null;
  return `${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
}
