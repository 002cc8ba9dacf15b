/** Billing meter master data → the billing core's MeterInfo (what a telegram cannot say, billing-domain.md § 5.2–5.3). */
import type { MeterInfo, MeterType } from '../billing/index.js';
import type { BillingMeter, BillingMeterKind } from '../properties/index.js';

const TYPE: Record<BillingMeterKind, MeterType> = {
  hcaElectronic: 'hca',
  hcaEvaporative: 'hca',
  heat: 'heat',
  warmWater: 'warmWater',
  coldWater: 'coldWater',
};

export function meterInfo(meter: BillingMeter): MeterInfo {
  const info: MeterInfo = { meterId: String(meter.id), type: TYPE[meter.kind], resetsAtDueDate: meter.resetsAtDueDate, dueDate: meter.dueDate };
  if (meter.kind === 'hcaElectronic') info.hcaPrinciple = 'electronic';
  if (meter.kind === 'hcaEvaporative') info.hcaPrinciple = 'evaporative';
  return info;
}

/** Rating factor of a unit-scale HCA: billing multiplies its units by K_Q × K_C ([ARGE-SKALA], [SIEMENS-KC]). */
export function ratingFactor(meter: BillingMeter): number {
  if (meter.hcaScale !== 'unit') return 1;
  return (meter.kq ?? 1) * (meter.kc ?? 1);
}
