import type { InitOptions, StickInfo, StickProtocol, StickSession } from '../stick-driver.js';
import { StickError } from '../errors.js';
import { CMD, LINK_MODE_CODE, PARAM, REPLY, RESET_SETTLE_MS } from './commands.js';
import { createAmberParser, encodeAmber, type AmberFrame } from './framing.js';
import { amberTelegram } from './telegram.js';

const request = (s: StickSession<AmberFrame>, cmd: number, payload: number[] = []) =>
  s.request(encodeAmber(cmd, payload), (f) => f.cmd === (cmd | REPLY));

export function chooseAmberLinkMode(wanted: string[]): { code: number; modes: string[] } {
  if (wanted.includes('C1') && wanted.includes('T1')) return { code: LINK_MODE_CODE['C1+T1'], modes: ['C1', 'T1'] };
  const first = wanted.find((m) => m in LINK_MODE_CODE) ?? 'T1';
  return { code: LINK_MODE_CODE[first as keyof typeof LINK_MODE_CODE], modes: [first] };
}

/**
 * FWV, then read and correct RSSI_Enable (0x45, read first because it decides how DATA_IND splits), UART_CMD_Out_Enable (0x05) and auto-sleep (0x3F);
 * reset once if any was written; then the volatile SET_MODE_REQ last, so no reset can undo it
 * (radio.md § 2.3: ioB reads the same parameters; wmbusmeters' factory-reset notes).
 */
async function initialise(s: StickSession<AmberFrame>, options: InitOptions): Promise<StickInfo> {
  const fwv = await request(s, CMD.FWV);
  let wrote = false;
  for (const { address, want } of Object.values(PARAM)) {
    const got = await request(s, CMD.GET_REQ, [address, 1]);
    if (got.payload[0] !== address || got.payload.length < 3) throw new StickError('STICK_UNEXPECTED', `GET_REQ 0x${address.toString(16)}`);
    if (address === PARAM.RSSI_ENABLE.address) s.context.rssiEnabled = got.payload[2] === 1;
    if (got.payload[2] === want) continue;
    const set = await request(s, CMD.SET_REQ, [address, 1, want]);
    if (set.payload[0] !== 0) throw new StickError('STICK_REJECTED', `SET_REQ 0x${address.toString(16)} status ${set.payload[0]}`);
    // a non-volatile write: whether the stick appends RSSI before the reset is not documented
    if (address === PARAM.RSSI_ENABLE.address) s.context.rssiEnabled = undefined;
    wrote = true;
  }
  if (wrote) {
    await request(s, CMD.RESET);
    await s.delay(RESET_SETTLE_MS);
    s.context.rssiEnabled = true;
  }
  const mode = chooseAmberLinkMode(options.linkModes);
  const set = await request(s, CMD.SET_MODE_REQ, [mode.code]);
  if (set.payload[0] !== 0) throw new StickError('STICK_REJECTED', `SET_MODE_REQ status ${set.payload[0]}`);
  return { model: 'AMB8465', firmware: Array.from(fwv.payload).join('.'), linkModes: mode.modes };
}

export const amberProtocol: StickProtocol<AmberFrame> = {
  kind: 'amber',
  createParser: () => createAmberParser(),
  initialise,
  // until RSSI_Enable is known a DATA_IND cannot be split into telegram and RSSI byte: it is dropped
  toTelegrams: (frame, ctx, at) =>
    ctx.rssiEnabled === undefined ? [] : [amberTelegram(frame, ctx.rssiEnabled, ctx.stickId, at)].filter((x) => x !== undefined),
};
