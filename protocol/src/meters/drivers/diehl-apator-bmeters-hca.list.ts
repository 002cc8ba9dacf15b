/** Drivers of Diehl/Hydrometer/Sappel, Apator, B meters, and the heat cost allocators of the other brands. */
import type { MeterDriver } from '../types.js';

export const DIEHL_APATOR_BMETERS_HCA: readonly MeterDriver[] = [];
