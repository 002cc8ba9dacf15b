/**
 * Decrypt + decode + driver for one stick telegram, turned into an outbox entry. The raw bytes are always
 * kept; a telegram that cannot be decoded yet (no key) is stored raw with its error code, so it can be
 * decoded when the key arrives (Outbox.rowsNeedingDecode).
 */
import { encode } from 'cbor-x';
import { decodeTelegram, interpret, isWmbusError, DEFAULT_REGISTRY, type CompactFormatStore, type DriverRegistry, type Interpretation } from '@wmbus/protocol';
import type { NormalizedTelegram } from '../sticks/types.js';
import type { OutboxEntry } from '../store/index.js';

export type KeyLookup = (id: string, manufacturer: string) => Uint8Array | null;

export interface DecodeStepResult {
  entry: OutboxEntry;
  interpretation?: Interpretation;
  /** The telegram announced encryption (security mode 5/7, ELL CTR) — for the installer's scan table. */
  encrypted: boolean;
}

/**
 * The CBOR blob stored as the decoded form (what the uplink's `decoded` field carries): the driver and the
 * normalized reading view, not every record. The raw bytes always travel too and the collector decodes them
 * itself, so the records would only double the outbox (≈ 1 kB instead of ≈ 0.3 kB per telegram: 30 days of
 * 1,000 meters must fit on the SD card).
 */
export function encodeDecoded(i: Interpretation): Uint8Array {
  return encode({ driver: i.driver ?? undefined, reading: i.reading });
}

export class DecodeStep {
  constructor(
    private readonly keys: KeyLookup,
    private readonly formats: CompactFormatStore,
    private readonly registry: DriverRegistry = DEFAULT_REGISTRY,
  ) {}

  run(t: NormalizedTelegram, header: { manufacturer: string; id: string; version: number; deviceType: number } | null): DecodeStepResult {
    const base: OutboxEntry = {
      raw: t.telegram,
      receivedAt: t.receivedAt.getTime(),
      manufacturer: header?.manufacturer ?? null,
      meterId: header?.id ?? null,
      version: header?.version ?? null,
      deviceType: header?.deviceType ?? null,
      rssiDbm: t.rssiDbm ?? null,
      linkMode: t.linkMode ?? null,
      stickId: t.stickId,
      decodeStatus: 'ok',
    };
    const key = header ? this.keys(header.id, header.manufacturer) : null;
    try {
      const decoded = decodeTelegram(t.telegram, { key, compactFormats: this.formats, dllCrc: t.crcCheckedBy === 'stick' ? 'none' : 'auto' });
      const interpretation = interpret(decoded, this.registry, { key });
      const encrypted = decoded.security === 'decrypted';
      // The meter is the highest-level address (TPL long header over DLL), which filters and keys use too.
      return {
        entry: { ...base, manufacturer: decoded.meter.manufacturer, meterId: decoded.meter.id, version: decoded.meter.version, deviceType: decoded.meter.deviceType, decoded: encodeDecoded(interpretation) },
        interpretation,
        encrypted,
      };
    } catch (e) {
      const code = isWmbusError(e) ? e.code : 'INTERNAL';
      return { entry: { ...base, decoded: null, decodeStatus: code }, encrypted: code === 'KEY_MISSING' || code === 'KEY_WRONG' || code === 'MAC_MISMATCH' };
    }
  }
}
