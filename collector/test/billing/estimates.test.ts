// Estimates H1..H5, D6, D7 and the § 9a 25 % rule (billing-domain.md § 1.8, § 7.1, [SEED-EDDI], [HKV-2009]).
import t from 'tap';
import { estimatedAreaExceedsLimit, estimateFromHistory, estimateFromPeers, readingFromEstimate } from '../../src/billing/estimates.js';
import type { PeerConsumption } from '../../src/billing/estimates.js';

const past = [
  { periodId: '2022', consumption: 30 },
  { periodId: '2021', consumption: 36 },
  { periodId: '2020', consumption: 33 },
];

t.test('H1..H5: mean of the same meter over the last n periods', async (t) => {
  t.same(estimateFromHistory(past, 1), { kind: 'H1', value: 30, basedOn: ['2022'] });
  t.same(estimateFromHistory(past, 3), { kind: 'H3', value: 33, basedOn: ['2022', '2021', '2020'] });
  t.throws(() => estimateFromHistory(past, 4), { code: 'NO_HISTORY' });
});

t.test('D6 same type, D7 same type and room; the meter itself never counts', async (t) => {
  const peers: PeerConsumption[] = [
    { meterId: 'self', type: 'hca', room: 'kitchen', consumption: 999 },
    { meterId: 'a', type: 'hca', room: 'kitchen', consumption: 100 },
    { meterId: 'b', type: 'hca', room: 'bath', consumption: 60 },
    { meterId: 'c', type: 'hca', room: 'kitchen', consumption: 140 },
    { meterId: 'd', type: 'warmWater', room: 'kitchen', consumption: 5 },
  ];
  const target = { meterId: 'self', type: 'hca' as const, room: 'kitchen' };
  t.same(estimateFromPeers(target, peers, 'D6'), { kind: 'D6', value: 100, basedOn: ['a', 'b', 'c'] });
  t.same(estimateFromPeers(target, peers, 'D7'), { kind: 'D7', value: 120, basedOn: ['a', 'c'] });
  t.throws(() => estimateFromPeers({ ...target, room: 'attic' }, peers, 'D7'), { code: 'NO_PEERS' });
});

t.test('an estimate becomes the closing reading with its kind', async (t) => {
  const opening = { meterId: 'm', kind: 'A' as const, value: 200, date: '2022-12-31', telegramIds: ['t1'] };
  t.match(readingFromEstimate(opening, estimateFromHistory(past, 2), '2023-12-31'), { kind: 'H2', value: 233, date: '2023-12-31' });
});

t.test('§ 9a Abs. 2: more than 25 % estimated area → fixed keys only', async (t) => {
  t.equal(estimatedAreaExceedsLimit(25, 100, '2023-01-01'), false, 'exactly 25 % is not more');
  t.equal(estimatedAreaExceedsLimit(25.5, 100, '2023-01-01'), true);
  t.throws(() => estimatedAreaExceedsLimit(5, 0, '2023-01-01'), { code: 'VALUE_INVALID' });
});
