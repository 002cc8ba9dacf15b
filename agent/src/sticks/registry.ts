import type { StickProtocol } from './stick-driver.js';
import type { StickKind } from './types.js';
import { im871aProtocol } from './im871a/driver.js';
import { iu891aProtocol } from './iu891a/driver.js';
import { amberProtocol } from './amber/driver.js';
import { culProtocol } from './cul/driver.js';
import { rc1180Protocol } from './rc1180/driver.js';
import { embitProtocol } from './embit/driver.js';
import { rtlWmbusProtocol } from './rtlwmbus/driver.js';

/** Stick kind → protocol (framing + init + normaliser) and its default line speed. */
export const STICKS: Record<StickKind, { protocol: StickProtocol<any>; baudRate: number }> = {
  im871a: { protocol: im871aProtocol, baudRate: 57600 },
  iu891a: { protocol: iu891aProtocol, baudRate: 115200 },
  amber: { protocol: amberProtocol, baudRate: 9600 },
  cul: { protocol: culProtocol, baudRate: 38400 },
  rc1180: { protocol: rc1180Protocol, baudRate: 19200 },
  embit: { protocol: embitProtocol, baudRate: 9600 },
  rtlwmbus: { protocol: rtlWmbusProtocol, baudRate: 115200 },
};
