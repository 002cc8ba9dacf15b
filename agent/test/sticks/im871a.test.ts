import t from 'tap';
import { SerialPortMock } from 'serialport';
import { encodeImst, createImstParser, type ImstFrame } from '../../src/sticks/im871a/framing.js';
import { imstTelegram } from '../../src/sticks/im871a/telegram.js';
import { setConfigPayload } from '../../src/sticks/im871a/commands.js';
import { im871aProtocol } from '../../src/sticks/im871a/driver.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { StickEmulator } from '../../src/sticks/emulator/emulator.js';
import { im871aModel } from '../../src/sticks/emulator/im871a.js';
import { mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { mockSerialLink } from '../../src/transport/binding.js';
import type { NormalizedTelegram } from '../../src/sticks/types.js';
import { benchMix, capture, collect, concat, count, discarded, feedChunked, frames, hex, toHexUpper } from './helpers.js';

const s1 = capture<{ hex: string }>('im871a', 's1-rx-real');
const s2 = capture<{ hex: string; expected: { telegram: string } }>('im871a', 's2-rx-real');
const S1 = hex(s1.hex);
const S2 = hex(s2.hex);

t.test('S1 (real, rebuilt from the abridged vector): header fields as radio.md § 8.1 states', async (t) => {
  const events = createImstParser().feed(S1, 0);
  const [f] = frames(events);
  t.equal(events.length, 1);
  t.ok(f);
  t.match(f, { endpoint: 2, msgId: 3, timestamp: 0, rssi: 0xab, crc: true });
  t.equal(f!.payload.length, 73);
  const tg = imstTelegram(f!, 'stick0', new Date(0))!;
  t.equal(tg.telegram[0], 73, 'host rebuilds L = payload length');
  t.equal(toHexUpper(tg.telegram.subarray(1, 11)), '44B4095641071505077A', 'C 44, M B409 (BMT), id, ver 05, type 07, CI 7A');
  t.equal(tg.telegram[1], 0x44);
  t.equal(toHexUpper(tg.telegram.subarray(4, 8)), '56410715', 'id 15074156, BCD little-endian');
  t.equal(tg.telegram[10], 0x7a, 'CI 7A');
});

t.test('S2 (real): telegram, RSSI and formula', async (t) => {
  const [f] = frames(createImstParser().feed(S2, 0));
  const tg = imstTelegram(f!, 'stick0', new Date(5)) as NormalizedTelegram;
  t.equal(toHexUpper(tg.telegram), s2.expected.telegram);
  t.equal(tg.rssiRaw, 0xa5);
  t.equal(tg.rssiDbm, -38.7, '0.5333·165 − 126.67 = −38.67');
  t.equal(tg.frameFormat, 'unknown');
  t.equal(tg.crcCheckedBy, 'stick');
  t.equal(tg.stickTs, 0);
  t.same(tg.receivedAt, new Date(5));
});

t.test('split chunks and several frames per chunk', async (t) => {
  const stream = concat(S2, S1, S2);
  for (const sizes of [[1], [3, 7], [stream.length]]) {
    const events = feedChunked(createImstParser(), stream, sizes);
    t.equal(frames(events).length, 3, `chunks ${sizes}`);
    t.equal(discarded(events), 0);
  }
});

t.test('garbage before and between frames is counted; frames survive', async (t) => {
  const noise = hex('00 11 A5 10 22 33'); // the A5 here has the reserved bit 0x10 set: noise
  const events = feedChunked(createImstParser(), concat(noise, S2, hex('FF FE'), S1), [5]);
  t.equal(frames(events).length, 2);
  t.equal(discarded(events, 'noise'), noise.length + 2);
});

t.test('a bad CRC discards that frame only and is counted as a checksum error', async (t) => {
  const bad = Uint8Array.from(S2);
  bad[10] ^= 0x40;
  const events = createImstParser().feed(concat(bad, S1), 0);
  t.equal(frames(events).length, 1);
  t.equal(count(events, 'checksum'), 1);
  t.equal(discarded(events, 'checksum'), S2.length);
});

t.test('a partial frame times out and the next frame is parsed', async (t) => {
  const p = createImstParser({ timeoutMs: 2000 });
  t.same(p.feed(S2.subarray(0, 12), 0), []);
  t.equal(p.pending, 12);
  t.same(p.expire(1500), [], 'not yet');
  const events = p.feed(S1, 2600);
  t.same(events[0], { kind: 'garbage', bytes: 12, reason: 'timeout' });
  t.equal(frames(events).length, 1);
});

t.test('the buffer is bounded: a false start with a huge length is dropped', async (t) => {
  const p = createImstParser({ maxPending: 64 });
  const falseStart = hex('A5 01 0F FF'); // plausible header announcing 255 bytes
  const events = feedChunked(p, concat(falseStart, new Uint8Array(80), S2), [16]);
  t.ok(discarded(events, 'overflow') > 0);
  t.equal(frames(events).length, 1, 'the real frame after it is still found');
  t.ok(p.pending <= 64);
});

t.test('command encodings reproduce S3, S5 and parse S4', async (t) => {
  const s3 = capture<{ tx: string; rx: string }>('im871a', 's3-ping');
  t.equal(toHexUpper(encodeImst({ endpoint: 1, msgId: 1, payload: new Uint8Array(0), crc: false })), s3.tx);
  t.equal(toHexUpper(encodeImst({ endpoint: 1, msgId: 2, payload: new Uint8Array(0) })), s3.rx);
  const s5 = capture<{ tx: string; rx: string }>('im871a', 's5-set-config-t');
  t.equal(toHexUpper(encodeImst({ endpoint: 1, msgId: 3, payload: hex('000300030800') })), s5.tx);
  t.match(frames(createImstParser().feed(hex(s5.rx), 0))[0], { endpoint: 1, msgId: 4, crc: true });
  const s4 = capture<{ rx: string }>('im871a', 's4-device-info');
  const [info] = frames<ImstFrame>(createImstParser().feed(hex(s4.rx), 0));
  t.same([...info!.payload.subarray(0, 4)], [0x33, 0x00, 0x13, 0x01]);
  t.equal(toHexUpper(setConfigPayload(0x0a)), '0003000A38000100', 'merged SET_CONFIG choice of radio.md § 2.1');
});

async function mockSetup(t: { teardown(fn: () => unknown): void }, firmware: number, path: string) {
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  const model = im871aModel({ firmware });
  const emulator = new StickEmulator(model, { maxChunk: 9 });
  const driver = new StickDriver({
    protocol: im871aProtocol,
    stickId: 'im0',
    open: mockSerialLink({ path, baudRate: 57600, onOpen: (port) => emulator.attach(mockPortEndpoint(port)) }),
  });
  t.teardown(() => driver.stop());
  return { model, emulator, driver };
}

t.test('init sequence through the mock binding: firmware 0x15 gets C1+T1', async (t) => {
  const { model, emulator, driver } = await mockSetup(t, 0x15, '/dev/mock-im-a');
  const info = await driver.start();
  t.same(model.state.requests, [0x0f, 0x05, 0x03], 'GET_DEVICEINFO, GET_CONFIG, SET_CONFIG');
  t.equal(model.state.linkMode, 0x0a);
  t.equal(model.state.rssi, true);
  t.same(info, { model: 'iM871A', firmware: '0x15', linkModes: ['C1', 'T1'] });
  const mix = benchMix();
  const got = collect<NormalizedTelegram>(driver, 'telegram', mix.length);
  await emulator.replay(mix, { rssiRaw: 0xab });
  const telegrams = await got;
  t.same(telegrams.map((x) => toHexUpper(x.telegram)), mix.map((h) => h.toUpperCase()));
  t.ok(telegrams.every((x) => x.rssiRaw === 0xab && x.stickId === 'im0'));
  t.equal(driver.counters.telegrams, mix.length);
  t.equal(driver.counters.checksumErrors, 0);
});

t.test('init sequence: firmware 0x13 falls back to C1 only', async (t) => {
  const { model, driver } = await mockSetup(t, 0x13, '/dev/mock-im-b');
  const info = await driver.start();
  t.equal(model.state.linkMode, 0x07, 'C1b');
  t.same(info.linkModes, ['C1']);
});

t.test('noise and bad checksums from the emulator are counted; telegrams in between arrive', async (t) => {
  const { emulator, driver } = await mockSetup(t, 0x15, '/dev/mock-im-c');
  await driver.start();
  const mix = benchMix();
  const got = collect<NormalizedTelegram>(driver, 'telegram', 8);
  const report = await emulator.replay(mix, { noiseEvery: 3, noiseBytes: 5, badChecksumEvery: 5 });
  const telegrams = await got;
  t.equal(report.corrupted, 2);
  t.same(telegrams.map((x) => toHexUpper(x.telegram)), mix.filter((_, i) => (i + 1) % 5 !== 0).map((h) => h.toUpperCase()));
  await new Promise((r) => setTimeout(r, 20));
  t.equal(driver.counters.checksumErrors, 2);
  t.equal(driver.counters.discardedBytes, report.noiseBytes + [4, 9].reduce((n, i) => n + hex(mix[i]!).length - 1 + 4 + 1 + 2, 0));
});

t.test('telegram indications arriving during the init sequence pass through and are not taken as answers', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-im-busy', { echo: false, record: true });
  const base = im871aModel({ firmware: 0x15 });
  const telegram = hex(s2.expected.telegram);
  // a busy neighbourhood: the stick reports a telegram just before every answer
  const busy = { ...base, receive: (chunk: Uint8Array) => base.receive(chunk).flatMap((answer) => [base.indication(telegram, 0x70), answer]) };
  const emulator = new StickEmulator(busy, { maxChunk: 5 });
  const driver = new StickDriver({
    protocol: im871aProtocol,
    stickId: 'im-busy',
    open: mockSerialLink({ path: '/dev/mock-im-busy', baudRate: 57600, onOpen: (port) => emulator.attach(mockPortEndpoint(port)) }),
  });
  t.teardown(() => driver.stop());
  const seen: NormalizedTelegram[] = [];
  driver.on('telegram', (x: NormalizedTelegram) => seen.push(x));
  const info = await driver.start();
  t.same(info.linkModes, ['C1', 'T1']);
  t.equal(seen.length, 3, 'one telegram before each of the three answers');
  t.ok(seen.every((x) => toHexUpper(x.telegram) === s2.expected.telegram));
});

t.test('telegrams() is an async iterator that ends when the driver stops', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-im-iter', { echo: false, record: true });
  const emulator = new StickEmulator(im871aModel());
  const driver = new StickDriver({
    protocol: im871aProtocol,
    stickId: 'im-iter',
    open: mockSerialLink({ path: '/dev/mock-im-iter', baudRate: 57600, onOpen: (port) => emulator.attach(mockPortEndpoint(port)) }),
  });
  await driver.start();
  const mix = benchMix().slice(0, 3);
  const received: string[] = [];
  const loop = (async () => {
    for await (const x of driver.telegrams()) {
      received.push(toHexUpper(x.telegram));
      if (received.length === mix.length) await driver.stop();
    }
  })();
  await emulator.replay(mix);
  await loop;
  t.same(received, mix.map((h) => h.toUpperCase()));
});
