import type { InitOptions, StickInfo, StickProtocol, StickSession } from '../stick-driver.js';
import { StickError } from '../errors.js';
import { CHANNEL, MSG, REPLY, SETUP_STEPS, STATE_READY } from './commands.js';
import { createEmbitParser, encodeEmbit, type EmbitFrame } from './framing.js';
import { embitTelegram } from './telegram.js';

const request = (s: StickSession<EmbitFrame>, msg: number, payload: number[] = []) =>
  s.request(encodeEmbit(msg, payload), (f) => f.msgId === (msg | REPLY));

export function chooseEmbitChannel(wanted: string[]): { code: number; modes: string[] } {
  const first = (wanted.find((m) => m in CHANNEL) ?? 'T1') as keyof typeof CHANNEL;
  return { code: CHANNEL[first], modes: [first] };
}

/**
 * ioB's order (radio.md § 2.5): DEVICE_INFORMATION, RESET and wait for the "ready" state notification,
 * then output power, channel, energy save off, automated settings, save, network start.
 */
async function initialise(s: StickSession<EmbitFrame>, options: InitOptions): Promise<StickInfo> {
  const info = await request(s, MSG.DEVICE_INFORMATION);
  const ready = s.expect((f) => f.msgId === (MSG.DEVICE_STATE | REPLY) && f.payload[0] === STATE_READY);
  await request(s, MSG.RESET);
  await ready;
  const channel = chooseEmbitChannel(options.linkModes);
  for (const step of SETUP_STEPS) {
    const payload = step.payload === 'channel' ? [channel.code] : step.payload;
    const reply = await request(s, step.msg, payload);
    if (payload.length > 0 && reply.payload[0] !== 0) throw new StickError('STICK_REJECTED', `message 0x${step.msg.toString(16)} status ${reply.payload[0]}`);
  }
  s.context.rssiEnabled = true;
  const module = info.payload[1];
  return { model: module === 0x49 ? 'EMB-WMB868' : `EMB module 0x${(module ?? 0).toString(16)}`, linkModes: channel.modes };
}

export const embitProtocol: StickProtocol<EmbitFrame> = {
  kind: 'embit',
  createParser: () => createEmbitParser(),
  initialise,
  toTelegrams: (frame, ctx, at) => [embitTelegram(frame, ctx.stickId, at)].filter((x) => x !== undefined),
};
