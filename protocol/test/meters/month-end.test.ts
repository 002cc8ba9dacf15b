/**
 * monthEndBefore (history dates of meters that send no dates, and drivers that derive them) computes the
 * calendar itself; it must give what Date gives, across leap years, year ends, negative and large offsets.
 */
import t from 'tap';
import { monthEndBefore } from '../../src/meters/reading.js';

/** The definition: day 0 of the month after the target month, as Date computes it. */
const byDate = (time: string, back: number): string => {
  try {
    return new Date(Date.UTC(Number(time.slice(0, 4)), Number(time.slice(5, 7)) - back, 0)).toISOString().slice(0, 10);
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};
const ours = (time: string, back: number): string => {
  try {
    return monthEndBefore(time, back);
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};

t.test('the same dates as Date', async (t) => {
  let compared = 0;
  const years = [0, 99, 100, 999, 1000, 1600, 1899, 1900, 1999, 2000, 2023, 2024, 2025, 2099, 2100, 2400, 9999];
  for (const year of years) {
    for (let month = 0; month <= 13; month++) {
      for (const back of [-25, -12, -1, 0, 1, 2, 11, 12, 13, 14, 23, 24, 25, 120, 1300, 0.5]) {
        const time = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-28T12:00:00`;
        if (ours(time, back) !== byDate(time, back)) t.fail(`${time} back ${back}: ${ours(time, back)}, Date says ${byDate(time, back)}`);
        compared++;
      }
    }
  }
  for (const time of ['', '2024', 'abcd-ef-gh', '2024-1x-01', ' 2024-03-01']) {
    for (const back of [0, 1]) {
      t.equal(ours(time, back), byDate(time, back), JSON.stringify(time));
      compared++;
    }
  }
  t.equal(monthEndBefore('2024-03-15T10:00:00', 1), '2024-02-29');
  t.equal(monthEndBefore('2023-03-15', 1), '2023-02-28');
  t.equal(monthEndBefore('2024-01-31', 1), '2023-12-31');
  t.ok(compared > 3000, `${compared} compared`);
});
