/** Input checks of the property model: every failure is an INPUT_INVALID naming the field. */
import { isBillingError, parseDate, type LocalDate } from '../billing/index.js';
import { PropertyError } from './errors.js';

export function checkDate(field: string, value: unknown): LocalDate {
  try {
    parseDate(value as string);
  } catch (e) {
    if (isBillingError(e)) throw new PropertyError('INPUT_INVALID', `${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    throw e;
  }
  return value as LocalDate;
}

/** 'MM-DD' of a day that exists in every year (29 February does not). */
export function checkMonthDay(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d{2}-\d{2}$/.test(value) || value === '02-29') {
    throw new PropertyError('INPUT_INVALID', `${field} must be MM-DD of a day every year has, got ${JSON.stringify(value)}`);
  }
  checkDate(field, `2001-${value}`);
  return value;
}

export function checkText(field: string, value: unknown, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new PropertyError('INPUT_INVALID', `${field} must be non-empty text of at most ${max} characters`);
  }
  return value;
}

export function checkPositive(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new PropertyError('INPUT_INVALID', `${field} must be a number > 0`);
  return value;
}

export function checkFinite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new PropertyError('INPUT_INVALID', `${field} must be a finite number`);
  return value;
}
