/**
 * The property model billing works on (billing-domain.md § 4, § 5, § 7):
 * - a property (Liegenschaft) has a yearly due date: every billing period ends on it;
 * - units (Nutzeinheiten) with their area;
 * - tenancies per unit as closed date intervals [moveIn, moveOut]; the next one moves in the day after the
 *   previous one moves out ([SEED-KALO]); a vacancy (Leerstand) is a tenancy without tenant, paid by the owner;
 * - billing meters with master data a telegram does not carry (kind, HCA scale and rating factors, room,
 *   § 5.3 gap), linked to the radio meter (manufacturer + identification number) whose readings the store has;
 * - assignments of meters to a position (Messstelle) of a unit with install and removal dates: a meter swap
 *   closes one assignment and opens the next at the same position, so consumption is summed by segment (§ 9).
 */
import type { LocalDate } from '../billing/index.js';

export interface Property {
  id: number;
  name: string;
  /** Last day of every billing period, 'MM-DD' (e.g. '12-31'). */
  dueDate: string;
  /** Degree-day table variant used for this property's splits (billing/degree-days.ts). */
  degreeDayTable: string;
}

export interface Unit {
  id: number;
  propertyId: number;
  name: string;
  areaM2: number;
}

export interface Tenancy {
  id: number;
  unitId: number;
  /** null for a vacancy. */
  tenant: string | null;
  vacancy: boolean;
  moveIn: LocalDate;
  /** null while it runs. */
  moveOut: LocalDate | null;
}

export const METER_KINDS = ['hcaElectronic', 'hcaEvaporative', 'heat', 'warmWater', 'coldWater'] as const;
export type BillingMeterKind = (typeof METER_KINDS)[number];

/** Einheitsskala: billing multiplies by the rating factors; Produktskala: factors are in the device ([ARGE-SKALA]). */
export type HcaScale = 'unit' | 'product';

export interface BillingMeter {
  id: number;
  propertyId: number;
  kind: BillingMeterKind;
  /** The radio meter; null for devices without radio (evaporative HCAs, read on site). */
  manufacturer: string | null;
  radioId: string | null;
  room: string | null;
  hcaScale: HcaScale | null;
  /** Rating factors K_Q, K_C (DIN EN 834 via [SIEMENS-KC]); null when not applicable. */
  kq: number | null;
  kc: number | null;
  /** Electronic HCAs restart at 0 after their due date ([EAD-LEIPZIG]); evaporative ones get a fresh ampoule at the main reading. */
  resetsAtDueDate: boolean;
  /** The device's own due date 'MM-DD'; defaults to the property's. */
  dueDate: string;
}

export interface MeterAssignment {
  id: number;
  meterId: number;
  unitId: number;
  /** The Messstelle within the unit (e.g. 'bath warm water'); a swap keeps the position. */
  position: string;
  /** The meter counts for the unit from the end of this day (its install reading). */
  installed: LocalDate;
  /** Date of the removal reading; null while installed. */
  removed: LocalDate | null;
}

/** A value read on site (evaporative HCAs, or a reading a technician typed in). */
export interface ManualReading {
  id: number;
  meterId: number;
  date: LocalDate;
  value: number;
  note: string | null;
}
