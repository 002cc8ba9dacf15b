import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SerialPortMock } from 'serialport';
import { mockSerialLink } from '../../src/transport/binding.js';
import { mockPortEndpoint } from '../../src/sticks/emulator/endpoints.js';
import { EmulatedWiredBus, type EmulatedMeterSpec } from '../../src/wired/emulator.js';
import { WiredMaster, type WiredMasterOptions } from '../../src/wired/master.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A corpus case from fixtures/telegrams/<driver>/<case>.json (real wired long frames start 68). */
export function fixture(path: string): { hex: string; id: string; expected: Record<string, unknown> } {
  return JSON.parse(readFileSync(`${root}fixtures/telegrams/${path}.json`, 'utf8'));
}

export const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

let ports = 0;

/** A master on a serialport mock port with an emulated bus behind it (2400 8E1 as a level converter). */
export async function mockBus(
  t: { teardown: (fn: () => unknown) => void },
  meters: EmulatedMeterSpec[],
  options: Partial<WiredMasterOptions> = {},
): Promise<{ bus: EmulatedWiredBus; master: WiredMaster; port: () => SerialPortMock }> {
  const path = `/dev/mock-mbus-${++ports}`;
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  const bus = new EmulatedWiredBus(meters, { maxChunk: 9 });
  let current: SerialPortMock | undefined;
  const master = new WiredMaster({
    open: mockSerialLink({ path, baudRate: 2400, parity: 'even', dataBits: 8, stopBits: 1, onOpen: (port) => {
        current = port;
        bus.attach(mockPortEndpoint(port));
      },
    }),
    busId: 'mbus-test',
    responseTimeoutMs: 60,
    ...options,
  });
  await master.start();
  t.teardown(() => master.stop());
  return { bus, master, port: () => current! };
}
