import type { StickKind } from '../types.js';
import type { EmulatorModel } from './emulator.js';
import { im871aModel } from './im871a.js';
import { iu891aModel } from './iu891a.js';
import { amberModel } from './amber.js';
import { culModel } from './cul.js';
import { rc1180Model } from './rc1180.js';
import { embitModel } from './embit.js';
import { rtlWmbusModel } from './rtlwmbus.js';

export { StickEmulator, type EmulatorEndpoint, type EmulatorModel, type ReplayOptions } from './emulator.js';
export { mockPortEndpoint, linkEndpoint } from './endpoints.js';

/** A default emulator model per stick kind (each factory also takes stick-specific options). */
export const EMULATOR_MODELS: Record<StickKind, () => EmulatorModel> = {
  im871a: () => im871aModel(),
  iu891a: () => iu891aModel(),
  amber: () => amberModel(),
  cul: () => culModel(),
  rc1180: () => rc1180Model(),
  embit: () => embitModel(),
  rtlwmbus: () => rtlWmbusModel(),
};
