/**
 * The wired M-Bus master against the emulated bus on serialport's mock binding: polling by primary and by
 * secondary address, retries, the FCB rules of a multi-telegram answer, collisions and the secondary
 * search. Meters answer with real corpus wired frames (fixtures/telegrams).
 */
import t from 'tap';
import { fixture, hexOf, mockBus } from './helpers.js';
import type { NormalizedTelegram } from '../../src/sticks/types.js';

const APT = fixture('aptmbusna/W'); // A = 00, id 00683775
const APT2 = fixture('aptmbusna/W_2'); // A = 6C, id 00345157
const KAM = fixture('kamheat/Kamstrup_403_mbus'); // A = 4A, id 77447744
const MC603 = fixture('kamheat/Kamstrup_MC603_mbus'); // id 32323232
// iem3000 S3: one real three-telegram answer (access numbers 0D, 0E, 0F; the first two end with DIF 1F)
const S3 = ['iem3000/S3_1', 'iem3000/S3_2', 'iem3000/S3_3'].map((p) => fixture(p).hex); // A = 17, id 11111111
const S2 = fixture('iem3000/S2_1'); // id 78563412 (bytes 12 34 56 78, LSB first)
const S4 = fixture('iem3000/S4_1'); // id 77777777

t.test('poll by primary address: SND_NKE, E5, REQ_UD2 with FCB set, the meter\'s long frame', async (t) => {
  const { bus, master } = await mockBus(t, [{ frames: [APT.hex] }, { frames: [KAM.hex] }]);
  const telegrams: NormalizedTelegram[] = [];
  master.on('telegram', (x: NormalizedTelegram) => telegrams.push(x));
  const result = await master.pollPrimary(0x4a);
  t.notOk(result.error);
  t.same(result.frames.map(hexOf), [KAM.hex]);
  // 10 40 4A (40+4A=8A) 16, then 10 7B 4A (7B+4A=C5) 16
  t.same(bus.heard.map(hexOf), ['10404A8A16', '107B4AC516']);
  t.equal(telegrams.length, 1);
  t.same(hexOf(telegrams[0]!.telegram), KAM.hex);
  t.equal(telegrams[0]!.frameFormat, 'unknown');
  t.equal(telegrams[0]!.crcCheckedBy, 'host');
  t.equal(telegrams[0]!.stickId, 'mbus-test');
  t.notOk('linkMode' in telegrams[0]!);
  t.match(master.counters, { polls: 1, answers: 2, timeouts: 0, retries: 0, telegrams: 1 });
});

t.test('poll by secondary address: select to FD, E5, REQ_UD2 to FD; other meters stay silent', async (t) => {
  const { bus, master } = await mockBus(t, [{ frames: [APT.hex] }, { frames: [APT2.hex] }, { frames: [KAM.hex] }]);
  const result = await master.pollSecondary({ id: '00345157' });
  t.notOk(result.error);
  t.same(result.frames.map(hexOf), [APT2.hex]);
  t.equal(hexOf(bus.heard[0]!).slice(0, 14), '680B0B6853FD52', 'SND_UD to FD, CI 52');
  t.equal(hexOf(bus.heard[1]!), '107BFD7816');
  t.equal(bus.collisions, 0);
  const byManufacturer = await master.pollSecondary({ id: 'FFFFFFFF', manufacturer: 'KAM' });
  t.same(byManufacturer.frames.map(hexOf), [KAM.hex], 'wildcard id, manufacturer KAM: only the Kamstrup');
});

t.test('a silent meter: 1 + 3 attempts, then WIRED_NO_ANSWER; the next meter is still polled', async (t) => {
  const { master } = await mockBus(t, [{ frames: [APT.hex], silent: true }, { frames: [KAM.hex] }], {
    meters: [{ primaryAddress: 0 }, { primaryAddress: 0x4a }],
  });
  const started = Date.now();
  const [dead, alive] = await master.pollAll();
  t.equal(dead!.error?.code, 'WIRED_NO_ANSWER');
  t.same(dead!.frames, []);
  t.same(alive!.frames.map(hexOf), [KAM.hex]);
  t.match(master.counters, { polls: 2, timeouts: 4, retries: 3, failedPolls: 1, telegrams: 1 });
  t.ok(Date.now() - started >= 4 * 60, 'each attempt waited for the response timeout');
});

t.test('multi-telegram answer: FCB toggles 7B 5B 7B until the answer without DIF 1F', async (t) => {
  const { bus, master } = await mockBus(t, [{ frames: S3 }]);
  const result = await master.pollPrimary(0x17);
  t.notOk(result.error);
  t.same(result.frames.map(hexOf), S3);
  // REQ_UD2 to 17: 7B+17 = 92, 5B+17 = 72
  t.same(bus.heard.map(hexOf), ['1040175716', '107B179216', '105B177216', '107B179216']);
  t.equal(master.counters.telegrams, 3);
});

t.test('a lost answer is requested again with the same FCB, so the meter repeats instead of moving on', async (t) => {
  // transmissions: 1 = E5, 2 = telegram 1, 3 = telegram 2 (lost), 4 = telegram 2 again
  const { bus, master } = await mockBus(t, [{ frames: S3, loseTransmissions: [3] }]);
  const result = await master.pollPrimary(0x17);
  t.notOk(result.error);
  t.same(result.frames.map(hexOf), S3, 'all three telegrams, none skipped');
  t.same(bus.heard.map(hexOf), ['1040175716', '107B179216', '105B177216', '105B177216', '107B179216']);
  t.match(master.counters, { timeouts: 1, retries: 1, telegrams: 3 });
});

t.test('a garbled answer counts as a checksum error and is retried', async (t) => {
  const { bus, master } = await mockBus(t, [{ frames: [KAM.hex] }]);
  // Corrupt the first RSP_UD on its way to the master (a flipped bit on the bus).
  const meter = bus.meters[0]!;
  const original = meter.request.bind(meter);
  let first = true;
  meter.request = (fcb: boolean) => {
    const frame = original(fcb);
    if (!first) return frame;
    first = false;
    const bad = frame.slice();
    bad[20]! ^= 0x04;
    return bad;
  };
  const result = await master.pollPrimary(0x4a);
  t.same(result.frames.map(hexOf), [KAM.hex]);
  t.match(master.counters, { checksumErrors: 1, retries: 1 });
});

t.test('two meters answering the broadcast FE at once: a collision, never a telegram', async (t) => {
  const { bus, master } = await mockBus(t, [{ frames: [APT.hex] }, { frames: [KAM.hex] }], { retries: 1 });
  const result = await master.pollPrimary(0xfe);
  t.equal(result.error?.code, 'WIRED_BROKEN_ANSWER');
  t.equal(master.counters.telegrams, 0);
  t.ok(bus.collisions >= 2);
  t.ok(master.counters.discardedBytes > 0);
});

t.test('the secondary search finds exactly the meters on the bus', async (t) => {
  const meters = [APT, APT2, KAM, MC603, S2, S4].map((f) => ({ frames: [f.hex] }));
  meters.push({ frames: S3 });
  const { bus, master } = await mockBus(t, meters, { responseTimeoutMs: 25 });
  const result = await master.search();
  const ids = result.meters.map((m) => m.address.id).sort();
  t.same(ids, ['00345157', '00683775', '11111111', '32323232', '77447744', '77777777', '78563412']);
  t.same(result.unresolved, []);
  t.same(
    result.meters.find((m) => m.address.id === '00683775')!.address,
    { id: '00683775', manufacturer: 'APA', version: 0x15, medium: 0x07 },
  );
  t.equal(master.counters.collisions, 5, `collisions at FFFFFFFF, 0…, 00…, 7…, 77…: ${master.counters.collisions}`);
  t.equal(bus.collisions, master.counters.collisions, 'every collision on the bus was seen as one');
});

t.test('search on an empty bus: one probe, nothing found', async (t) => {
  const { bus, master } = await mockBus(t, []);
  const result = await master.search();
  t.same(result, { meters: [], unresolved: [] });
  t.equal(bus.heard.length, 1);
});

t.test('scheduled polling: every meter once per round, rounds repeat until stop()', async (t) => {
  const { master } = await mockBus(t, [{ frames: [APT.hex] }, { frames: [KAM.hex] }], {
    meters: [{ primaryAddress: 0 }, { secondaryAddress: { id: '77447744' } }],
    pollIntervalMs: 20,
  });
  const targets: string[] = [];
  await new Promise<void>((resolve) =>
    master.on('poll', (r: { target: string; frames: Uint8Array[] }) => {
      targets.push(`${r.target}:${r.frames.length}`);
      if (targets.length === 4) resolve();
    }),
  );
  await master.stop();
  t.same(targets, ['primary 0:1', 'secondary 77447744:1', 'primary 0:1', 'secondary 77447744:1']);
});

t.test('the port closing under the master: a failure event, then the next poll reopens it', async (t) => {
  const { master, port } = await mockBus(t, [{ frames: [KAM.hex] }]);
  const failures: string[] = [];
  master.on('failure', (e: { code: string }) => failures.push(e.code));
  const closed = new Promise((resolve) => master.once('closed', resolve));
  const first = port();
  first.close();
  await closed;
  t.same(failures, ['WIRED_LINK_CLOSED']);
  const result = await master.pollPrimary(0x4a);
  t.notOk(result.error);
  t.same(result.frames.map(hexOf), [KAM.hex]);
  t.not(port(), first, 'a new port was opened');
});

t.test('invalid meter entries are refused with a coded error', async (t) => {
  const { WiredMaster } = await import('../../src/wired/master.js');
  const open = async () => {
    throw new Error('not opened');
  };
  t.throws(() => new WiredMaster({ open, busId: 'x', meters: [{ primaryAddress: 251 }] }), { code: 'WIRED_CONFIG' });
  t.throws(() => new WiredMaster({ open, busId: 'x', meters: [{}] }), { code: 'WIRED_CONFIG' });
  t.throws(() => new WiredMaster({ open, busId: 'x', meters: [{ secondaryAddress: { id: '12' } }] }), { code: 'WIRED_REQUEST' });
  const master = new WiredMaster({ open, busId: 'x' });
  await t.rejects(master.start(), { code: 'WIRED_LINK_OPEN' });
});
