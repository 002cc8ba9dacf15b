import { NEED, StreamParser, type ScanResult, type StreamParserOptions } from '../stream-parser.js';
import type { FrameParser } from '../types.js';
import { CONFIG_SIZE, C_FIELDS, MIN_L, PROMPT } from './commands.js';

/** Data path: `L | telegram (no CRCs) | [RSSI]`, no start marker and no checksum (radio.md § 2.6). */
export type Rc1180Frame = { kind: 'telegram'; telegram: Uint8Array; rssi?: number } | { kind: 'config'; config: Uint8Array };

/** What the scanner needs to know that the bytes cannot tell: set by the init sequence. */
export interface Rc1180Mode {
  phase?: string; // 'prompt' | 'dump' | anything else = data
  rssiEnabled?: boolean;
}

export function scanRc1180(view: Uint8Array, mode: Rc1180Mode): ScanResult<Rc1180Frame> {
  if (mode.phase === 'prompt') {
    if (view[0] === PROMPT) return { text: '>', length: 1 };
    const i = view.indexOf(PROMPT);
    return { skip: i < 0 ? view.length : i, reason: 'noise' };
  }
  if (mode.phase === 'dump') {
    if (view.length < CONFIG_SIZE + 1) return NEED;
    if (view[CONFIG_SIZE] !== PROMPT) return { skip: 1, reason: 'noise' };
    return { frame: { kind: 'config', config: view.slice(0, CONFIG_SIZE) }, length: CONFIG_SIZE + 1 };
  }
  const l = view[0]!;
  if (l < MIN_L) return { skip: 1, reason: 'noise' };
  if (view.length < 2) return NEED;
  // wmbusmeters resynchronises a raw stream by looking for an L byte followed by a valid C-field
  if (!C_FIELDS.has(view[1]!)) return { skip: 1, reason: 'noise' };
  const total = l + 1 + (mode.rssiEnabled ? 1 : 0);
  if (view.length < total) return NEED;
  const frame: Rc1180Frame = { kind: 'telegram', telegram: view.slice(0, l + 1) };
  if (mode.rssiEnabled) frame.rssi = view[l + 1]!;
  return { frame, length: total };
}

export const createRc1180Parser = (mode: Rc1180Mode, options?: StreamParserOptions): FrameParser<Rc1180Frame> =>
  new StreamParser({ scan: (v) => scanRc1180(v, mode), resyncAfterOverflow: () => 1 }, options);
