/** The billing period of a property that ends on a given due date (billing-domain.md § 4, § 6). */
import { addDays, isDueDate, resetBefore, type LocalDate } from '../billing/index.js';
import { PropertyError, type Property } from '../properties/index.js';
import { checkDate } from '../properties/validate.js';

export interface BillingPeriod {
  /** The reading closing the previous period: the period's opening reading date. */
  opening: LocalDate;
  first: LocalDate;
  last: LocalDate;
}

export function billingPeriod(property: Property, periodEnd: string): BillingPeriod {
  checkDate('periodEnd', periodEnd);
  if (!isDueDate(periodEnd, property.dueDate)) {
    throw new PropertyError('INPUT_INVALID', `periodEnd ${periodEnd} is not a due date of property ${property.id} (every --${property.dueDate})`);
  }
  const opening = resetBefore(periodEnd, property.dueDate);
  return { opening, first: addDays(opening, 1), last: periodEnd };
}
