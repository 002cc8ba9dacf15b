import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { SerialPort, SerialPortMock } from 'serialport';

/**
 * The `{source, sink}` seam between a stick driver and its hardware (architecture.md § 2.2,
 * transport/binding.ts): `onData` is the source, `write` the sink. Drivers only ever see this,
 * so a real port, serialport's mock binding, a socat pty or a child process are interchangeable.
 */
export interface ByteLink {
  readonly description: string;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called once when the link ends without our asking (unplugged, process exited, pty gone). */
  onClose(listener: (error?: Error) => void): void;
}

export type LinkOpener = () => Promise<ByteLink>;

export interface SerialOptions {
  path: string;
  baudRate: number;
  /** Character format; default 8N1 (USB sticks). Wired M-Bus level converters use 8E1 (radio.md § 3.4). */
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits?: 1 | 1.5 | 2;
}

/** Only the character-format options that were given, so serialport keeps its own defaults otherwise. */
const charFormat = (o: SerialOptions) => ({
  ...(o.dataBits !== undefined ? { dataBits: o.dataBits } : {}),
  ...(o.parity !== undefined ? { parity: o.parity } : {}),
  ...(o.stopBits !== undefined ? { stopBits: o.stopBits } : {}),
});

type AnySerialPort = SerialPort | SerialPortMock;

function linkFromSerialPort(port: AnySerialPort, description: string): ByteLink {
  let closing = false;
  const closeListeners: Array<(error?: Error) => void> = [];
  port.on('close', (error?: Error) => {
    if (closing) return;
    for (const l of closeListeners) l(error);
  });
  // serialport emits 'error' for failed writes; without a listener Node would throw. The close event follows.
  port.on('error', () => undefined);
  return {
    description,
    write: (data) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) => (err ? reject(err) : port.drain(() => resolve())));
      }),
    close: () =>
      new Promise((resolve) => {
        closing = true;
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))),
    onClose: (listener) => closeListeners.push(listener),
  };
}

const openPort = (port: AnySerialPort) =>
  new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));

/** A real serial port (USB stick, or one end of a socat pty pair). */
export const serialLink = (options: SerialOptions): LinkOpener => async () => {
  const port = new SerialPort({ path: options.path, baudRate: options.baudRate, ...charFormat(options), autoOpen: false });
  await openPort(port);
  return linkFromSerialPort(port, `serial:${options.path}@${options.baudRate}`);
};

/**
 * serialport's mock binding. The port must exist: `SerialPortMock.binding.createPort(path)` (the ESM
 * import of @serialport/binding-mock is another instance, architecture.md § 6). `onOpen` hands the
 * opened port to an emulator, which needs it to answer (see emulator/endpoints.ts).
 */
export const mockSerialLink = (options: SerialOptions & { onOpen?: (port: SerialPortMock) => void }): LinkOpener => async () => {
  const port = new SerialPortMock({ path: options.path, baudRate: options.baudRate, ...charFormat(options), autoOpen: false });
  await openPort(port);
  options.onOpen?.(port);
  return linkFromSerialPort(port, `mock:${options.path}`);
};

/** Any pair of streams, e.g. process.stdin for `rtl_sdr … | rtl_wmbus | wmbus-agent`. */
export function streamLink(source: Readable, sink?: Writable, description = 'stream'): ByteLink {
  const closeListeners: Array<(error?: Error) => void> = [];
  let closing = false;
  const ended = (error?: Error) => {
    if (closing) return;
    closing = true;
    for (const l of closeListeners) l(error);
  };
  source.on('end', () => ended());
  source.on('error', (e) => ended(e));
  return {
    description,
    write: (data) =>
      new Promise((resolve, reject) => {
        if (!sink) return resolve();
        sink.write(data, (err) => (err ? reject(err) : resolve()));
      }),
    close: async () => {
      closing = true;
      source.destroy();
    },
    onData: (listener) => source.on('data', (chunk: Buffer | string) => listener(typeof chunk === 'string' ? Buffer.from(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))),
    onClose: (listener) => closeListeners.push(listener),
  };
}

/** A child process whose stdout carries the stick's output (rtl_wmbus); it is killed on close. */
export const childProcessLink = (command: string, args: string[]): LinkOpener => async () => {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
  const link = streamLink(child.stdout, child.stdin, `child:${command}`);
  child.stdin.on('error', () => undefined); // EPIPE after the child exits is reported through close
  return {
    ...link,
    close: async () => {
      await link.close();
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
};
