import { CONFIG_SIZE, ENTER_CONFIG, EXIT_CONFIG, PROMPT, READ_CONFIG, REGISTER_RSSI } from '../rc1180/commands.js';
import type { EmulatorModel } from './emulator.js';

export function rc1180Model(options: { rssi?: boolean } = {}) {
  const config = new Uint8Array(CONFIG_SIZE);
  config[REGISTER_RSSI] = options.rssi === false ? 0 : 1;
  const state = { configMode: false, requests: [] as number[] };
  const model: EmulatorModel & { state: typeof state } = {
    kind: 'rc1180',
    state,
    // a noise byte ≥ 9 followed by 44/46 would look like an L-field
    startBytes: [0x44, 0x46],
    receive(chunk) {
      const out: Uint8Array[] = [];
      for (const b of chunk) {
        state.requests.push(b);
        if (b === ENTER_CONFIG) {
          state.configMode = true;
          out.push(Uint8Array.of(PROMPT));
        } else if (state.configMode && b === READ_CONFIG) out.push(Uint8Array.from([...config, PROMPT]));
        else if (state.configMode && b === EXIT_CONFIG) state.configMode = false;
      }
      return out;
    },
    indication: (telegram, rssiRaw) => Uint8Array.from([...telegram, ...(config[REGISTER_RSSI] === 1 ? [rssiRaw] : [])]),
    // no checksum on this stick: the only corruption the host can see is a broken C-field
    corrupt: (frame) => {
      const bad = Uint8Array.from(frame);
      bad[1] = 0x00;
      return bad;
    },
    corruptionCountsAs: 'noise',
  };
  return model;
}
