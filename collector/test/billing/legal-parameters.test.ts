// Versioned legal parameters, billing-domain.md § 2.
import t from 'tap';
import { legalParameter, legalValue } from '../../src/billing/legal-parameters.js';

t.test('values by validity date', async (t) => {
  t.equal(legalValue('heatingConsumptionShareMax', '2023-01-01'), 0.7);
  t.equal(legalValue('estimatedAreaLimit', '2023-01-01'), 0.25);
  t.equal(legalValue('evaporativeInterimMinPermille', '2023-01-01'), 400);
  t.equal(legalValue('evaporativeInterimMaxPermille', '2023-01-01'), 800);
  t.equal(legalValue('calibrationYearsWarmWaterAndHeat', '2021-11-02'), 5, 'before the MessEV amendment');
  t.equal(legalValue('calibrationYearsWarmWaterAndHeat', '2021-11-03'), 6, 'from 03.11.2021');
  t.equal(legalValue('cutNoRemoteEquipment', '2021-12-01'), 0.03);
  t.throws(() => legalValue('cutNoRemoteEquipment', '2021-11-30'), { code: 'PARAMETER_UNKNOWN' });
  t.throws(() => legalValue('monovalentHeatPumpFactor', '2024-09-30'), { code: 'PARAMETER_UNKNOWN' });
  t.match(legalParameter('monovalentHeatPumpFactor', '2025-01-01'), { value: 0.3, source: '[HAUFE-9-32]' });
});
