import type { StickInfo, StickProtocol } from '../stick-driver.js';
import { createRtlWmbusParser, type RtlWmbusFrame } from './framing.js';
import { rtlWmbusTelegrams } from './telegram.js';

/** Nothing to initialise: rtl_wmbus prints what it demodulates. Link modes show up per telegram. */
async function initialise(): Promise<StickInfo> {
  return { model: 'rtl_wmbus', linkModes: [] };
}

export const rtlWmbusProtocol: StickProtocol<RtlWmbusFrame> = {
  kind: 'rtlwmbus',
  createParser: () => createRtlWmbusParser(),
  initialise,
  toTelegrams: (frame, ctx, at) => rtlWmbusTelegrams(frame, ctx.stickId, at),
};
