/**
 * Meter rows as the ingest writes them: the newest sighting sets version and device type, the first and last
 * seen times only widen, driver and kind are kept when a sighting has none, and the last RSSI per gateway
 * is the newest one. The table remembers what it wrote, so these rules are checked against the file as
 * another connection reads it, including after another connection wrote and after a rollback.
 */
import t from 'tap';
import { join } from 'node:path';
import { SqliteRepository, type MeterIdentity } from '../../src/store/index.js';
import { tempDir } from '../ingest/helpers.js';

const T0 = Date.UTC(2026, 0, 1);
const meter = (version: number, deviceType = 7): MeterIdentity => ({ manufacturer: 'ABC', id: '12345678', version, deviceType });

function open(t: { teardown(fn: () => unknown): void }): { file: string; repo: SqliteRepository; reader: SqliteRepository } {
  const file = join(tempDir(t), 'm.db');
  const repo = SqliteRepository.open(file);
  const reader = SqliteRepository.open(file);
  t.teardown(() => {
    repo.close();
    reader.close();
  });
  repo.transaction(() => repo.touchGateway('gw-a', T0));
  repo.transaction(() => repo.touchGateway('gw-b', T0));
  return { file, repo, reader };
}

t.test('sightings in successive transactions: newest wins, times widen, driver and kind stay', (t) => {
  const { repo, reader } = open(t);
  const id = repo.transaction(() => repo.upsertMeter(meter(1), { first: T0 + 10_000, last: T0 + 20_000 }, 'kamwater', 'water'));
  t.equal(repo.transaction(() => repo.upsertMeter(meter(1), { first: T0 + 15_000, last: T0 + 18_000 }, null, null)), id, 'same meter, same number');
  t.match(reader.meter(meter(1)), { version: 1, driver: 'kamwater', kind: 'water', firstSeenAt: T0 + 10_000, lastSeenAt: T0 + 20_000 }, 'an older sighting inside the known span changes nothing');

  repo.transaction(() => repo.upsertMeter(meter(2, 6), { first: T0 + 30_000, last: T0 + 40_000 }, null, null));
  t.match(reader.meter(meter(2)), { version: 2, deviceType: 6, driver: 'kamwater', kind: 'water', firstSeenAt: T0 + 10_000, lastSeenAt: T0 + 40_000 }, 'a newer sighting sets version and type');

  repo.transaction(() => repo.upsertMeter(meter(1, 7), { first: T0, last: T0 + 5_000 }, 'other', 'heat'));
  t.match(reader.meter(meter(1)), { version: 2, deviceType: 6, driver: 'other', kind: 'heat', firstSeenAt: T0, lastSeenAt: T0 + 40_000 }, 'an older one only widens the first time (and names a driver)');
  t.end();
});

t.test('last RSSI per gateway: the newest sighting at that gateway', (t) => {
  const { repo, reader } = open(t);
  const id = repo.transaction(() => repo.upsertMeter(meter(1), { first: T0, last: T0 }, null, null));
  repo.transaction(() => repo.noteMeterAtGateway(id, 'gw-a', -70, T0 + 1_000));
  repo.transaction(() => repo.noteMeterAtGateway(id, 'gw-a', -60, T0 + 500));
  repo.transaction(() => repo.noteMeterAtGateway(id, 'gw-b', -80, T0 + 2_000));
  t.same(reader.meter(meter(1))!.gateways, [
    { gatewayId: 'gw-a', lastRssiDbm: -70, lastSeenAt: T0 + 1_000 },
    { gatewayId: 'gw-b', lastRssiDbm: -80, lastSeenAt: T0 + 2_000 },
  ], 'an older RSSI does not replace a newer one');
  repo.transaction(() => repo.noteMeterAtGateway(id, 'gw-a', -65, T0 + 3_000));
  t.match(reader.meter(meter(1))!.gateways[0], { lastRssiDbm: -65, lastSeenAt: T0 + 3_000 });
  t.end();
});

t.test('another connection wrote the meter meanwhile: its newer values are not overwritten', (t) => {
  const { file, repo, reader } = open(t);
  const id = repo.transaction(() => repo.upsertMeter(meter(1), { first: T0, last: T0 + 1_000 }, null, null));
  repo.transaction(() => repo.noteMeterAtGateway(id, 'gw-a', -70, T0 + 1_000));
  const other = SqliteRepository.open(file);
  t.teardown(() => other.close());
  other.transaction(() => {
    other.upsertMeter(meter(3, 4), { first: T0, last: T0 + 50_000 }, 'newdriver', 'heat');
    other.noteMeterAtGateway(id, 'gw-a', -50, T0 + 50_000);
  });
  repo.transaction(() => {
    repo.upsertMeter(meter(2), { first: T0, last: T0 + 2_000 }, null, null);
    repo.noteMeterAtGateway(id, 'gw-a', -90, T0 + 2_000);
  });
  t.match(reader.meter(meter(1)), { version: 3, deviceType: 4, driver: 'newdriver', kind: 'heat', lastSeenAt: T0 + 50_000 });
  t.match(reader.meter(meter(1))!.gateways[0], { lastRssiDbm: -50, lastSeenAt: T0 + 50_000 });
  t.end();
});

t.test('a rolled-back transaction leaves nothing remembered: the meter is created again, and raw rows can point at it', (t) => {
  const { repo, reader } = open(t);
  t.throws(() =>
    repo.transaction(() => {
      repo.upsertMeter(meter(1), { first: T0, last: T0 }, 'kamwater', 'water');
      throw new Error('storage failed');
    }),
  );
  t.equal(reader.meter(meter(1)), undefined, 'rolled back');
  const id = repo.transaction(() => {
    const m = repo.upsertMeter(meter(1), { first: T0 + 1_000, last: T0 + 1_000 }, null, null);
    repo.insertRawTelegram({
      gatewayId: 'gw-a', seq: 1, receivedAt: T0 + 1_000, storedAt: T0 + 1_000, stickId: 's', raw: new Uint8Array([1, 2, 3]), rssiDbm: null,
      linkMode: null, frameFormat: null, meter: m, dedupeKey: new Uint8Array(16), decodeStatus: 'KEY_MISSING', agentError: null, reading: null,
    });
    return m;
  });
  t.match(reader.meter(meter(1)), { driver: null, kind: null, firstSeenAt: T0 + 1_000 }, 'the rolled-back driver is not taken for stored');
  t.equal(reader.rawTelegram(1)?.meter?.id, '12345678', 'the raw row points at the meter row that exists');
  t.ok(id > 0);
  t.end();
});
