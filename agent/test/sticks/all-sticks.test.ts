/**
 * Table-driven over every stick kind: the driver against its emulator through serialport's mock
 * binding (init sequence, telegrams with split chunks, noise and bad checksums) and through a real
 * socat pty pair with the real serialport binding.
 */
import t from 'tap';
import { SerialPortMock } from 'serialport';
import { STICKS } from '../../src/sticks/registry.js';
import { EMULATOR_MODELS, StickEmulator, linkEndpoint, mockPortEndpoint } from '../../src/sticks/emulator/index.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { mockSerialLink, serialLink } from '../../src/transport/binding.js';
import { openPtyPair } from '../../src/transport/pty-pair.js';
import type { NormalizedTelegram, StickKind } from '../../src/sticks/types.js';
import { benchMix, collect, toHexUpper } from './helpers.js';

const KINDS = Object.keys(STICKS) as StickKind[];
const MIX = benchMix();
const RSSI_RAW = 0xb4;

/** rssiDbm where the stick has a documented formula, computed here from the formulas in radio.md. */
const EXPECTED_DBM: Record<StickKind, number | undefined> = {
  im871a: Math.round((0.5333 * RSSI_RAW - 126.67) * 10) / 10, // § 2.1 (ioB/jmbus)
  iu891a: RSSI_RAW - 256, // § 2.2 int8 dBm
  amber: (RSSI_RAW - 256) / 2 - 74, // § 2.3
  cul: (RSSI_RAW - 256) / 2 - 74, // § 2.4
  rc1180: undefined, // § 2.6: no formula
  embit: RSSI_RAW - 256, // § 2.5 int8 dBm
  rtlwmbus: undefined, // § 2.7: unitless
};

let mockPorts = 0;

for (const kind of KINDS) {
  t.test(`${kind}: init + replay through the mock binding, with split chunks, noise and bad checksums`, async (t) => {
    const path = `/dev/mock-${kind}-${mockPorts++}`;
    SerialPortMock.binding.createPort(path, { echo: false, record: true });
    const model = EMULATOR_MODELS[kind]();
    const emulator = new StickEmulator(model, { maxChunk: 11, seed: 7 });
    const driver = new StickDriver({
      protocol: STICKS[kind].protocol,
      stickId: `${kind}-0`,
      open: mockSerialLink({ path, baudRate: STICKS[kind].baudRate, onOpen: (port) => emulator.attach(mockPortEndpoint(port)) }),
    });
    t.teardown(() => driver.stop());
    const info = await driver.start();
    t.ok(Array.isArray(info.linkModes));
    if (kind !== 'rtlwmbus') t.ok(emulator.heard.length > 0, 'the init sequence talked to the stick');

    const badEvery = kind === 'rc1180' ? undefined : 4; // the RC1180 has no checksum to break
    const survivors = MIX.filter((_, i) => !badEvery || (i + 1) % badEvery !== 0);
    const got = collect<NormalizedTelegram>(driver, 'telegram', survivors.length);
    const report = await emulator.replay(MIX, { rssiRaw: RSSI_RAW, noiseEvery: 3, noiseBytes: 6, ...(badEvery ? { badChecksumEvery: badEvery } : {}) });
    const telegrams = await got;
    t.same(telegrams.map((x) => toHexUpper(x.telegram)), survivors.map((h) => h.toUpperCase()), 'telegrams intact, in order');
    t.ok(telegrams.every((x) => x.stickId === `${kind}-0` && x.receivedAt instanceof Date));
    await new Promise((r) => setTimeout(r, 30));
    t.equal(driver.counters.checksumErrors, report.corrupted, 'every broken frame counted as a checksum error');
    t.ok(driver.counters.discardedBytes >= report.noiseBytes, `noise counted (${driver.counters.discardedBytes} ≥ ${report.noiseBytes})`);
    t.equal(driver.counters.telegrams, survivors.length);
  });
}

t.test('real serial path: socat pty pair, real serialport binding, every stick', async (t) => {
  for (const kind of KINDS) {
    await t.test(kind, async (t) => {
      const pty = await openPtyPair();
      const baudRate = STICKS[kind].baudRate;
      const stickSide = await serialLink({ path: pty.paths[1], baudRate })();
      const emulator = new StickEmulator(EMULATOR_MODELS[kind](), { maxChunk: 40, seed: 3 });
      emulator.attach(linkEndpoint(stickSide));
      const driver = new StickDriver({ protocol: STICKS[kind].protocol, stickId: `pty-${kind}`, open: serialLink({ path: pty.paths[0], baudRate }) });
      t.teardown(async () => {
        await driver.stop();
        await stickSide.close();
        await pty.close();
      });
      await driver.start();
      const got = collect<NormalizedTelegram>(driver, 'telegram', MIX.length);
      await emulator.replay(MIX, { rssiRaw: RSSI_RAW });
      const telegrams = await got;
      t.same(telegrams.map((x) => toHexUpper(x.telegram)), MIX.map((h) => h.toUpperCase()));
      t.ok(telegrams.every((x) => x.rssiRaw === RSSI_RAW), 'raw RSSI arrives with every telegram');
      t.ok(telegrams.every((x) => x.rssiDbm === EXPECTED_DBM[kind]), `rssiDbm ${EXPECTED_DBM[kind]}`);
      t.equal(driver.counters.discardedBytes, 0);
      t.equal(driver.counters.checksumErrors, 0);
    });
  }
});
