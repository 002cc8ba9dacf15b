/**
 * The explicit list of drivers, in groups (one list file per family, `*.list.ts`; the drivers themselves
 * live in one folder per manufacturer). A test asserts that every driver file is listed in a group, that
 * detection triples are unique, and that every driver reads its fixtures.
 */
import type { MeterDriver } from '../types.js';
import { TECHEM_QUNDIS_ISTA } from './techem-qundis-ista.list.js';
import { DIEHL_APATOR_BMETERS_HCA } from './diehl-apator-bmeters-hca.list.js';
import { KAMSTRUP_ELECTRICITY_SENSORS_OTHER } from './kamstrup-electricity-sensors-other.list.js';

export const DRIVERS: readonly MeterDriver[] = [...TECHEM_QUNDIS_ISTA, ...DIEHL_APATOR_BMETERS_HCA, ...KAMSTRUP_ELECTRICITY_SENSORS_OTHER];
