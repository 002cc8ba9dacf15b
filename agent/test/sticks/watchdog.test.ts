import t from 'tap';
import { SerialPortMock } from 'serialport';
import { im871aProtocol } from '../../src/sticks/im871a/driver.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { StickEmulator } from '../../src/sticks/emulator/emulator.js';
import { im871aModel } from '../../src/sticks/emulator/im871a.js';
import { linkEndpoint, mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { mockSerialLink, serialLink } from '../../src/transport/binding.js';
import { openPtyPair } from '../../src/transport/pty-pair.js';
import type { NormalizedTelegram } from '../../src/sticks/types.js';
import type { StickInfo } from '../../src/sticks/stick-driver.js';
import { benchMix, collect, toHexUpper } from './helpers.js';

const MIX = benchMix();

function mockRig(path: string, options: { silenceTimeoutMs?: number; requestTimeoutMs?: number } = {}) {
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  const model = im871aModel();
  const emulator = new StickEmulator(model);
  const ports: SerialPortMock[] = [];
  const driver = new StickDriver({
    protocol: im871aProtocol,
    stickId: 'wd',
    tickMs: 20,
    reopenDelayMs: 30,
    requestTimeoutMs: options.requestTimeoutMs ?? 200,
    silenceTimeoutMs: options.silenceTimeoutMs ?? 0,
    open: mockSerialLink({
      path,
      baudRate: 57600,
      onOpen: (port) => {
        ports.push(port);
        emulator.attach(mockPortEndpoint(port));
      },
    }),
  });
  return { model, emulator, driver, ports };
}

t.test('silence: the stick hangs → reopen, failed re-inits counted, recovery when it answers again', async (t) => {
  const { model, emulator, driver } = mockRig('/dev/mock-wd-silent', { silenceTimeoutMs: 150 });
  t.teardown(() => driver.stop());
  await driver.start();
  t.equal(model.state.requests.length, 3);
  emulator.silent = true;
  const failures = collect<Error>(driver, 'failure', 1, 3000);
  const [failure] = await failures;
  t.match(failure, { code: 'STICK_TIMEOUT' }, 'the re-init timed out while the stick was silent');
  t.ok(driver.counters.reopens >= 1);
  t.ok(driver.counters.initFailures >= 1);
  const ready = collect<StickInfo>(driver, 'ready', 1, 3000);
  emulator.silent = false;
  await ready;
  const got = collect<NormalizedTelegram>(driver, 'telegram', 2);
  await emulator.replay(MIX.slice(0, 2));
  t.same((await got).map((x) => toHexUpper(x.telegram)), MIX.slice(0, 2).map((h) => h.toUpperCase()));
  t.ok(model.state.requests.length >= 6, 'the init sequence ran again');
});

t.test('port closed under the driver → reopened and re-initialised once', async (t) => {
  const { driver, ports, emulator } = mockRig('/dev/mock-wd-closed');
  t.teardown(() => driver.stop());
  await driver.start();
  const reopened = collect<string>(driver, 'reopen', 1);
  const ready = collect<StickInfo>(driver, 'ready', 1);
  ports[0]!.close(); // what an unplug looks like to serialport: a close event we did not ask for
  t.same(await reopened, ['port closed']);
  await ready;
  t.equal(driver.counters.reopens, 1);
  t.equal(ports.length, 2, 'a new port was opened');
  const got = collect<NormalizedTelegram>(driver, 'telegram', 1);
  await emulator.replay(MIX.slice(3, 4));
  t.equal(toHexUpper((await got)[0]!.telegram), MIX[3]!.toUpperCase());
});

t.test('real pty: socat dies → the driver counts a reopen and keeps retrying without crashing', async (t) => {
  // serialport does not always report the hang-up of a pty whose master vanished; the silence
  // watchdog is the backstop for exactly that, so either path must lead to a counted reopen.
  const pty = await openPtyPair();
  const stickSide = await serialLink({ path: pty.paths[1], baudRate: 57600 })();
  const emulator = new StickEmulator(im871aModel());
  emulator.attach(linkEndpoint(stickSide));
  const driver = new StickDriver({ protocol: im871aProtocol, stickId: 'ptywd', reopenDelayMs: 50, requestTimeoutMs: 300, silenceTimeoutMs: 400, tickMs: 50, open: serialLink({ path: pty.paths[0], baudRate: 57600 }) });
  t.teardown(async () => {
    await driver.stop();
    await stickSide.close();
  });
  await driver.start();
  const reopened = collect<string>(driver, 'reopen', 1, 5000);
  const failed = collect<Error>(driver, 'failure', 1, 5000);
  await pty.close();
  t.match((await reopened)[0], /port closed|silent for/);
  t.match((await failed)[0], { code: 'STICK_OPEN' }, 'the pty path is gone: open fails, counted, retried');
  t.equal(driver.counters.reopens, 1);
  t.ok(driver.counters.initFailures >= 1);
});
