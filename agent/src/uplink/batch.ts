/** Outbox rows → the contract's uplink batch (protocol/src/mqtt/payloads/uplink.ts). */
import { decode } from 'cbor-x';
import { LINK_MODES, type UplinkBatch, type UplinkTelegram } from '@wmbus/protocol';
import type { OutboxRow } from '../store/index.js';

const LINK_MODE_SET = new Set<string>(LINK_MODES);

export function rowToTelegram(row: OutboxRow, frameFormat?: 'A' | 'B'): UplinkTelegram {
  const t: UplinkTelegram = {
    seq: row.seq,
    raw: row.raw,
    receivedAt: row.receivedAt,
    stickId: row.stickId ?? 'unknown',
  } as UplinkTelegram;
  if (row.rssiDbm !== null) t.rssiDbm = row.rssiDbm;
  if (row.linkMode !== null && LINK_MODE_SET.has(row.linkMode)) (t as { linkMode?: string }).linkMode = row.linkMode;
  if (frameFormat) (t as { frameFormat?: string }).frameFormat = frameFormat;
  if (row.decoded) t.decoded = decode(Buffer.from(row.decoded)) as UplinkTelegram['decoded'];
  else if (row.decodeStatus !== 'ok') t.decodeError = { code: row.decodeStatus } as UplinkTelegram['decodeError'];
  return t;
}

export function rowsToBatch(rows: OutboxRow[], now: number): UplinkBatch {
  return { v: 1, sentAt: now, telegrams: rows.map((r) => rowToTelegram(r)) } as UplinkBatch;
}
