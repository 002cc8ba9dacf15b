/**
 * Coded errors of the collector's store. Codes are stable (counted, logged, mapped to HTTP statuses later);
 * a code is never renamed or reused. Messages never contain key material.
 */
import { CodedError } from '@wmbus/protocol';
export const STORE_ERROR_CATALOGUE = {
  STORE_SCHEMA_NEWER: 'database file was written by a newer collector (schema version unknown to this one)',
  STORE_OPEN: 'database file could not be opened',
  STORE_KEY_INVALID: 'meter key must be 16 bytes (AES-128) or 8 bytes (DES, security mode 2)',
  STORE_METER_INVALID: 'meter address must be a 3-letter manufacturer and an 8-character identification number',
  STORE_CURSOR_INVALID: 'pagination cursor is not one this store produced',
  STORE_RANGE_INVALID: 'time range or page size is not valid',
  STORE_RECORDS_UNAVAILABLE: 'no records source is set (the ingest sets one): records are decoded from the raw telegram on read',
} as const satisfies Record<string, string>;

export type StoreErrorCode = keyof typeof STORE_ERROR_CATALOGUE;

export class StoreError extends CodedError<StoreErrorCode> {
  override readonly name = 'StoreError';

  constructor(code: StoreErrorCode, detail?: string) {
    super(STORE_ERROR_CATALOGUE, code, detail);
  }
}

export const isStoreError = (e: unknown): e is StoreError => e instanceof StoreError;
