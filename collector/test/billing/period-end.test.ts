// Period-end reading selection: due-date value first, else the closest value within tolerance.
// billing-domain.md § 6 ([WMB-DV], [BFW-GOHL]), § 7.4 and § 9 tolerance tiers ([EDDI-UEB]), T7, T8.
import t from 'tap';
import { endOfDay, readingDateOfStartOfDayLabel } from '../../src/billing/calendar.js';
import { selectPeriodEndReading } from '../../src/billing/period-end.js';
import type { MeterInfo, MeterValues } from '../../src/billing/reading.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const water: MeterInfo = { meterId: 'dwz', type: 'coldWater', resetsAtDueDate: false, dueDate: '12-31' };
const hca: MeterInfo = { meterId: 'hca', type: 'hca', resetsAtDueDate: true, dueDate: '12-31', hcaPrinciple: 'electronic' };

t.test('T8: the set-date value is the period-end reading [WMB-WSTARM]', async (t) => {
  const values: MeterValues = {
    meterId: 'dwz',
    samples: [{ value: 55.36, at: Date.parse('2022-09-23T10:00:00Z'), telegramId: 'now' }],
    stored: [
      { value: 27.65, date: '2021-12-31', telegramId: 'tg1', source: 'dueDate' },
      { value: 27.65, date: readingDateOfStartOfDayLabel('2022-01-01'), telegramId: 'tg1', source: 'history' },
      { value: 30.519, date: readingDateOfStartOfDayLabel('2022-02-01'), telegramId: 'tg1', source: 'history' },
    ],
  };
  const selected = selectPeriodEndReading(water, values, '2021-12-31');
  t.equal(selected.reading.value, 27.65);
  t.equal(selected.source, 'dueDate', 'due-date value preferred over the equal history slot');
  t.equal(selected.reading.kind, 'A');
  t.same(selected.reading.telegramIds, ['tg1']);
  t.equal(selectPeriodEndReading(water, values, '2022-01-31').reading.value, 30.519, 'month-end from history');
  t.throws(() => selectPeriodEndReading(water, values, '2022-12-31'), { code: 'NO_READING_IN_TOLERANCE' }, '2022-09-23 is 99 days before');
});

t.test('T7: resetting HCA closes 2018 with storage 1 = 145 [WMB-QCAL]', async (t) => {
  const values: MeterValues = {
    meterId: 'hca',
    samples: [{ value: 127, at: Date.parse('2019-02-20T10:32:00Z'), telegramId: 't7' }],
    stored: [
      { value: 145, date: '2018-12-31', telegramId: 't7', source: 'dueDate' },
      { value: 79, date: '2019-01-31', telegramId: 't7', source: 'history' },
    ],
  };
  const selected = selectPeriodEndReading(hca, values, '2018-12-31');
  t.equal(selected.reading.value, 145);
  t.equal(selected.reading.sinceReset, '2017-12-31', 'counts since the previous due date');
});

t.test('closest current value within the tolerance, with eddi24 quality tiers [EDDI-UEB]', async (t) => {
  const target = endOfDay('2023-12-31');
  const values: MeterValues = {
    meterId: 'dwz',
    samples: [
      { value: 120.0, at: target - 5 * DAY, telegramId: 'a' },
      { value: 121.0, at: target - 2 * HOUR, telegramId: 'b' },
      { value: 121.2, at: target + 3 * HOUR, telegramId: 'c' },
      { value: Number.NaN, at: target, telegramId: 'broken' },
    ],
    stored: [],
  };
  const selected = selectPeriodEndReading(water, values, '2023-12-31');
  t.equal(selected.reading.value, 121.0, 'the value 2 h before midnight is closest');
  t.equal(selected.quality, 'good');
  t.equal(selected.reading.date, '2023-12-31', 'Stichtag');
  t.equal(selected.reading.observedAt, target - 2 * HOUR, 'Ablesedatum kept separately');
  const farOnly: MeterValues = { meterId: 'dwz', samples: [values.samples[0]], stored: [] };
  t.equal(selectPeriodEndReading(water, farOnly, '2023-12-31').quality, 'acceptable', '5 days → 4–31 tier');
  t.throws(() => selectPeriodEndReading(water, farOnly, '2023-12-31', { toleranceDays: 3 }), { code: 'NO_READING_IN_TOLERANCE' });
});

t.test('a resetting meter ignores values after its due date', async (t) => {
  const target = endOfDay('2023-12-31');
  const values: MeterValues = {
    meterId: 'hca',
    samples: [
      { value: 310, at: target - 20 * HOUR, telegramId: 'before' },
      { value: 0, at: target + HOUR, telegramId: 'after-reset' },
    ],
    stored: [],
  };
  const selected = selectPeriodEndReading(hca, values, '2023-12-31');
  t.equal(selected.reading.value, 310);
  t.same(selected.reading.telegramIds, ['before']);
});
