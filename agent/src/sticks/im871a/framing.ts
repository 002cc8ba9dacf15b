import { crc16X25 } from '@wmbus/protocol';
import { NEED, StreamParser, type ScanResult, type StreamParserOptions } from '../stream-parser.js';
import type { FrameParser } from '../types.js';
import { CTRL, MAX_MESSAGE_ID, START } from './commands.js';

/**
 * iM871A HCI framing (radio.md § 2.1):
 * `A5 | ctrl/endpoint | msgId | len | payload | [ts u32 LE] | [rssi u8] | [CRC-16/X-25 LE]`.
 * The CRC covers everything after A5 up to and including the trailers.
 */
export interface ImstFrame {
  endpoint: number;
  msgId: number;
  payload: Uint8Array;
  timestamp?: number;
  rssi?: number;
  /** Whether the frame carried a CRC (it verified, or the frame would not be here). */
  crc: boolean;
}

export function scanImst(view: Uint8Array): ScanResult<ImstFrame> {
  if (view[0] !== START) {
    const next = view.indexOf(START, 1);
    return { skip: next < 0 ? view.length : next, reason: 'noise' };
  }
  if (view.length < 4) return NEED;
  const ctrl = view[1]!;
  const endpoint = ctrl & 0x0f;
  const msgId = view[2]!;
  const maxId = MAX_MESSAGE_ID[endpoint];
  if (ctrl & CTRL.RESERVED || maxId === undefined || msgId === 0 || msgId > maxId) return { skip: 1, reason: 'noise' };
  const len = view[3]!;
  const hasTs = (ctrl & CTRL.TIMESTAMP) !== 0;
  const hasRssi = (ctrl & CTRL.RSSI) !== 0;
  const hasCrc = (ctrl & CTRL.CRC) !== 0;
  const total = 4 + len + (hasTs ? 4 : 0) + (hasRssi ? 1 : 0) + (hasCrc ? 2 : 0);
  if (view.length < total) return NEED;
  if (hasCrc && crc16X25(view, 1, total - 2) !== (view[total - 2]! | (view[total - 1]! << 8))) {
    return { skip: total, reason: 'checksum' };
  }
  let pos = 4 + len;
  const frame: ImstFrame = { endpoint, msgId, payload: view.slice(4, pos), crc: hasCrc };
  if (hasTs) {
    frame.timestamp = (view[pos]! | (view[pos + 1]! << 8) | (view[pos + 2]! << 16) | (view[pos + 3]! << 24)) >>> 0;
    pos += 4;
  }
  if (hasRssi) frame.rssi = view[pos]!;
  return { frame, length: total };
}

export const createImstParser = (options?: StreamParserOptions): FrameParser<ImstFrame> =>
  new StreamParser({ scan: scanImst, resyncAfterOverflow: (v) => nextStart(v) }, options);

const nextStart = (view: Uint8Array) => {
  const i = view.indexOf(START, 1);
  return i < 0 ? view.length : i;
};

/** Builds a host or stick frame; trailers are added when their fields are given. */
export function encodeImst(frame: Omit<ImstFrame, 'crc'> & { crc?: boolean }): Uint8Array {
  const { endpoint, msgId, payload, timestamp, rssi } = frame;
  const withCrc = frame.crc ?? true;
  const ctrl = endpoint | (timestamp !== undefined ? CTRL.TIMESTAMP : 0) | (rssi !== undefined ? CTRL.RSSI : 0) | (withCrc ? CTRL.CRC : 0);
  const out = new Uint8Array(4 + payload.length + (timestamp !== undefined ? 4 : 0) + (rssi !== undefined ? 1 : 0) + (withCrc ? 2 : 0));
  out.set([START, ctrl, msgId, payload.length], 0);
  out.set(payload, 4);
  let pos = 4 + payload.length;
  if (timestamp !== undefined) {
    out.set([timestamp & 0xff, (timestamp >>> 8) & 0xff, (timestamp >>> 16) & 0xff, (timestamp >>> 24) & 0xff], pos);
    pos += 4;
  }
  if (rssi !== undefined) out[pos++] = rssi;
  if (withCrc) {
    const crc = crc16X25(out, 1, pos);
    out[pos] = crc & 0xff;
    out[pos + 1] = crc >> 8;
  }
  return out;
}
