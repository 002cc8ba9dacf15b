import type { SerialPortMock } from 'serialport';
import type { ByteLink } from '../../transport/binding.js';
import type { EmulatorEndpoint } from './emulator.js';

interface MockBindingPort {
  emitData(data: Buffer): void;
  write(buffer: Buffer): Promise<void>;
}

/**
 * The stick side of a SerialPortMock: bytes go in with the binding's emitData(); the host's writes
 * are observed by wrapping the binding's write() (binding-mock has no write event, only lastWrite).
 */
export function mockPortEndpoint(port: SerialPortMock): EmulatorEndpoint {
  const binding = port.port as unknown as MockBindingPort;
  const listeners: Array<(chunk: Uint8Array) => void> = [];
  const originalWrite = binding.write.bind(binding);
  binding.write = async (buffer: Buffer) => {
    await originalWrite(buffer);
    const copy = Uint8Array.from(buffer);
    setImmediate(() => listeners.forEach((l) => l(copy)));
  };
  return {
    write: (bytes) => {
      try {
        binding.emitData(Buffer.from(bytes));
      } catch {
        // the port closed under us: a real stick's bytes would be lost the same way
      }
    },
    onData: (listener) => listeners.push(listener),
  };
}

/** The stick side over any ByteLink, e.g. the second path of a socat pty pair. */
export const linkEndpoint = (link: ByteLink): EmulatorEndpoint => ({
  write: (bytes) => link.write(bytes).catch(() => undefined),
  onData: (listener) => link.onData(listener),
});
