import { DEVMGMT, ENDPOINT, RADIOLINK, START } from '../im871a/commands.js';
import { createImstParser, encodeImst } from '../im871a/framing.js';
import type { EmulatorModel } from './emulator.js';

export interface ImstEmulatorOptions {
  /** GET_DEVICEINFO firmware byte; 0x13 has no C1+T1 (radio.md § 8.1 S4). */
  firmware?: number;
  moduleType?: number;
}

/** Reads SET_CONFIG_REQ like the stick: IIFlag1 fields, then IIFlag2 fields (radio.md § 2.1). */
export function parseImstConfig(p: Uint8Array): { linkMode?: number; rssi?: boolean } {
  const sizes1 = [1, 1, 1, 2, 4, 1, 1, 1];
  const sizes2 = [1, 1, 1, 1, 1, 1, 1, 1];
  let pos = 1;
  const flag1 = p[pos++] ?? 0;
  const out: { linkMode?: number; rssi?: boolean } = {};
  for (let bit = 0; bit < 8; bit++) {
    if (!(flag1 & (1 << bit))) continue;
    if (bit === 1) out.linkMode = p[pos];
    pos += sizes1[bit]!;
  }
  const flag2 = p[pos++] ?? 0;
  for (let bit = 0; bit < 8; bit++) {
    if (!(flag2 & (1 << bit))) continue;
    if (bit === 4) out.rssi = p[pos] === 1;
    pos += sizes2[bit]!;
  }
  return out;
}

export function im871aModel(options: ImstEmulatorOptions = {}) {
  const parser = createImstParser();
  const state = { linkMode: 0x07, rssi: false, requests: [] as number[] };
  const reply = (msgId: number, payload: number[] = []) => encodeImst({ endpoint: ENDPOINT.DEVMGMT, msgId: msgId + 1, payload: Uint8Array.from(payload) });
  const model: EmulatorModel & { state: typeof state } = {
    kind: 'im871a',
    state,
    startBytes: [START],
    receive(chunk) {
      const out: Uint8Array[] = [];
      for (const e of parser.feed(chunk)) {
        if (e.kind !== 'frame' || e.frame.endpoint !== ENDPOINT.DEVMGMT) continue;
        const { msgId, payload } = e.frame;
        state.requests.push(msgId);
        if (msgId === DEVMGMT.GET_DEVICEINFO) out.push(reply(msgId, [options.moduleType ?? 0x33, 0x00, options.firmware ?? 0x15, 0x01, 0xf1, 0x3a, 0x00, 0x00]));
        else if (msgId === DEVMGMT.GET_CONFIG) out.push(reply(msgId, [0x00, 0x02, state.linkMode, 0x10, state.rssi ? 1 : 0]));
        else if (msgId === DEVMGMT.SET_CONFIG) {
          const cfg = parseImstConfig(payload);
          if (cfg.linkMode !== undefined) state.linkMode = cfg.linkMode;
          if (cfg.rssi !== undefined) state.rssi = cfg.rssi;
          out.push(reply(msgId));
        } else out.push(reply(msgId));
      }
      return out;
    },
    indication: (telegram, rssiRaw) =>
      encodeImst({ endpoint: ENDPOINT.RADIOLINK, msgId: RADIOLINK.WMBUSMSG_IND, payload: telegram.subarray(1), ...(state.rssi ? { rssi: rssiRaw } : {}) }),
    corrupt: (frame) => {
      const bad = Uint8Array.from(frame);
      bad[5] ^= 0x01; // a payload byte: the CRC-16/X-25 no longer verifies (frames are sent with CRC)
      return bad;
    },
  };
  return model;
}
