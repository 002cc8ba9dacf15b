import type { InitOptions, StickInfo, StickProtocol, StickSession } from '../stick-driver.js';
import { StickError } from '../errors.js';
import { C1T1_MIN_FIRMWARE, DEVMGMT, ENDPOINT, LINK_MODE_CODE, MODULE_TYPE, setConfigPayload } from './commands.js';
import { createImstParser, encodeImst, type ImstFrame } from './framing.js';
import { imstTelegram } from './telegram.js';

const request = (s: StickSession<ImstFrame>, msgId: number, payload: Uint8Array = new Uint8Array(0)) =>
  s.request(encodeImst({ endpoint: ENDPOINT.DEVMGMT, msgId, payload }), (f) => f.endpoint === ENDPOINT.DEVMGMT && f.msgId === msgId + 1);

/** Picks the SET_CONFIG link mode: C1+T1 only with firmware that has it, else the first wanted mode. */
export function chooseImstLinkMode(wanted: string[], firmware: number): { code: number; modes: string[] } {
  const wantsBoth = wanted.includes('C1') && wanted.includes('T1');
  if (wantsBoth && firmware >= C1T1_MIN_FIRMWARE) return { code: LINK_MODE_CODE['C1+T1'], modes: ['C1', 'T1'] };
  const first = wanted.find((m) => m in LINK_MODE_CODE) ?? 'C1';
  return { code: LINK_MODE_CODE[first as keyof typeof LINK_MODE_CODE], modes: [first] };
}

/**
 * wmbusmeters' detect + set-up order (radio.md § 2.1): GET_DEVICEINFO → GET_CONFIG → SET_CONFIG
 * (collector, link mode, power saving off, RSSI on). Responses are request id + 1 on DEVMGMT.
 */
async function initialise(s: StickSession<ImstFrame>, options: InitOptions): Promise<StickInfo> {
  const info = await request(s, DEVMGMT.GET_DEVICEINFO);
  if (info.payload.length < 4) throw new StickError('STICK_UNEXPECTED', 'GET_DEVICEINFO_RSP too short');
  const moduleType = info.payload[0]!;
  const firmware = info.payload[2]!;
  await request(s, DEVMGMT.GET_CONFIG);
  const mode = chooseImstLinkMode(options.linkModes, firmware);
  await request(s, DEVMGMT.SET_CONFIG, setConfigPayload(mode.code, true));
  s.context.rssiEnabled = true;
  return {
    model: MODULE_TYPE[moduleType] ?? `module 0x${moduleType.toString(16)}`,
    firmware: `0x${firmware.toString(16).padStart(2, '0')}`,
    linkModes: mode.modes,
  };
}

export const im871aProtocol: StickProtocol<ImstFrame> = {
  kind: 'im871a',
  createParser: () => createImstParser(),
  initialise,
  toTelegrams: (frame, ctx, at) => [imstTelegram(frame, ctx.stickId, at)].filter((x) => x !== undefined),
};
