import t from 'tap';
import { SerialPortMock } from 'serialport';
import { createEmbitParser, encodeEmbit } from '../../src/sticks/embit/framing.js';
import { embitTelegram } from '../../src/sticks/embit/telegram.js';
import { embitProtocol } from '../../src/sticks/embit/driver.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { StickEmulator } from '../../src/sticks/emulator/emulator.js';
import { embitModel } from '../../src/sticks/emulator/embit.js';
import { mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { mockSerialLink } from '../../src/transport/binding.js';
import { capture, concat, count, feedChunked, frames, hex, toHexUpper } from './helpers.js';

// Only ioB documents this stick (radio.md § 2.5); no real capture exists, so frames are built from the layout.
const S2_TELEGRAM = capture<{ expected: { telegram: string } }>('im871a', 's2-rx-real').expected.telegram; // radio.md § 8.1 S2

t.test('DEVICE_INFORMATION request is the documented 00 04 01 05', async (t) => {
  t.equal(toHexUpper(encodeEmbit(0x01)), '00040105');
});

t.test('RECEIVED_DATA with RSSI, timestamp and the frame-B bit (constructed fixture)', async (t) => {
  const fixture = capture<{ hex: string; expected: { telegram: string; rssiDbm: number; stickTs: number; frameFormat: string } }>('embit', 'received-data-constructed');
  const [f] = frames(createEmbitParser().feed(hex(fixture.hex), 0));
  const tg = embitTelegram(f!, 'ebi', new Date(0))!;
  t.equal(toHexUpper(tg.telegram), fixture.expected.telegram);
  t.equal(tg.rssiDbm, fixture.expected.rssiDbm);
  t.equal(tg.stickTs, fixture.expected.stickTs, 'u32 big-endian, 1/32768 s');
  t.equal(tg.frameFormat, fixture.expected.frameFormat);
});

t.test('split chunks, noise and a bad sum', async (t) => {
  const good = encodeEmbit(0xe0, [0x00, 0x00, ...hex(S2_TELEGRAM)]);
  const bad = Uint8Array.from(good);
  bad[bad.length - 1]! ^= 0x01;
  const events = feedChunked(createEmbitParser(), concat(hex('FF 7E 03'), good, bad, good), [5]);
  t.equal(frames(events).length, 2);
  t.equal(count(events, 'checksum'), 1);
});

t.test('init: ioB order, waits for the ready notification after RESET', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-embit', { echo: false, record: true });
  const model = embitModel();
  const emulator = new StickEmulator(model);
  const driver = new StickDriver({
    protocol: embitProtocol,
    stickId: 'ebi0',
    linkModes: ['T1'],
    open: mockSerialLink({ path: '/dev/mock-embit', baudRate: 9600, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  const info = await driver.start();
  t.same(model.state.requests, [0x01, 0x05, 0x10, 0x11, 0x13, 0x24, 0x08, 0x31]);
  t.equal(model.state.channel, 0x19, 'T 868.95 MHz');
  t.same(info, { model: 'EMB-WMB868', linkModes: ['T1'] });
});
