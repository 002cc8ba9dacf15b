import { formatRtlWmbusLine } from '../rtlwmbus/framing.js';
import type { EmulatorModel } from './emulator.js';

/** Prints lines like rtl_wmbus; corrupted telegrams get CRC_OK = 0, as rtl_wmbus reports them. */
export function rtlWmbusModel(options: { mode?: string } = {}): EmulatorModel {
  const mode = options.mode ?? 'T1';
  return {
    kind: 'rtlwmbus',
    startBytes: [0x0a, 0x0d],
    receive: () => [],
    indication: (telegram, rssi) => Uint8Array.from(Buffer.from(formatRtlWmbusLine(mode, telegram, rssi), 'latin1')),
    corrupt: (line) => {
      const text = Buffer.from(line).toString('latin1').replace(/^(\w\d);1;1;/, '$1;0;0;');
      return Uint8Array.from(Buffer.from(text, 'latin1'));
    },
    makeNoise: (bytes) => Uint8Array.from([...Array.from(bytes, (b) => 0x80 | b), 0x0a]),
  };
}
