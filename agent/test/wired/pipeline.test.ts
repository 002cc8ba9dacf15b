/**
 * A polled wired meter through the unchanged agent pipeline (real SQLite outbox): the link-header filter
 * reads a wired frame's meter address from its CI 72 header, and the decoded values equal the corpus
 * expectations (aptmbusna W: target_m3 0.389 at 2026-04-01, total_m3 16.119).
 */
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'cbor-x';
import { fromHex } from '@wmbus/protocol';
import { Outbox } from '../../src/store/index.js';
import { Pipeline, linkHeader } from '../../src/pipeline/pipeline.js';
import type { NormalizedTelegram } from '../../src/sticks/types.js';
import { fixture, mockBus } from './helpers.js';

const APT = fixture('aptmbusna/W');
const KAM = fixture('kamheat/Kamstrup_403_mbus');

function pipeline(t: { teardown: (fn: () => void) => void }, filters = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-wired-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const outbox = Outbox.open({ path: join(dir, 'outbox.db'), gatewayId: 'gw-wired' });
  t.teardown(() => outbox.close());
  const keys = Object.assign(() => null, { has: () => false });
  return { outbox, pipeline: new Pipeline({ outbox, keys, filters }) };
}

t.test('linkHeader reads a wired long frame from its CI 72 header, not from wireless DLL bytes', async (t) => {
  t.same(linkHeader(fromHex(APT.hex)), { manufacturer: 'APA', id: '00683775', version: 0x15, deviceType: 0x07 });
  t.same(linkHeader(fromHex(KAM.hex)), { manufacturer: 'KAM', id: '77447744', version: 0x34, deviceType: 0x04 });
});

t.test('polled by secondary address, filtered by id, decoded, stored with the bus id', async (t) => {
  const { master } = await mockBus(t, [{ frames: [APT.hex] }, { frames: [KAM.hex] }], {
    meters: [{ secondaryAddress: { id: '00683775' } }, { primaryAddress: 0x4a }],
  });
  const { outbox, pipeline: p } = pipeline(t, { ids: ['00683775'] });
  const outcomes: string[] = [];
  master.on('telegram', (x: NormalizedTelegram) => outcomes.push(p.handle(x)));
  await master.pollAll();
  t.same(outcomes, ['stored', 'filtered'], 'the Kamstrup is not in the id list');
  outbox.flush();
  const rows = outbox.claimBatch(10, 1 << 20);
  t.equal(rows.length, 1);
  const row = rows[0]!;
  t.equal(row.meterId, '00683775');
  t.equal(row.manufacturer, 'APA');
  t.equal(row.stickId, 'mbus-test');
  t.equal(row.linkMode, null);
  t.equal(row.decodeStatus, 'ok');
  t.equal(Buffer.from(row.raw).toString('hex').toUpperCase(), APT.hex, 'the whole long frame is the raw telegram');
  const decoded = decode(Buffer.from(row.decoded!)) as { reading: { current: { value: number; unit: string }; dueDate: { value: number; unit: string; date: string } } };
  t.equal(decoded.reading.current.value, APT.expected['total_m3']);
  t.equal(decoded.reading.dueDate.value, APT.expected['target_m3']);
  t.equal(decoded.reading.dueDate.value, 0.389);
  t.equal(decoded.reading.dueDate.date, APT.expected['target_date']);
  t.equal(decoded.reading.dueDate.unit, 'm3');
});
