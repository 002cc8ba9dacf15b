/**
 * Coded errors of the billing core. Codes are stable: the HTTP layer and exporters key on them.
 * Every message says what is wrong with the input so a caller can fix it, never a stack trace.
 */
export const BILLING_ERROR_CATALOGUE = {
  DATE_INVALID: 'not a valid calendar date in the form YYYY-MM-DD',
  INTERVAL_REVERSED: 'interval ends before it starts',
  VALUE_INVALID: 'value is not a finite number or outside its allowed range',
  NO_READING_IN_TOLERANCE: 'no value of the meter lies within the tolerance around the target date',
  NO_ENCLOSING_READINGS: 'a value can only be computed between a reading before and a reading after the target date',
  READING_MISSING: 'a reading needed at a boundary date is missing',
  DUE_VALUE_MISSING: 'a resetting meter crossed a due date but the value stored at that due date is missing',
  NO_HISTORY: 'not enough past periods for the requested historic estimate',
  NO_PEERS: 'no comparable meters for an average estimate',
  SEGMENTS_OVERLAP: 'meter segments of one unit and register overlap in time',
  PARAMETER_UNKNOWN: 'no legal parameter of that name is valid at that date',
} as const;

export type BillingErrorCode = keyof typeof BILLING_ERROR_CATALOGUE;

export class BillingError extends Error {
  override readonly name = 'BillingError';
  readonly code: BillingErrorCode;

  constructor(code: BillingErrorCode, detail?: string) {
    const message = BILLING_ERROR_CATALOGUE[code];
    super(detail ? `${message}: ${detail}` : message);
    this.code = code;
  }

  toJSON(): { code: BillingErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export const isBillingError = (e: unknown): e is BillingError => e instanceof BillingError;
