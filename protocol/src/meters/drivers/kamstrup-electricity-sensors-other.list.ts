/** Drivers of Kamstrup, Engelmann, Zenner, Itron, Sensus, electricity meters, room sensors, gas and the rest. */
import type { MeterDriver } from '../types.js';
import { iperl } from './sensus/iperl.js';
import { kamheat } from './kamstrup/kamheat.js';
import { kamwater } from './kamstrup/kamwater.js';
import { kampress } from './kamstrup/kampress.js';
import { omnipower } from './kamstrup/omnipower.js';
import { iem3000 } from './schneider/iem3000.js';
import { ime } from './ime/ime.js';
import { elf } from './apator/elf.js';
import { elf2 } from './apator/elf2.js';
import { c5isf } from './zenner/c5isf.js';
import { ultraheat } from './landis/ultraheat.js';
import { pollucomf } from './sensus/pollucomf.js';
import { actislink } from './sensus/actislink.js';
import { supercom587 } from './sontex/supercom587.js';
import { itron } from './itron/itron.js';
import { aerius } from './diehl/aerius.js';
import { elster } from './elster/elster.js';
import { unismart } from './apator/unismart.js';
import { amiplus } from './apator/amiplus.js';
import { esyswm } from './easymeter/esyswm.js';
import { gransystems } from './gran/gransystems.js';
import { nzr } from './nzr/nzr.js';
import { ehzp } from './emh/ehzp.js';
import { lansendw } from './lansen/lansendw.js';
import { lansenpu } from './lansen/lansenpu.js';
import { lansenrp } from './lansen/lansenrp.js';
import { lansensm } from './lansen/lansensm.js';
import { lansenth } from './lansen/lansenth.js';
import { elvsense } from './elv/elvsense.js';
import { munia } from './weptech/munia.js';
import { cma12w } from './elv/cma12w.js';
import { piigth } from './pii/piigth.js';
import { enercal } from './gwf/enercal.js';
import { qualcosonic } from './axioma/qualcosonic.js';
import { abbb23 } from './abb/abbb23.js';
import { eltako } from './eltako/eltako.js';
import { tsd2 } from './techem/tsd2.js';
import { supercal } from './sontex/supercal.js';
import { em24 } from './gavazzi/em24.js';

export const KAMSTRUP_ELECTRICITY_SENSORS_OTHER: readonly MeterDriver[] = [iperl, kamheat, kamwater, kampress, omnipower, iem3000, ime,
  elf, elf2, c5isf, ultraheat, pollucomf, actislink, supercom587, itron, aerius, elster, unismart, amiplus, esyswm, gransystems, nzr, ehzp, lansendw, lansenpu, lansenrp, lansensm, lansenth, elvsense, munia, cma12w, piigth,
  enercal, qualcosonic, abbb23, eltako, tsd2, supercal, em24,
];
