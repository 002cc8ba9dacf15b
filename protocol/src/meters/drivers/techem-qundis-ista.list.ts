/** Drivers of the big German submetering brands: Techem, Qundis (incl. Siemens/ZRI rebrands), ista. */
import type { MeterDriver } from '../types.js';
import { qcaloric } from './qundis/qcaloric.js';
import { lse_08 } from './qundis/lse_08.js';
import { qheat5us } from './qundis/qheat5us.js';
import { qheat_55_us } from './qundis/qheat_55_us.js';
import { q400 } from './qundis/q400.js';
import { qsmoke } from './qundis/qsmoke.js';
import { lse_07_17 } from './qundis/lse_07_17.js';
import { qwaterv2 } from './qundis/qwaterv2.js';
import { qheatv2 } from './qundis/qheatv2.js';
import { fhkvdataiii } from './techem/fhkvdataiii.js';
import { fhkvdataiv } from './techem/fhkvdataiv.js';
import { mkradio3 } from './techem/mkradio3.js';
import { mkradio3a } from './techem/mkradio3a.js';
import { vario451 } from './techem/vario451.js';
import { mkradio4 } from './techem/mkradio4.js';
import { mkradio4a } from './techem/mkradio4a.js';
import { vario411 } from './techem/vario411.js';
import { vario451mid } from './techem/vario451mid.js';
import { compact5 } from './techem/compact5.js';
import { istaheat } from './ista/istaheat.js';
import { istawater } from './ista/istawater.js';

export const TECHEM_QUNDIS_ISTA: readonly MeterDriver[] = [
  // Qundis
  qcaloric, qwaterv2, qheatv2, lse_08, qheat5us, qheat_55_us, q400, qsmoke, lse_07_17,
  // Techem
  fhkvdataiii, fhkvdataiv, mkradio3, mkradio3a, mkradio4, mkradio4a, vario411, vario451, vario451mid, compact5,
  // ista
  istaheat, istawater,
];
