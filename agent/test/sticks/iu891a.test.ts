import t from 'tap';
import { SerialPortMock } from 'serialport';
import { createSlipHciParser, encodeSlipHci } from '../../src/sticks/iu891a/framing.js';
import { iu891aTelegram } from '../../src/sticks/iu891a/telegram.js';
import { iu891aProtocol } from '../../src/sticks/iu891a/driver.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { StickEmulator } from '../../src/sticks/emulator/emulator.js';
import { iu891aModel } from '../../src/sticks/emulator/iu891a.js';
import { mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { mockSerialLink } from '../../src/transport/binding.js';
import { capture, concat, count, discarded, feedChunked, frames, hex, toHexLower, toHexUpper } from './helpers.js';

const s6 = capture<{ hex: string; expected: { timestamp: number; rssiDbm: number; telegram: string } }>('iu891a', 's6-rx-real');
const s7 = capture<{ ping: string; configReply: string; setT: string }>('iu891a', 's7-init-t');
const S6 = hex(s6.hex);

t.test('S6 (real): RX_MESSAGE_IND fields', async (t) => {
  const [f] = frames(createSlipHciParser().feed(S6, 0));
  t.match(f, { sap: 0x09, msgId: 0x20 });
  const tg = iu891aTelegram(f!, 'iu0', new Date(0))!;
  t.equal(toHexUpper(tg.telegram), s6.expected.telegram);
  t.equal(tg.stickTs, s6.expected.timestamp);
  t.equal(tg.rssiDbm, s6.expected.rssiDbm);
  t.equal(tg.rssiRaw, 0xe7);
  t.equal(tg.frameFormat, 'A', 'frame-format byte 02 < 20');
});

t.test('S7: encodings of ping and the config reply match the transcript', async (t) => {
  t.equal(toHexLower(encodeSlipHci({ sap: 1, msgId: 1, payload: new Uint8Array(0) })), s7.ping);
  const [reply] = frames(createSlipHciParser().feed(hex(s7.configReply), 0));
  t.match(reply, { sap: 9, msgId: 2 });
  t.equal(toHexLower(reply!.payload), '00010000000c0000000000', 'status 0 + the 10 config bytes of the transcript');
});

t.test('split chunks, shared delimiters, noise between frames, bad CRC', async (t) => {
  const shared = concat(S6.subarray(0, S6.length - 1), S6); // C0 a C0 b C0
  t.equal(frames(feedChunked(createSlipHciParser(), shared, [1])).length, 2, 'shared END delimiter');
  const noise = hex('11 22 33');
  const bad = Uint8Array.from(S6);
  bad[20] ^= 0x01;
  const events = feedChunked(createSlipHciParser(), concat(noise, S6, noise, bad, S6), [4, 9]);
  t.equal(frames(events).length, 2);
  t.equal(count(events, 'checksum'), 1);
  t.equal(discarded(events, 'noise'), 6);
  t.equal(discarded(events, 'checksum'), S6.length - 1, 'the closing END stays as the next opener');
});

t.test('escaping: C0 and DB inside the payload survive', async (t) => {
  const payload = hex('00 C0 DB DC DD C0');
  const encoded = encodeSlipHci({ sap: 9, msgId: 0x20, payload });
  t.equal(encoded.slice(1, -1).indexOf(0xc0), -1, 'no raw END inside');
  const [f] = frames(createSlipHciParser().feed(encoded, 0));
  t.same([...f!.payload], [...payload]);
  const broken = hex('C0 09 20 DB 00 00 00 C0'); // DB followed by 00 is not an escape
  t.equal(frames(createSlipHciParser().feed(broken, 0)).length, 0);
});

t.test('a lone END left after the last frame is not counted when it times out', async (t) => {
  const p = createSlipHciParser({ timeoutMs: 100 });
  p.feed(S6, 0);
  t.equal(p.pending, 1);
  t.same(p.expire(500), []);
  t.equal(p.pending, 0);
});

t.test('init with the S7 transcript stick: T1 wanted → exactly the transcript SET_ACTIVE_CONFIG bytes', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-iu-s7', { echo: false, record: true });
  const model = iu891aModel();
  const emulator = new StickEmulator(model);
  const driver = new StickDriver({
    protocol: iu891aProtocol,
    stickId: 'iu0',
    linkModes: ['T1'],
    open: mockSerialLink({ path: '/dev/mock-iu-s7', baudRate: 115200, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  const info = await driver.start();
  t.same(info.linkModes, ['T1']);
  const heard = emulator.heard.map(toHexLower);
  t.equal(heard[0], s7.ping);
  t.equal(heard[2], s7.setT);
});

t.test('init with C1+T1 wanted: link mode 3 (C/T), filter bit cleared, RX indication set', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-iu-ct', { echo: false, record: true });
  const model = iu891aModel({ activeConfig: '01030000' + '0c000000' + '0000' }); // filter bit 0 set
  const emulator = new StickEmulator(model);
  const driver = new StickDriver({
    protocol: iu891aProtocol,
    stickId: 'iu1',
    open: mockSerialLink({ path: '/dev/mock-iu-ct', baudRate: 115200, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  t.same((await driver.start()).linkModes, ['C1', 'T1']);
  t.equal(model.state.config[0], 3);
  t.equal(model.state.config[1]! & 0x03, 0x02);
});
