/**
 * Manufacturer field (EN 13757-4 / FLAG association): u16 little-endian, three letters of five bits each.
 * Example 2D2C → 0x2C2D → KAM (radio.md § 3.1).
 */
export function manufacturerFromCode(code: number): string {
  return String.fromCharCode(((code >> 10) & 31) + 64, ((code >> 5) & 31) + 64, (code & 31) + 64);
}

export function manufacturerToCode(letters: string): number {
  const u = letters.toUpperCase();
  return ((u.charCodeAt(0) - 64) << 10) | ((u.charCodeAt(1) - 64) << 5) | (u.charCodeAt(2) - 64);
}
