import t from 'tap';
import { SerialPortMock } from 'serialport';
import { createRc1180Parser } from '../../src/sticks/rc1180/framing.js';
import { rc1180Protocol } from '../../src/sticks/rc1180/driver.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { StickEmulator } from '../../src/sticks/emulator/emulator.js';
import { rc1180Model } from '../../src/sticks/emulator/rc1180.js';
import { mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { mockSerialLink } from '../../src/transport/binding.js';
import type { NormalizedTelegram } from '../../src/sticks/types.js';
import { capture, concat, discarded, feedChunked, frames, hex, toHexUpper } from './helpers.js';

// real telegrams (radio.md § 8.1 S2, § 8.6 multical21) in a constructed raw stream: the module has no framing
const stream = capture<{ hex: string; telegrams: [string, string]; rssi: number[] }>('rc1180', 'raw-stream-constructed');
const A = hex(stream.telegrams[0]);
const B = hex(stream.telegrams[1]);

t.test('raw data with an RSSI byte: resync on L followed by a valid C-field', async (t) => {
  const p = createRc1180Parser({ phase: 'data', rssiEnabled: true });
  const events = feedChunked(p, hex(stream.hex), [6]);
  const fs = frames(events);
  t.equal(fs.length, 2);
  t.same(fs.map((f) => (f.kind === 'telegram' ? [toHexUpper(f.telegram), f.rssi] : [])), [
    [stream.telegrams[0], stream.rssi[0]],
    [stream.telegrams[1], stream.rssi[1]],
  ]);
  t.equal(discarded(events, 'noise'), 3);
});

t.test('without RSSI appending the next byte starts the next telegram', async (t) => {
  const fs = frames(createRc1180Parser({ phase: 'data', rssiEnabled: false }).feed(concat(A, B), 0));
  t.equal(fs.length, 2);
});

t.test('init reads register 5 from the config dump: RSSI off → telegrams without a trailing byte', async (t) => {
  SerialPortMock.binding.createPort('/dev/mock-rc-off', { echo: false, record: true });
  const emulator = new StickEmulator(rc1180Model({ rssi: false }));
  const driver = new StickDriver({
    protocol: rc1180Protocol,
    stickId: 'rc0',
    open: mockSerialLink({ path: '/dev/mock-rc-off', baudRate: 19200, onOpen: (p) => emulator.attach(mockPortEndpoint(p)) }),
  });
  t.teardown(() => driver.stop());
  t.same(await driver.start(), { model: 'RC1180-MBUS', linkModes: ['T1'] });
  const got = new Promise<NormalizedTelegram>((r) => driver.once('telegram', r));
  await emulator.replay([toHexUpper(B)]);
  const tg = await got;
  t.equal(toHexUpper(tg.telegram), toHexUpper(B));
  t.equal(tg.rssiRaw, undefined);
  t.equal(tg.linkMode, 'T1');
  await new Promise((r) => setTimeout(r, 20)); // the mock binding reports host writes asynchronously
  t.same(emulator.heard.map(toHexUpper), ['00', '30', '58'], 'config mode, dump, exit');
});
