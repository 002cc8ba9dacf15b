import { CMD, REPLY, START } from '../amber/commands.js';
import { createAmberParser, encodeAmber } from '../amber/framing.js';
import type { EmulatorModel } from './emulator.js';

/** Parameters as a factory-fresh stick might have them; tests change them to exercise the corrections. */
export function amberModel(options: { params?: Record<number, number> } = {}) {
  const parser = createAmberParser();
  const state = { params: { 0x05: 1, 0x3f: 0, 0x45: 1, ...options.params } as Record<number, number>, mode: 0, resets: 0, requests: [] as number[] };
  const reply = (cmd: number, payload: number[] = []) => encodeAmber(cmd | REPLY, payload);
  const model: EmulatorModel & { state: typeof state } = {
    kind: 'amber',
    state,
    startBytes: [START],
    receive(chunk) {
      const out: Uint8Array[] = [];
      for (const e of parser.feed(chunk)) {
        if (e.kind !== 'frame') continue;
        const { cmd, payload } = e.frame;
        state.requests.push(cmd);
        if (cmd === CMD.FWV) out.push(reply(cmd, [1, 2, 3]));
        else if (cmd === CMD.SERIALNO) out.push(reply(cmd, [0x27, 0x01, 0xd9, 0x49]));
        else if (cmd === CMD.GET_REQ) {
          const [address = 0, n = 1] = payload;
          out.push(reply(cmd, [address, n, ...Array.from({ length: n }, (_, i) => state.params[address + i] ?? 0)]));
        } else if (cmd === CMD.SET_REQ) {
          const [address = 0, n = 0, ...values] = payload;
          values.slice(0, n).forEach((v, i) => (state.params[address + i] = v));
          out.push(reply(cmd, [0]));
        } else if (cmd === CMD.SET_MODE_REQ) {
          state.mode = payload[0] ?? 0;
          out.push(reply(cmd, [0]));
        } else if (cmd === CMD.RESET) {
          state.resets++;
          out.push(reply(cmd, [0]));
        } else out.push(reply(cmd, [0]));
      }
      return out;
    },
    indication: (telegram, rssiRaw) =>
      encodeAmber(CMD.DATA_IND, [...telegram.subarray(1), ...(state.params[0x45] === 1 ? [rssiRaw] : [])]),
    corrupt: (frame) => {
      const bad = Uint8Array.from(frame);
      bad[bad.length - 1] ^= 0x55; // the XOR checksum
      return bad;
    },
  };
  return model;
}
