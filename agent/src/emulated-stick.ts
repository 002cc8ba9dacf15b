/**
 * An emulated stick for `npm start`, demos and benchmarks: the stick's host protocol spoken by the emulator
 * through serialport's mock binding, replaying fixture telegrams at a chosen rate. The agent cannot tell it
 * from a real stick: the same driver, framing and init sequence run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPortMock } from 'serialport';
import { fromHex, removeDllCrcs, toHex } from '@wmbus/protocol';
import { EMULATOR_MODELS, StickEmulator, mockPortEndpoint } from './sticks/emulator/index.js';
import { mockSerialLink } from './transport/binding.js';
import type { LinkOpener } from './transport/binding.js';
import type { StickKind } from './sticks/types.js';

export interface FixtureTelegram {
  hex: string;
  key: string | null;
  file: string;
}

/** Wireless telegrams of a fixtures folder (CRC-free, frame-A L), with their keys; wired frames are skipped. */
export function loadFixtureTelegrams(dir: string): FixtureTelegram[] {
  const out: FixtureTelegram[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) {
        const fx = JSON.parse(readFileSync(p, 'utf8')) as { hex?: string; telegrams?: string[]; key?: string | null };
        for (const hex of fx.telegrams ?? (fx.hex ? [fx.hex] : [])) {
          if (/^68/i.test(hex) && hex.slice(2, 4).toUpperCase() === hex.slice(4, 6).toUpperCase()) continue; // wired M-Bus
          try {
            out.push({ hex: toHex(removeDllCrcs(fromHex(hex)).telegram), key: fx.key ?? null, file: p });
          } catch {
            // A fixture that is not a complete wireless telegram cannot be sent by a stick.
          }
        }
      }
    }
  };
  walk(dir);
  return out;
}

export interface EmulatedStick {
  open: LinkOpener;
  emulator: StickEmulator;
  /** Replays the telegrams at `rate` per second, in a loop when asked, until stop(). */
  run(hexes: string[], rate: number, loop: boolean): Promise<void>;
  stop(): void;
}

let portCounter = 0;

export function emulatedStick(kind: StickKind, baudRate: number): EmulatedStick {
  const path = `/dev/emulated-${kind}-${process.pid}-${++portCounter}`;
  SerialPortMock.binding.createPort(path, { echo: false, record: false });
  const emulator = new StickEmulator(EMULATOR_MODELS[kind](), { seed: portCounter });
  let stopped = false;
  return {
    emulator,
    open: mockSerialLink({ path, baudRate, onOpen: (port) => emulator.attach(mockPortEndpoint(port)) }),
    async run(hexes, rate, loop) {
      do {
        for (const hex of hexes) {
          if (stopped) return;
          await emulator.replay([hex], { rate: 0 });
          await new Promise((r) => setTimeout(r, 1000 / rate));
        }
      } while (loop && !stopped);
    },
    stop() {
      stopped = true;
    },
  };
}
