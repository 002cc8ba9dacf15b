/**
 * Shape of one entry of the frozen VIF tables (EN 13757-3 tables 10, 12, 14; radio.md § 7.2).
 * A table entry says what the record means and how its raw number is scaled into `unit`.
 */

/** How the data of a record is turned into a value once the data field type has been read. */
export const enum ValueKind {
  /** A number multiplied by `scale`. */
  Number = 0,
  /** A point in time: type G (2 bytes), J (3), F (4) or I (6), chosen by the data length. */
  TimePoint = 1,
  /** An identifier or counter kept unscaled (fabrication number, customer, versions, flags). */
  Plain = 2,
  /** Manufacturer-specific meaning: the number is kept unscaled with unit 'raw'. */
  Raw = 3,
}

export interface VifInfo {
  /** Semantic quantity in snake_case (see DataRecord.quantity). */
  readonly quantity: string;
  readonly description: string;
  /** Unit in the shared vocabulary (../shared/corpus/README.md). */
  readonly unit: string;
  /** Factor from the raw number to `unit`. */
  readonly scale: number;
  /**
   * `scale` as multiplier / divisor, so that 2436 × 0.1 comes out as 243.6 (2436 / 10) and not
   * 243.60000000000002: decimal fractions are applied by dividing by an exact integer.
   */
  readonly multiplier: number;
  readonly divisor: number;
  readonly kind: ValueKind;
  /**
   * Integers are read as two's complement (type B, EN 13757-3) for measured quantities, which is what
   * the reference decoder does: in the corpus, signed reading matches 23 more expected values (negative
   * history placeholders 0x80000000, −0.001 m3) than unsigned counters, and loses none. Identifiers,
   * flags, versions and counters of the FD table are unsigned.
   */
  readonly signed: boolean;
}

const POW10: readonly number[] = Array.from({ length: 41 }, (_, i) => Number(`1e${i - 20}`));

/** Exact powers of ten (1e-3, not 0.0010000000000000002) for exponents −20…20. */
export function pow10(exponent: number): number {
  return POW10[exponent + 20] ?? 10 ** exponent;
}

export function vif(
  quantity: string,
  description: string,
  unit: string,
  scale = 1,
  kind: ValueKind = ValueKind.Number,
  signed = kind === ValueKind.Number,
): VifInfo {
  const [multiplier, divisor] = asFraction(scale);
  return Object.freeze({ quantity, description, unit, scale, multiplier, divisor, kind, signed });
}

/** Splits a factor below 1 whose inverse is an integer (0.001 → [1, 1000]); others stay [factor, 1]. */
export function asFraction(factor: number): [multiplier: number, divisor: number] {
  if (factor >= 1 || factor <= 0) return [factor, 1];
  const inverse = Math.round(1 / factor);
  return Math.abs(1 / factor - inverse) <= 1e-9 * inverse ? [1, inverse] : [factor, 1];
}

/** Seconds per time unit nn of the duration VIFs (00 s, 01 min, 10 h, 11 d). */
export const SECONDS_BY_NN: readonly number[] = [1, 60, 3600, 86400];
/** Seconds per time unit pp of the FD68–6F durations (00 h, 01 d, 10 months, 11 years); a year is 365 days. */
export const SECONDS_BY_PP: readonly number[] = [3600, 86400, (365 * 86400) / 12, 365 * 86400];
export const DURATION_NAMES: readonly string[] = ['seconds', 'minutes', 'hours', 'days'];
