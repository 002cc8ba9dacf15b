/**
 * The explicit list of drivers. A test asserts that every file in this folder is listed here, that
 * detection triples are unique, and that every driver reads its fixtures.
 */
import type { MeterDriver } from '../types.js';
import { iperl } from './iperl.js';
import { qcaloric } from './qcaloric.js';

export const DRIVERS: readonly MeterDriver[] = [iperl, qcaloric];
