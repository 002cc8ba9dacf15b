import t from 'tap';
import { SerialPortMock } from 'serialport';
import { createAmberParser, encodeAmber } from '../../src/sticks/amber/framing.js';
import { amberTelegram } from '../../src/sticks/amber/telegram.js';
import { amberProtocol } from '../../src/sticks/amber/driver.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { StickEmulator } from '../../src/sticks/emulator/emulator.js';
import { amberModel } from '../../src/sticks/emulator/amber.js';
import { mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { mockSerialLink } from '../../src/transport/binding.js';
import { capture, concat, count, feedChunked, frames, hex, toHexUpper } from './helpers.js';

const s8 = capture<{ prefix: string }>('amber', 's8-rx-real-cut');
const s9 = capture<Record<string, string>>('amber', 's9-commands');
const init = capture<{ steps: [string, string][] }>('amber', 'init-t-iob');

/** S8 is cut off in its source: complete it (filler 00, RSSI 0x40) and compute the XOR checksum here. */
function completeS8(): Uint8Array {
  const prefix = hex(s8.prefix);
  const len = prefix[2]!; // 0x5F = 94 telegram bytes + RSSI
  const frame = new Uint8Array(4 + len);
  frame.set(prefix, 0);
  frame[3 + len - 1] = 0x40; // RSSI
  let x = 0;
  for (let i = 0; i < frame.length - 1; i++) x ^= frame[i]!;
  frame[frame.length - 1] = x;
  return frame;
}

t.test('S8 (real header, completed): DATA_IND gives L = len − 1 and the HYD heat meter header', async (t) => {
  const [f] = frames(createAmberParser().feed(completeS8(), 0));
  t.match(f, { cmd: 0x03 });
  const tg = amberTelegram(f!, true, 'amb0', new Date(0))!;
  t.equal(tg.telegram[0], 0x5e);
  t.equal(tg.telegram.length, 0x5e + 1);
  t.equal(toHexUpper(tg.telegram.subarray(1, 12)), '442423267260752004' + '7A26', 'C 44, M 2423 (HYD), id 75607226, type 04, CI 7A, ACC 26');
  t.equal(tg.rssiRaw, 0x40);
  t.equal(tg.rssiDbm, 0x40 / 2 - 74);
  t.equal(tg.crcCheckedBy, 'stick');
});

t.test('S9 frames parse with a valid XOR and encode identically', async (t) => {
  for (const [name, text] of Object.entries(s9)) {
    if (name === 'source') continue;
    const bytes = hex(text);
    const [f] = frames(createAmberParser().feed(bytes, 0));
    t.ok(f, name);
    t.equal(toHexUpper(encodeAmber(f!.cmd, f!.payload)), text.toUpperCase(), name);
  }
});

t.test('RSSI off: the telegram is the whole payload', async (t) => {
  const [f] = frames(createAmberParser().feed(encodeAmber(0x03, hex('44 2D2C 99873476 1B 16 8D')), 0));
  const tg = amberTelegram(f!, false, 'a', new Date(0))!;
  t.equal(toHexUpper(tg.telegram), '0A442D2C998734761B168D');
  t.equal(tg.rssiRaw, undefined);
});

t.test('noise, split chunks and a bad checksum around real frames', async (t) => {
  const s8 = completeS8();
  const bad = Uint8Array.from(s8);
  bad[30] ^= 0x10;
  const reply = hex(s9.serialReply!);
  const events = feedChunked(createAmberParser(), concat(hex('FF 77 12'), s8, bad, reply, s8), [15]);
  t.equal(frames(events).length, 3);
  t.equal(count(events, 'checksum'), 1);
});

t.test('init follows the ioB transcript requests and replies', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-amber-iob', { echo: false, record: true });
  const model = amberModel();
  const emulator = new StickEmulator(model);
  const driver = new StickDriver({
    protocol: amberProtocol,
    stickId: 'amb0',
    linkModes: ['T1'],
    open: mockSerialLink({ path: '/dev/mock-amber-iob', baudRate: 9600, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  const info = await driver.start();
  t.same(info, { model: 'AMB8465', firmware: '1.2.3', linkModes: ['T1'] });
  const heard = emulator.heard.map(toHexUpper);
  for (const [request] of init.steps) t.ok(heard.includes(request.toUpperCase()), `sent ${request}`);
  t.equal(heard[heard.length - 1], init.steps[1]![0].toUpperCase(), 'SET_MODE_REQ T2-Other last');
  t.equal(model.state.resets, 0, 'nothing to correct, no reset');
});

t.test('init corrects auto-sleep, RSSI and command output, resets once, then sets C2/T2-Other', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-amber-fix', { echo: false, record: true });
  const model = amberModel({ params: { 0x05: 0, 0x3f: 1, 0x45: 0 } });
  const emulator = new StickEmulator(model);
  const driver = new StickDriver({
    protocol: amberProtocol,
    stickId: 'amb1',
    open: mockSerialLink({ path: '/dev/mock-amber-fix', baudRate: 9600, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  const info = await driver.start();
  t.same(model.state.params, { 0x05: 1, 0x3f: 0, 0x45: 1 });
  t.equal(model.state.resets, 1);
  t.equal(model.state.mode, 0x09);
  t.same(info.linkModes, ['C1', 'T1']);
  t.ok(emulator.heard.map(toHexUpper).includes('FF0903050101F0'), 'the doc\'s write of parameter 05');
});

t.test('telegrams during init: dropped until RSSI_Enable is known, then split correctly', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-amber-busy', { echo: false, record: true });
  const base = amberModel();
  const telegram = hex(capture<{ expected: { telegram: string } }>('im871a', 's2-rx-real').expected.telegram); // radio.md § 8.1 S2
  const busy = { ...base, receive: (chunk: Uint8Array) => base.receive(chunk).flatMap((answer) => [base.indication(telegram, 0x20), answer]) };
  const emulator = new StickEmulator(busy, { maxChunk: 6 });
  const driver = new StickDriver({
    protocol: amberProtocol,
    stickId: 'amb-busy',
    open: mockSerialLink({ path: '/dev/mock-amber-busy', baudRate: 9600, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  const seen: import('../../src/sticks/types.js').NormalizedTelegram[] = [];
  driver.on('telegram', (x) => seen.push(x));
  await driver.start();
  // answers: FWV, GET 45 (telegrams before both are ambiguous), GET 05, GET 3F, SET_MODE
  t.equal(seen.length, 3);
  t.ok(seen.every((x) => toHexUpper(x.telegram) === toHexUpper(telegram) && x.rssiRaw === 0x20));
  t.equal(driver.counters.framesOk - driver.counters.telegrams, 5 + 2, 'five answers and the two dropped indications');
});
