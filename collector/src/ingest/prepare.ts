/**
 * The part of the ingest that needs no database: from a validated uplink batch to telegrams with their
 * link identity and decoding outcome. It runs on the main thread (Ingestor) or in the decode thread
 * (decode-thread.ts), so what it returns is plain data that crosses a thread boundary.
 */
import type { UplinkBatch, UplinkTelegram } from '@wmbus/protocol';
import type { MeterIdentity, NewRawTelegram } from '../store/index.js';
import type { CollectorDecoder, DecodeOutcome } from './collector-decoder.js';
import type { LinkIdentity } from './link-identity.js';

/** The fields of an uplink telegram the store keeps (the gateway's decoded form is not kept: raw is the truth). */
export type ReceivedTelegram = Pick<NewRawTelegram, 'seq' | 'receivedAt' | 'stickId' | 'raw' | 'rssiDbm' | 'linkMode' | 'frameFormat' | 'agentError'>;

export interface PreparedTelegram {
  t: ReceivedTelegram;
  link: LinkIdentity;
  outcome: DecodeOutcome;
  identity: MeterIdentity | null;
}

/**
 * The meter row: wireless telegrams by their DLL address (readable without a key, so raw and decoded
 * telegrams of one meter land on one row and a later key finds them); wired frames by the decoded address.
 */
export const meterIdentity = (link: LinkIdentity, outcome: DecodeOutcome): MeterIdentity | null =>
  link.address ?? (outcome.ok && outcome.meter.id !== '' ? outcome.meter : null); // a wired short header names no meter

export function receivedTelegram(u: UplinkTelegram): ReceivedTelegram {
  return {
    seq: u.seq,
    receivedAt: u.receivedAt,
    stickId: u.stickId,
    raw: u.raw,
    rssiDbm: u.rssiDbm ?? null,
    // The contract's oneOf() type reads as `… | undefined` under noUncheckedIndexedAccess; the schema
    // has already checked the value is one of LINK_MODES / FRAME_FORMATS.
    linkMode: u.linkMode ?? null,
    frameFormat: u.frameFormat ?? null,
    agentError: u.decodeError?.code ?? null,
  };
}

/** Hands each telegram of the batch over prepared, in order, without building a list (the decode thread packs them at once). */
export function forEachPrepared(decoder: CollectorDecoder, batch: UplinkBatch, each: (t: ReceivedTelegram, link: LinkIdentity, outcome: DecodeOutcome) => void): void {
  for (const u of batch.telegrams) {
    const { link, outcome } = decoder.identify(u.raw); // linkIdentity, then decode with its address
    each(receivedTelegram(u), link, outcome);
  }
}

export function prepareBatch(decoder: CollectorDecoder, batch: UplinkBatch): PreparedTelegram[] {
  const out: PreparedTelegram[] = [];
  forEachPrepared(decoder, batch, (t, link, outcome) => out.push({ t, link, outcome, identity: meterIdentity(link, outcome) }));
  return out;
}
