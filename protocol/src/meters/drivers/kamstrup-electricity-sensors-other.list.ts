/** Drivers of Kamstrup, Engelmann, Zenner, Itron, Sensus, electricity meters, room sensors, gas and the rest. */
import type { MeterDriver } from '../types.js';
import { iperl } from './sensus/iperl.js';

export const KAMSTRUP_ELECTRICITY_SENSORS_OTHER: readonly MeterDriver[] = [iperl];
