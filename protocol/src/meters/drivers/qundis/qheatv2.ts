import type { MeterDriver } from '../../types.js';
import { QUNDIS_ERROR_FLAGS } from './qundis-status.js';
import { readWalkByDataSet } from './walk-by.js';
import { QUNDIS_NO_VALUE_8000, VIF_0D_IS_100KJ } from '../../deviation-reasons.js';

const monthsNoValue = (months: number[]): Record<string, string> => Object.fromEntries(months.map((m) => [`energy_delta_${m}_kwh`, QUNDIS_NO_VALUE_8000]));

/**
 * Qundis Q heat 5.5 heat meters (and radio converters, type 0x37). Long telegrams (CI 72/7A) carry plain
 * records: total energy, the yearly set-day value (storage 1), the last month end (storage 17) with their
 * dates and error flags. Short ones (CI 78) carry the same values and 12 monthly consumptions in the
 * WalkByDataSet block (./walk-by.ts). Detection: wmbusmeters/wmbusmeters: drivers/src/qheatv2.xmq (the older
 * qheat driver, src/driver_qheat.cc, read the same meters).
 */
export const qheatv2: MeterDriver = {
  name: 'qheatv2',
  description: 'Qundis Q heat 5.5 heat meter',
  manufacturerName: 'Qundis',
  kind: 'heat',
  // LSE 23/04 is claimed by the reference's qheat5us too; its only corpus meter (a Q heat 5 US) goes there.
  detect: ['QDS', 'LSE']
    .flatMap((manufacturer) => [0x23, 0x3e, 0x46, 0x47, 0x48].flatMap((version) => [0x04, 0x37].map((deviceType) => ({ manufacturer, version, deviceType }))))
    .filter((d) => !(d.manufacturer === 'LSE' && d.version === 0x23 && d.deviceType === 0x04)),
  fields: [
    { name: 'total', match: { quantity: 'energy', storage: 0 } },
    { name: 'target_year', match: { quantity: 'energy', storage: 1 } },
    { name: 'target_year_date', match: { quantity: 'date', storage: 1 } },
    { name: 'target', match: { quantity: 'energy', storage: 17 } },
    { name: 'target_date', match: { quantity: 'date', storage: 17 } },
    { name: 'device_error_date', match: { quantity: 'date', function: 'error' } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'energy_delta', match: { quantity: 'energy', storage: [2, 13], modifiers: ['increment'] }, series: true },
    { name: 'month_end', match: { quantity: 'energy', storage: [2, 13], plain: true }, series: true },
  ],
  status: [QUNDIS_ERROR_FLAGS],
  decode: readWalkByDataSet,
  fixtures: [
    'qheat/QQ1.json',
    'qheatv2/QQ1.json',
    'qheatv2/QHeat55r_2.json',
    'qheat/QHeato.json',
    'qheat/QHeato_2.json',
    'qheat/Qheatoo.json',
    'qheat/Qheatoo_2.json',
    'qheat/Qheatoo_3.json',
    'qheatv2/QHeat55r.json',
    'qheatv2/QHeato.json',
    'qheatv2/QQA.json',
    'qheatv2/QQB.json',
  ],
  deviations: {
    'qheat/QQ1.json': {
      total_energy_consumption_kwh: VIF_0D_IS_100KJ,
      last_month_energy_consumption_kwh: VIF_0D_IS_100KJ,
      last_year_energy_consumption_kwh: VIF_0D_IS_100KJ,
    },
    'qheatv2/QQ1.json': monthsNoValue([2, 3, 4, 5, 6, 7]),
    'qheatv2/QHeat55r_2.json': monthsNoValue([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  },
};
