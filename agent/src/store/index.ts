export { Outbox, DEFAULT_MAX_AGE_MS, DEFAULT_MAX_BYTES, DEFAULT_MAX_SENT_AGE_MS, type OutboxOptions, type OutboxStats } from './outbox.js';
export type { OutboxEntry, OutboxRow } from './outbox-entry.js';
export { OutboxError, OUTBOX_ERRORS, isOutboxError, type OutboxErrorCode } from './errors.js';
export { SCHEMA_VERSION } from './migrations.js';
export type { SentDropReason, UnsentDropReason } from './prune.js';
