/**
 * Coded errors of the property model (Liegenschaften, Nutzeinheiten, Nutzungen, Zähler-Stammdaten).
 * Codes are stable; the HTTP layer maps them to 4xx. Messages say what to fix.
 */
import { CodedError } from '@wmbus/protocol';
export const PROPERTY_ERROR_CATALOGUE = {
  PROPERTY_NOT_FOUND: 'no such property',
  UNIT_NOT_FOUND: 'no such unit',
  METER_NOT_FOUND: 'no such meter',
  TENANCY_NOT_FOUND: 'no running tenancy or vacancy to end',
  INPUT_INVALID: 'input is not valid',
  TENANCY_SEQUENCE: 'tenancies of a unit follow each other without gap or overlap: the next one starts the day after the previous one ends',
  ASSIGNMENT_CONFLICT: 'the position already has a meter installed at that date, or the meter is installed elsewhere',
  METER_DUPLICATE: 'a meter with this manufacturer and identification number already exists',
  BILLING_SCHEMA_NEWER: 'the database carries a billing schema newer than this collector knows',
} as const satisfies Record<string, string>;

export type PropertyErrorCode = keyof typeof PROPERTY_ERROR_CATALOGUE;

export class PropertyError extends CodedError<PropertyErrorCode> {
  override readonly name = 'PropertyError';

  constructor(code: PropertyErrorCode, detail?: string) {
    super(PROPERTY_ERROR_CATALOGUE, code, detail);
  }
}

export const isPropertyError = (e: unknown): e is PropertyError => e instanceof PropertyError;
