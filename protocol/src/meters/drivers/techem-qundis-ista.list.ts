/** Drivers of the big German submetering brands: Techem, Qundis (incl. Siemens/ZRI rebrands), ista. */
import type { MeterDriver } from '../types.js';
import { qcaloric } from './qundis/qcaloric.js';

export const TECHEM_QUNDIS_ISTA: readonly MeterDriver[] = [qcaloric];
