import type { InitOptions, StickInfo, StickProtocol, StickSession } from '../stick-driver.js';
import { COMMAND, EOL, RECEIVE_MODE, VERSION_ANSWER } from './commands.js';
import { createCulParser, type CulFrame } from './framing.js';
import { culTelegram } from './telegram.js';

const line = (text: string) => Uint8Array.from(Buffer.from(text + EOL, 'latin1'));

/**
 * `V` (detect) → receive mode (`brc` for C1+T1, which C-mode firmware delivers together; `brt` if the
 * firmware has no C mode, wmbusmeters/wmbusmeters#895) → `X21` (telegrams with LQI + RSSI),
 * confirmed by a second `V`.
 */
async function initialise(s: StickSession<CulFrame>, options: InitOptions): Promise<StickInfo> {
  const version = await s.requestText(line(COMMAND.VERSION), (t) => VERSION_ANSWER.test(t));
  const wantsC = options.linkModes.includes('C1');
  const order = wantsC ? [RECEIVE_MODE.C1, RECEIVE_MODE.T1] : [RECEIVE_MODE[(options.linkModes[0] ?? 'T1') as 'T1' | 'S1'] ?? RECEIVE_MODE.T1];
  let modes: readonly string[] = [];
  for (const mode of order) {
    try {
      await s.requestText(line(mode.command), (t) => t.trim() === mode.answer, 1500);
      modes = mode.modes;
      break;
    } catch {
      // "c1 is not supported for this cul device": try the next mode
    }
  }
  await s.send(line(COMMAND.REPORT_WITH_RSSI));
  // X21 has no answer; culfw handles commands in order, so a second `V` answered means X21 took effect
  await s.requestText(line(COMMAND.VERSION), (t) => VERSION_ANSWER.test(t));
  s.context.rssiEnabled = true;
  return { model: version.trim().split(/\s+/).slice(2).join(' ') || 'CUL', firmware: version.trim().split(/\s+/)[1], linkModes: [...modes] };
}

export const culProtocol: StickProtocol<CulFrame> = {
  kind: 'cul',
  createParser: () => createCulParser(),
  initialise,
  toTelegrams: (frame, ctx, at) => [culTelegram(frame, ctx.stickId, at)],
};
