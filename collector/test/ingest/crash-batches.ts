import type { UplinkBatch } from '@wmbus/protocol';
import { batch, fixture, T0, telegram } from './helpers.js';

/** Two batches of real telegrams: the first is acknowledged, the second is cut by a crash. */
export function crashBatches(): [UplinkBatch, UplinkBatch] {
  const kamwater = fixture('kamwater/MyTapWater.json');
  const kaden = fixture('kaden/KadenC10.json');
  const apator = fixture('apator162/ApWater.json');
  return [
    batch(telegram(1, kamwater.raw), telegram(2, kaden.raw, { receivedAt: T0 + 1 }), telegram(3, apator.raw, { receivedAt: T0 + 2 })),
    batch(
      telegram(4, kamwater.raw, { receivedAt: T0 + 120_000 }),
      telegram(5, kaden.raw, { receivedAt: T0 + 120_001 }),
      telegram(6, apator.raw, { receivedAt: T0 + 120_002 }),
    ),
  ];
}
