import { fromHex } from '@wmbus/protocol';
import { DEVMGMT, SAP, SLIP, WMBUSGW } from '../iu891a/commands.js';
import { createSlipHciParser, encodeSlipHci } from '../iu891a/framing.js';
import type { EmulatorModel } from './emulator.js';

/** The active config the ioB transcript's stick reports (radio.md § 8.1 S7): link mode 1, filter bits 0. */
export const S7_ACTIVE_CONFIG = '01000000' + '0c000000' + '0000';

export function iu891aModel(options: { activeConfig?: string } = {}) {
  const parser = createSlipHciParser();
  const state = { config: fromHex(options.activeConfig ?? S7_ACTIVE_CONFIG), requests: [] as string[] };
  const reply = (sap: number, msgId: number, payload: number[] | Uint8Array) =>
    encodeSlipHci({ sap, msgId: msgId + 1, payload: Uint8Array.from(payload) });
  const model: EmulatorModel & { state: typeof state } = {
    kind: 'iu891a',
    state,
    startBytes: [SLIP.END, SLIP.ESC, SAP.DEVMGMT, SAP.WMBUSGW],
    receive(chunk) {
      const out: Uint8Array[] = [];
      for (const e of parser.feed(chunk)) {
        if (e.kind !== 'frame') continue;
        const { sap, msgId, payload } = e.frame;
        state.requests.push(`${sap}/${msgId}`);
        if (sap === SAP.DEVMGMT && msgId === DEVMGMT.PING) out.push(reply(sap, msgId, [0]));
        else if (sap === SAP.WMBUSGW && msgId === WMBUSGW.GET_ACTIVE_CONFIG) out.push(reply(sap, msgId, [0, ...state.config]));
        else if (sap === SAP.WMBUSGW && msgId === WMBUSGW.SET_ACTIVE_CONFIG) {
          state.config = Uint8Array.from(payload);
          out.push(reply(sap, msgId, [0]));
        } else out.push(reply(sap, msgId, [0]));
      }
      return out;
    },
    indication: (telegram, rssiRaw) => {
      const header = [0x9f, 0x43, 0x6d, 0x38, 0x00, 0x00, 0x02, rssiRaw]; // S6's header: ts, status, mode, format, RSSI
      return encodeSlipHci({ sap: SAP.WMBUSGW, msgId: WMBUSGW.RX_MESSAGE_IND, payload: Uint8Array.from([...header, ...telegram]) });
    },
    corrupt: (frame) => {
      const bad = Uint8Array.from(frame);
      // flip a bit in a telegram byte that is not a SLIP special, so only the CRC is wrong
      let i = 12;
      while ([SLIP.END, SLIP.ESC, SLIP.END ^ 1, SLIP.ESC ^ 1].includes(bad[i]!)) i++;
      bad[i] ^= 0x01;
      return bad;
    },
  };
  return model;
}
