/**
 * What the collector can read from a raw telegram before (and without) decrypting it: the meter's
 * link-layer address, and the dedupe key of the radio transmission.
 *
 * The same transmission may reach the collector with or without DLL CRCs and with stick trailers
 * (RSSI/LQI) appended, depending on the stick (radio.md § 3.3: iM871A & co strip CRCs, CUL does not).
 * So the key is computed on the CRC-free telegram cut at its L-field (protocol's removeDllCrcs, which
 * strips CRCs only if every one verifies): address bytes M A V T in clear, plus a hash of everything
 * from the CI field on (access number, payload, ciphertext). Two gateways hearing one transmission get
 * the same key; a meter's next transmission differs at least in its access number, and identical repeats
 * are told apart by the time window (radio.md § 9).
 */
import { isWmbusError, readAddress, removeDllCrcs } from '@wmbus/protocol';
import type { MeterIdentity } from '../store/index.js';
import { sha256Into } from './sha256.js';

export interface LinkIdentity {
  /** The DLL address; null for wired M-Bus frames and telegrams too short to have one. */
  address: MeterIdentity | null;
  /** 24 bytes for wireless (8 address bytes + 16 bytes of SHA-256 over CI..end), 16 otherwise. */
  dedupeKey: Uint8Array;
}

/** Wired frames (EN 13757-2) start with 68 L L 68 (long) or 10 (short) or are a single E5. */
const looksWired = (b: Uint8Array): boolean =>
  (b[0] === 0x68 && b.length >= 4 && b[1] === b[2] && b[3] === 0x68) || (b[0] === 0x10 && b.length === 5) || (b[0] === 0xe5 && b.length === 1);

/** The telegram as frame A without CRCs and without trailing stick bytes; null if it cannot be one. */
export function canonicalWireless(b: Uint8Array): Uint8Array | null {
  let telegram: Uint8Array;
  try {
    telegram = removeDllCrcs(b).telegram;
  } catch (e) {
    if (isWmbusError(e)) return null; // shorter than its header or its L-field says
    throw e;
  }
  // L C M(2) A(4) V T CI at least; a shorter L-field cannot name a meter.
  return telegram.length >= 11 ? telegram : null;
}

export function linkIdentity(raw: Uint8Array): LinkIdentity {
  const telegram = looksWired(raw) ? null : canonicalWireless(raw);
  if (!telegram) {
    const dedupeKey = new Uint8Array(16);
    sha256Into(raw, 0, raw.length, dedupeKey, 0, 16);
    return { address: null, dedupeKey };
  }
  const key = new Uint8Array(24);
  for (let i = 0; i < 8; i++) key[i] = telegram[2 + i]!;
  sha256Into(telegram, 10, telegram.length, key, 8, 16);
  const { manufacturer, id, version, deviceType } = readAddress(telegram, 2).address;
  return { address: { manufacturer, id, version, deviceType }, dedupeKey: key };
}
