import { MSG, OPTION, REPLY, STATE_READY } from '../embit/commands.js';
import { createEmbitParser, encodeEmbit } from '../embit/framing.js';
import type { EmulatorModel } from './emulator.js';

export function embitModel() {
  const parser = createEmbitParser();
  const state = { channel: 0, requests: [] as number[] };
  const model: EmulatorModel & { state: typeof state } = {
    kind: 'embit',
    state,
    startBytes: [0x00, 0x01],
    receive(chunk) {
      const out: Uint8Array[] = [];
      for (const e of parser.feed(chunk)) {
        if (e.kind !== 'frame') continue;
        const { msgId, payload } = e.frame;
        state.requests.push(msgId);
        if (msgId === MSG.DEVICE_INFORMATION) out.push(encodeEmbit(msgId | REPLY, [0x40, 0x49]));
        else if (msgId === MSG.RESET) out.push(encodeEmbit(msgId | REPLY, []), encodeEmbit(MSG.DEVICE_STATE | REPLY, [STATE_READY]));
        else {
          if (msgId === MSG.OPERATING_CHANNEL) state.channel = payload[0] ?? 0;
          out.push(encodeEmbit(msgId | REPLY, payload.length > 0 ? [0] : []));
        }
      }
      return out;
    },
    indication: (telegram, rssiRaw) => encodeEmbit(MSG.RECEIVED_DATA, [OPTION.RSSI >> 8, 0x00, rssiRaw, ...telegram]),
    corrupt: (frame) => {
      const bad = Uint8Array.from(frame);
      bad[bad.length - 1] = (bad[bad.length - 1]! + 1) & 0xff;
      return bad;
    },
  };
  return model;
}
