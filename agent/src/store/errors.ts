/**
 * Coded errors of the outbox. Codes are stable (callers count them), never renamed or reused.
 * An OutboxError never means stored rows were lost: every failing write rolls back whole, and
 * telegrams that could not be committed stay buffered in memory for the next attempt.
 */
export const OUTBOX_ERRORS = {
  OUTBOX_RAW_MISSING: 'entry has no raw telegram bytes (raw must be a non-empty Uint8Array)',
  OUTBOX_FIELD_INVALID: 'entry field has a wrong type or is out of range',
  OUTBOX_TOO_LARGE: 'raw or decoded bytes exceed the size an outbox row accepts',
  OUTBOX_OPTIONS: 'outbox options are invalid',
  OUTBOX_CLOSED: 'outbox is closed',
  OUTBOX_BACKLOG_FULL: 'too many telegrams wait in memory because commits keep failing',
  OUTBOX_STORAGE: 'SQLite could not commit; the batch stays buffered and is retried',
  OUTBOX_SCHEMA_NEWER: 'database was written by a newer agent (schema version unknown to this one)',
  OUTBOX_GATEWAY_MISMATCH: 'database belongs to another gateway id',
} as const;

export type OutboxErrorCode = keyof typeof OUTBOX_ERRORS;

export class OutboxError extends Error {
  override readonly name = 'OutboxError';
  readonly code: OutboxErrorCode;

  constructor(code: OutboxErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${OUTBOX_ERRORS[code]}: ${detail}` : OUTBOX_ERRORS[code], options);
    this.code = code;
  }
}

export const isOutboxError = (e: unknown): e is OutboxError => e instanceof OutboxError;
