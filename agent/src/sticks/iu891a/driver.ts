import type { InitOptions, StickInfo, StickProtocol, StickSession } from '../stick-driver.js';
import { StickError } from '../errors.js';
import { DEVMGMT, LINK_MODE_CODE, OPTION, SAP, WMBUSGW } from './commands.js';
import { createSlipHciParser, encodeSlipHci, type SlipHciFrame } from './framing.js';
import { iu891aTelegram } from './telegram.js';

const request = (s: StickSession<SlipHciFrame>, sap: number, msgId: number, payload: Uint8Array = new Uint8Array(0)) =>
  s.request(encodeSlipHci({ sap, msgId, payload }), (f) => f.sap === sap && f.msgId === msgId + 1);

const checkStatus = (f: SlipHciFrame, what: string) => {
  if (f.payload[0] !== 0) throw new StickError('STICK_REJECTED', `${what} status ${f.payload[0]}`);
};

export function chooseIu891aLinkMode(wanted: string[]): { code: number; modes: string[] } {
  if (wanted.includes('C1') && wanted.includes('T1')) return { code: LINK_MODE_CODE['C1+T1'], modes: ['C1', 'T1'] };
  const first = wanted.find((m) => m in LINK_MODE_CODE && m !== 'off') ?? 'C1';
  return { code: LINK_MODE_CODE[first as keyof typeof LINK_MODE_CODE], modes: [first] };
}

/**
 * Peer set-up (radio.md § 2.2): ping, GET the active config, change the link mode, clear "only listed
 * devices", set "RX indication", SET it back. The config is kept as the stick sent it otherwise.
 */
async function initialise(s: StickSession<SlipHciFrame>, options: InitOptions): Promise<StickInfo> {
  await request(s, SAP.DEVMGMT, DEVMGMT.PING);
  const current = await request(s, SAP.WMBUSGW, WMBUSGW.GET_ACTIVE_CONFIG);
  checkStatus(current, 'GET_ACTIVE_CONFIG');
  const config = current.payload.slice(1);
  if (config.length < 3) throw new StickError('STICK_UNEXPECTED', 'active config too short');
  const mode = chooseIu891aLinkMode(options.linkModes);
  const optionBits = ((config[1]! | (config[2]! << 8)) & ~OPTION.ONLY_LISTED_DEVICES) | OPTION.RX_INDICATION;
  config[0] = mode.code;
  config[1] = optionBits & 0xff;
  config[2] = optionBits >> 8;
  checkStatus(await request(s, SAP.WMBUSGW, WMBUSGW.SET_ACTIVE_CONFIG, config), 'SET_ACTIVE_CONFIG');
  s.context.rssiEnabled = true; // the indication header always carries RSSI
  return { model: 'iU891A', linkModes: mode.modes };
}

export const iu891aProtocol: StickProtocol<SlipHciFrame> = {
  kind: 'iu891a',
  createParser: () => createSlipHciParser(),
  initialise,
  toTelegrams: (frame, ctx, at) => [iu891aTelegram(frame, ctx.stickId, at)].filter((x) => x !== undefined),
};
