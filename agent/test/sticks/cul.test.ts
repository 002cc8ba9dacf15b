import t from 'tap';
import { SerialPortMock } from 'serialport';
import { createCulParser } from '../../src/sticks/cul/framing.js';
import { culTelegram } from '../../src/sticks/cul/telegram.js';
import { culProtocol } from '../../src/sticks/cul/driver.js';
import { addFrameACrcs } from '../../src/sticks/dll-crc.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { StickEmulator } from '../../src/sticks/emulator/emulator.js';
import { culModel } from '../../src/sticks/emulator/cul.js';
import { mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { mockSerialLink } from '../../src/transport/binding.js';
import { capture, concat, feedChunked, frames, hex, toHexUpper } from './helpers.js';

const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const s10 = capture<{ line: string; expected: { telegram: string; lqi: number; rssiRaw: number; rssiDbm: number } }>('cul', 's10-rx-real-frame-b');
const s11 = capture<{ line: string; telegram: string }>('cul', 's11-mock-no-crc');
// radio.md § 8.2 V1: a real frame A with CRCs, wrapped in a culfw line with LQI 0x80 and RSSI 0xD0
const frameA = capture<{ v1Line: string; v1: { crcFree: string } }>('cul', 'frame-a-with-crcs');
const V1_LINE = frameA.v1Line;
const V1_CRC_FREE = frameA.v1.crcFree;

t.test('S10 (real, frame B): CRC verified and stripped by the host, LQI and RSSI split off', async (t) => {
  const [f] = frames(createCulParser().feed(ascii(s10.line), 0));
  t.ok(f);
  const tg = culTelegram(f!, 'cul0', new Date(0));
  t.equal(toHexUpper(tg.telegram), s10.expected.telegram);
  t.equal(tg.frameFormat, 'B');
  t.equal(tg.crcCheckedBy, 'host');
  t.equal(f!.lqi, s10.expected.lqi);
  t.equal(tg.rssiRaw, s10.expected.rssiRaw);
  t.equal(tg.rssiDbm, s10.expected.rssiDbm);
});

t.test('frame A line (V1 bytes): blocks verified and stripped', async (t) => {
  const [f] = frames(createCulParser().feed(ascii(V1_LINE), 0));
  t.equal(toHexUpper(f!.telegram), V1_CRC_FREE);
  t.equal(f!.format, 'A');
  t.equal(culTelegram(f!, 'c', new Date(0)).rssiDbm, (0xd0 - 256) / 2 - 74);
});

t.test('S11 (ioB mock line without CRCs) is rejected; the same telegram with CRCs is accepted', async (t) => {
  const events = createCulParser().feed(ascii(s11.line), 0);
  t.same(events, [{ kind: 'garbage', bytes: s11.line.length, reason: 'truncated' }]);
  const line = 'b' + toHexUpper(addFrameACrcs(hex(s11.telegram))) + '8031\r\n';
  const [f] = frames(createCulParser().feed(ascii(line), 0));
  t.equal(toHexUpper(f!.telegram), s11.telegram);
});

t.test('odd hex length (cut line), bad CRC, noise and text lines', async (t) => {
  const cut = 'b2E449315785634123303336\r\n'; // odd digit count after the b: culfw truncated it
  const badCrc = V1_LINE.replace('93157856', '93157857');
  const noise = Uint8Array.of(0x81, 0xfe, 0x0d, 0x0a);
  const version = capture<{ line: string }>('cul', 'version').line;
  const stream = concat(ascii(version), ascii(cut), noise, ascii(badCrc), ascii(s10.line), ascii('TMODE\r\n'));
  const events = feedChunked(createCulParser(), stream, [7, 3]);
  t.same(events.filter((e) => e.kind === 'text'), [{ kind: 'text', text: 'V 1.67 nanoCUL868' }, { kind: 'text', text: 'TMODE' }]);
  t.same(events.filter((e) => e.kind === 'garbage'), [
    { kind: 'garbage', bytes: cut.length, reason: 'truncated' },
    { kind: 'garbage', bytes: 4, reason: 'noise' },
    { kind: 'garbage', bytes: badCrc.length, reason: 'checksum' },
  ]);
  t.equal(frames(events).length, 1);
});

t.test('stock firmware without C mode: brc refused → brt, link modes T1', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-cul-stock', { echo: false, record: true });
  const model = culModel({ cMode: false });
  const emulator = new StickEmulator(model);
  const driver = new StickDriver({
    protocol: culProtocol,
    stickId: 'cul1',
    open: mockSerialLink({ path: '/dev/mock-cul-stock', baudRate: 38400, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  const info = await driver.start();
  t.same(info, { model: 'nanoCUL868', firmware: '1.67', linkModes: ['T1'] });
  t.same(model.state.requests, ['V', 'brc', 'brt', 'X21', 'V']);
});

t.test('C-mode firmware with frame B telegrams through the driver', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-cul-b', { echo: false, record: true });
  const emulator = new StickEmulator(culModel({ frameB: true }), { maxChunk: 13 });
  const driver = new StickDriver({
    protocol: culProtocol,
    stickId: 'cul2',
    open: mockSerialLink({ path: '/dev/mock-cul-b', baudRate: 38400, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  t.same((await driver.start()).linkModes, ['C1', 'T1']);
  const got = new Promise<import('../../src/sticks/types.js').NormalizedTelegram>((r) => driver.once('telegram', r));
  await emulator.replay([s10.expected.telegram], { rssiRaw: 0x31 });
  const tg = await got;
  t.equal(toHexUpper(tg.telegram), s10.expected.telegram);
  t.equal(tg.frameFormat, 'B');
  t.equal(tg.rssiDbm, -49.5);
});
