/**
 * The collector decodes every raw telegram itself, with its own keys and driver registry: the gateway's
 * decoded form is only a hint, raw is the truth (architecture.md § 3 rule 8). A telegram that cannot be
 * decoded yields its error code (KEY_MISSING, COMPACT_FORMAT_UNKNOWN, ...) and is kept raw.
 *
 * Successful results are cached by raw bytes: the same transmission heard by several gateways (and
 * meters repeating an identical telegram) is decoded and serialized once. Only successes are cached
 * (a failure may turn into a success when a key or a compact format arrives), and the cache is cleared
 * whenever a key changes (a success with the old key could be wrong with the new one).
 */
import { CompactFormatStore, decodeTelegram, DEFAULT_REGISTRY, fromHex, interpret, isWmbusError, type DataRecord, type DriverRegistry } from '@wmbus/protocol';
import type { CompactFormat, MeterAddress, MeterIdentity } from '../store/index.js';

export interface DecodedReading {
  ok: true;
  /** The meter as the decoder names it (highest-level address: TPL long header over ELL over DLL). */
  meter: MeterIdentity;
  driver: string | null;
  kind: string;
  meterTime: string | null;
  /** JSON of the reading view. The records are not kept: the store decodes them again on read (records()). */
  readingJson: string;
}

export interface DecodeFailure {
  ok: false;
  /** A WmbusErrorCode, or DECODER_INTERNAL for an exception the decoder should not have thrown. */
  code: string;
}

export type DecodeOutcome = DecodedReading | DecodeFailure;

export interface CollectorDecoderOptions {
  registry?: DriverRegistry;
  /** Entries in the success cache (0 disables it). Default 4096. */
  cacheSize?: number;
}

const addressKey = (m: MeterAddress): string => `${m.manufacturer}:${m.id}`;

export class CollectorDecoder {
  private readonly registry: DriverRegistry;
  private readonly keys = new Map<string, Uint8Array>();
  private readonly formats: CompactFormatStore;
  private readonly cache = new Map<string, DecodedReading>();
  readonly cacheSize: number;
  /** Whether the registry is the built-in one (a decoder in another thread can only have that one). */
  readonly usesDefaultRegistry: boolean;
  /** signature:hex of the formats already in the database or shipped by drivers (never persisted). */
  private readonly knownFormats = new Set<string>();
  private knownSignatures = 0;
  /** Decoder exceptions that were not coded WmbusErrors (bugs to report; the raw telegram is kept). */
  internalErrors = 0;

  constructor(options: CollectorDecoderOptions = {}) {
    this.registry = options.registry ?? DEFAULT_REGISTRY;
    this.usesDefaultRegistry = this.registry === DEFAULT_REGISTRY;
    this.cacheSize = options.cacheSize ?? 4096;
    this.formats = this.registry.compactFormatStore();
    this.markKnown();
    this.knownSignatures = this.formats.size;
  }

  private markKnown(): CompactFormat[] {
    const added: CompactFormat[] = [];
    for (const [sig, list] of Object.entries(this.formats.toJSON())) {
      for (const hex of list) {
        if (this.knownFormats.has(`${sig}:${hex}`)) continue;
        this.knownFormats.add(`${sig}:${hex}`);
        added.push({ signature: parseInt(sig, 16), format: fromHex(hex) });
      }
    }
    return added;
  }

  /** Whether this decoder holds exactly this key for the meter. */
  hasKey(meter: MeterAddress, key: Uint8Array): boolean {
    const held = this.keys.get(addressKey(meter));
    return held !== undefined && Buffer.compare(held, key) === 0;
  }

  setKey(meter: MeterAddress, key: Uint8Array): void {
    this.keys.set(addressKey(meter), key.slice());
    this.cache.clear();
  }

  /** Loads formats persisted earlier; they count as already persisted. */
  loadCompactFormats(formats: readonly CompactFormat[]): void {
    for (const f of formats) this.formats.learn(f.format);
    this.markKnown();
    this.knownSignatures = this.formats.size;
  }

  /**
   * Formats another decoder learned (the decode thread's): learned here as if from a full frame, so the
   * next takeNewCompactFormats() hands them over for storing.
   */
  learnCompactFormats(formats: readonly CompactFormat[]): void {
    for (const f of formats) this.formats.learn(f.format);
  }

  /** Formats learned since the last call (to persist in the same transaction as the telegrams). */
  takeNewCompactFormats(): CompactFormat[] {
    // Cheap check first: this runs once per batch, and a format is learned about once per meter type.
    if (this.formats.size === this.knownSignatures) return [];
    const added = this.markKnown();
    this.knownSignatures = this.formats.size;
    return added;
  }

  /** Hands back formats whose transaction rolled back, so the next commit persists them again. */
  returnCompactFormats(formats: readonly CompactFormat[]): void {
    for (const f of formats) this.knownFormats.delete(`${f.signature.toString(16).padStart(4, '0')}:${Buffer.from(f.format).toString('hex').toUpperCase()}`);
    if (formats.length) this.knownSignatures = -1;
  }

  /**
   * The records of a stored telegram, decoded as at ingest (same keys, formats and registry); undefined
   * if it does not decode. Uncached: the read side asks for one reading at a time.
   */
  records(raw: Uint8Array, linkAddress: MeterAddress | null): DataRecord[] | undefined {
    try {
      const key = (linkAddress && this.keys.get(addressKey(linkAddress))) ?? null;
      return interpret(decodeTelegram(raw, { key, compactFormats: this.formats }), this.registry, { key }).records;
    } catch (e) {
      if (isWmbusError(e)) return undefined;
      this.internalErrors++;
      return undefined;
    }
  }

  /** Decodes `raw`; the key is looked up by the link-layer address (null: try without a key). */
  decode(raw: Uint8Array, linkAddress: MeterAddress | null): DecodeOutcome {
    const cacheKey = this.cacheSize > 0 ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1') : '';
    const hit = this.cacheSize > 0 ? this.cache.get(cacheKey) : undefined;
    if (hit) return hit;
    let outcome: DecodeOutcome;
    try {
      const key = linkAddress ? this.keys.get(addressKey(linkAddress)) : undefined;
      const decoded = decodeTelegram(raw, { key: key ?? null, compactFormats: this.formats });
      const view = interpret(decoded, this.registry, { key: key ?? null });
      const m = decoded.meter;
      outcome = {
        ok: true,
        meter: { manufacturer: m.manufacturer, id: m.id, version: m.version, deviceType: m.deviceType },
        driver: view.driver,
        kind: view.reading.kind,
        meterTime: view.reading.meterTime ?? null,
        readingJson: JSON.stringify(view.reading),
      };
    } catch (e) {
      if (isWmbusError(e)) return { ok: false, code: e.code };
      this.internalErrors++;
      return { ok: false, code: 'DECODER_INTERNAL' };
    }
    if (this.cacheSize > 0) {
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, outcome);
    }
    return outcome;
  }
}
