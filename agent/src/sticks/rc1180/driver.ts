import type { StickInfo, StickProtocol, StickSession } from '../stick-driver.js';
import { CONFIG_SIZE, ENTER_CONFIG, EXIT_CONFIG, LINK_MODES, READ_CONFIG, REGISTER_RSSI } from './commands.js';
import { createRc1180Parser, type Rc1180Frame } from './framing.js';
import { rc1180Telegram } from './telegram.js';

/**
 * Config mode (`00` → `>`), dump the configuration (`0` → 256 bytes + `>`) to learn whether an RSSI
 * byte follows each telegram (register 5), leave config mode (`X`). The link mode is fixed (T1).
 * The RSSI setting is read, not changed: `wmbusmeters/wmbusmeters#593` shows what an unexpected trailing
 * byte does, and knowing it is enough to strip it.
 */
async function initialise(s: StickSession<Rc1180Frame>): Promise<StickInfo> {
  s.context.phase = 'prompt';
  await s.requestText(Uint8Array.of(ENTER_CONFIG), (t) => t === '>');
  s.context.phase = 'dump';
  const dump = await s.request(Uint8Array.of(READ_CONFIG), (f) => f.kind === 'config');
  const config = dump.kind === 'config' ? dump.config : new Uint8Array(CONFIG_SIZE);
  s.context.rssiEnabled = config[REGISTER_RSSI] === 1;
  s.context.phase = 'data';
  await s.send(Uint8Array.of(EXIT_CONFIG));
  return { model: 'RC1180-MBUS', linkModes: [...LINK_MODES] };
}

export const rc1180Protocol: StickProtocol<Rc1180Frame> = {
  kind: 'rc1180',
  createParser: (context) => createRc1180Parser(context),
  initialise,
  toTelegrams: (frame, ctx, at) => [rc1180Telegram(frame, ctx.stickId, at)].filter((x) => x !== undefined),
};
