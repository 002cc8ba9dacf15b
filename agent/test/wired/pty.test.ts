/**
 * The master and the emulated bus on the two ends of a real socat pty pair, both opened 2400 baud 8E1
 * through serialLink (a pty accepts the parity setting; it does not frame bits, so this proves the options
 * reach the port and the byte path works, not the parity bit itself).
 */
import t from 'tap';
import { openPtyPair } from '../../src/transport/pty-pair.js';
import { serialLink } from '../../src/transport/binding.js';
import { linkEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { EmulatedWiredBus } from '../../src/wired/emulator.js';
import { WiredMaster } from '../../src/wired/master.js';
import { fixture, hexOf } from './helpers.js';

const APT = fixture('aptmbusna/W');
const S3 = ['iem3000/S3_1', 'iem3000/S3_2', 'iem3000/S3_3'].map((p) => fixture(p).hex);

t.test('poll by primary and secondary address over a pty pair at 8E1', async (t) => {
  const pair = await openPtyPair();
  t.teardown(() => pair.close());
  const line = { baudRate: 2400, dataBits: 8, parity: 'even', stopBits: 1 } as const;
  const busLink = await serialLink({ path: pair.paths[1], ...line })();
  t.teardown(() => busLink.close());
  const bus = new EmulatedWiredBus([{ frames: [APT.hex] }, { frames: S3 }], { maxChunk: 16 });
  bus.attach(linkEndpoint(busLink));
  const master = new WiredMaster({ open: serialLink({ path: pair.paths[0], ...line }), busId: 'mbus-pty', responseTimeoutMs: 300 });
  await master.start();
  t.teardown(() => master.stop());

  const bySecondary = await master.pollSecondary({ id: '00683775', manufacturer: 'APA' });
  t.notOk(bySecondary.error);
  t.same(bySecondary.frames.map(hexOf), [APT.hex]);
  const multi = await master.pollPrimary(0x17);
  t.notOk(multi.error);
  t.same(multi.frames.map(hexOf), S3);
  t.match(master.counters, { polls: 2, timeouts: 0, checksumErrors: 0, telegrams: 4 });
});
