/**
 * Rounding money at the end of a bill, VAT contained in a gross amount, and the rounding difference a
 * building overview shows (billing-domain.md T3 [SEED-CASAMETA], T9 [MISTERCHECK]). The rounding rule is
 * configurable because the public sample bill is reproduced both by per-line rounding and by truncation (§ 11.9).
 */
import { BillingError } from './errors.js';

export type TotalRounding = 'roundEachLine' | 'roundSum' | 'truncateSum';

// Amounts like 24.26 are not exact in binary; a nudge far below a cent keeps x.xx5 from rounding the wrong way.
const NUDGE = 1e-7;

function checked(amount: number): number {
  if (!Number.isFinite(amount)) throw new BillingError('VALUE_INVALID', `amount ${amount}`);
  return amount;
}

/** Commercial rounding to cents, half away from zero. */
export function roundToCents(amount: number): number {
  const cents = Math.abs(checked(amount)) * 100;
  return (Math.sign(amount) * Math.round(cents + NUDGE)) / 100;
}

export function truncateToCents(amount: number): number {
  const cents = Math.abs(checked(amount)) * 100;
  return (Math.sign(amount) * Math.floor(cents + NUDGE)) / 100;
}

/** A user's total from unrounded line amounts. */
export function billTotal(lines: readonly number[], rule: TotalRounding = 'roundEachLine'): number {
  if (rule === 'roundEachLine') return roundToCents(lines.reduce((sum, line) => sum + roundToCents(line), 0));
  const sum = lines.reduce((s, line) => s + checked(line), 0);
  return rule === 'roundSum' ? roundToCents(sum) : truncateToCents(sum);
}

/** VAT contained in a gross amount: gross × rate / (100 + rate), e.g. 19 % → × 19/119. */
export function includedVat(gross: number, ratePercent: number): number {
  if (!(ratePercent >= 0)) throw new BillingError('VALUE_INVALID', `VAT rate ${ratePercent}`);
  return roundToCents((checked(gross) * ratePercent) / (100 + ratePercent));
}

export interface Settlement {
  /** positive: the user pays (Nachzahlung); negative: the user gets money back (Guthaben) */
  balance: number;
  kind: 'Nachzahlung' | 'Guthaben' | 'ausgeglichen';
}

export function settle(total: number, prepaid: number): Settlement {
  const balance = roundToCents(checked(total) - checked(prepaid));
  return { balance, kind: balance > 0 ? 'Nachzahlung' : balance < 0 ? 'Guthaben' : 'ausgeglichen' };
}

/** Building total minus the sum of the users' rounded amounts; shown explicitly, never hidden (T3). */
export function roundingDifference(buildingTotal: number, userAmounts: readonly number[]): number {
  return roundToCents(checked(buildingTotal) - userAmounts.reduce((sum, a) => sum + checked(a), 0));
}
