/** Drivers of Kamstrup, Engelmann, Zenner, Itron, Sensus, electricity meters, room sensors, gas and the rest. */
import type { MeterDriver } from '../types.js';
import { iperl } from './sensus/iperl.js';
import { kamheat } from './kamstrup/kamheat.js';
import { kamwater } from './kamstrup/kamwater.js';
import { kampress } from './kamstrup/kampress.js';
import { omnipower } from './kamstrup/omnipower.js';
import { iem3000 } from './schneider/iem3000.js';
import { ime } from './ime/ime.js';

export const KAMSTRUP_ELECTRICITY_SENSORS_OTHER: readonly MeterDriver[] = [iperl, kamheat, kamwater, kampress, omnipower, iem3000, ime];
