/**
 * stick → duplicate removal → filters → decrypt/decode/driver → outbox.
 * Synchronous per telegram (the outbox buffers and commits in groups), so nothing waits on I/O between a
 * stick's bytes and the outbox's memory buffer. Counters cover every way a telegram can leave the pipeline.
 */
import { EventEmitter } from 'node:events';
import { CompactFormatStore, DEFAULT_REGISTRY, decodeTelegram, idString, interpret, isWmbusError, manufacturerFromCode, type DriverRegistry } from '@wmbus/protocol';
import type { NormalizedTelegram } from '../sticks/types.js';
import type { Outbox } from '../store/index.js';
import { Deduplicator } from './dedupe.js';
import { TelegramFilter, type FilterConfig, type FilterVerdict } from './filters.js';
import { DecodeStep, type KeyLookup, encodeDecoded } from './decode-step.js';

export interface PipelineOptions {
  outbox: Outbox;
  keys: KeyLookup & { has?: (id: string) => boolean };
  knownMeter?: (id: string) => boolean;
  filters?: FilterConfig;
  /** Same telegram within this many ms counts once. Default 10 s. */
  dedupeWindowMs?: number;
  registry?: DriverRegistry;
  formats?: CompactFormatStore;
  now?: () => number;
}

export interface PipelineCounters {
  received: number;
  duplicates: number;
  filtered: Record<Exclude<FilterVerdict, 'keep'>, number>;
  tooShort: number;
  decoded: number;
  undecoded: Record<string, number>;
  stored: number;
  storeErrors: number;
}

/** One row of the installer's live table (`wmbus-agent scan`). */
export interface HeardMeter {
  id: string;
  manufacturer: string;
  version: number;
  deviceType: number;
  driver: string | null;
  rssiDbm: number | null;
  count: number;
  encrypted: boolean;
  keyKnown: boolean;
  lastStatus: string;
  lastValue: string | null;
  lastSeen: number;
}

/**
 * Manufacturer, id, version and type from the clear DLL header (bytes 2–9). A wired long frame
 * (`68 L L 68 C A 72 id man ver med …`, radio.md § 3.4) has no such header: its meter address is the CI 72
 * long header at bytes 7–14.
 */
export function linkHeader(t: Uint8Array): { manufacturer: string; id: string; version: number; deviceType: number } | null {
  if (isWiredLongFrame(t)) {
    if (t[6] !== 0x72 || t.length < 17) return { manufacturer: '', id: '', version: 0, deviceType: 0 };
    return { manufacturer: manufacturerFromCode(t[11]! | (t[12]! << 8)), id: idString(t, 7), version: t[13]!, deviceType: t[14]! };
  }
  if (t.length < 11) return null;
  return { manufacturer: manufacturerFromCode(t[2]! | (t[3]! << 8)), id: idString(t, 4), version: t[8]!, deviceType: t[9]! };
}

/** `68 L L 68 … 16` with the length L promises (a wireless telegram with L=0x68 is 105 bytes, not L+6). */
const isWiredLongFrame = (t: Uint8Array) => t.length >= 9 && t[0] === 0x68 && t[3] === 0x68 && t[1] === t[2] && t.length === t[1]! + 6 && t[t.length - 1] === 0x16;

export class Pipeline extends EventEmitter {
  readonly counters: PipelineCounters = {
    received: 0,
    duplicates: 0,
    filtered: { id: 0, manufacturer: 0, 'device-type': 0, 'unknown-meter': 0 },
    tooShort: 0,
    decoded: 0,
    undecoded: {},
    stored: 0,
    storeErrors: 0,
  };
  readonly heard = new Map<string, HeardMeter>();
  private readonly dedupe: Deduplicator;
  private readonly filter: TelegramFilter;
  private readonly step: DecodeStep;
  private readonly now: () => number;
  readonly formats: CompactFormatStore;

  constructor(private readonly options: PipelineOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.dedupe = new Deduplicator(options.dedupeWindowMs ?? 10_000);
    const known = options.knownMeter ?? ((id: string) => options.keys.has?.(id) ?? false);
    this.filter = new TelegramFilter(options.filters ?? {}, known);
    this.formats = options.formats ?? (options.registry ?? DEFAULT_REGISTRY).compactFormatStore();
    this.step = new DecodeStep(options.keys, this.formats, options.registry);
  }

  /** Handles one telegram from a stick; returns what happened to it. */
  handle(t: NormalizedTelegram): 'duplicate' | 'filtered' | 'stored' | 'dropped' {
    this.counters.received++;
    const header = linkHeader(t.telegram);
    if (!header) {
      this.counters.tooShort++;
      return 'dropped';
    }
    if (this.dedupe.isDuplicate(t.telegram, t.receivedAt.getTime())) {
      this.counters.duplicates++;
      return 'duplicate';
    }
    const verdict = this.filter.verdict(header);
    if (verdict !== 'keep') {
      this.counters.filtered[verdict]++;
      return 'filtered';
    }
    const result = this.step.run(t, header);
    if (result.entry.decodeStatus === 'ok') this.counters.decoded++;
    else this.counters.undecoded[result.entry.decodeStatus] = (this.counters.undecoded[result.entry.decodeStatus] ?? 0) + 1;
    this.remember(result.entry.meterId ?? header.id, result, t);
    try {
      const seq = this.options.outbox.enqueue(result.entry);
      this.counters.stored++;
      this.emit('stored', seq, result);
      return 'stored';
    } catch (e) {
      // The outbox refuses only when its backlog is full or the input is invalid; both are counted and reported.
      this.counters.storeErrors++;
      this.emit('error', e);
      return 'dropped';
    }
  }

  /**
   * Decodes the stored raw telegrams of a meter that could not be decoded for lack of a key, after its key
   * was added. Returns how many became decoded.
   */
  redecode(meterId: string): number {
    let done = 0;
    let afterSeq = 0;
    for (;;) {
      const rows = this.options.outbox.rowsNeedingDecode('KEY_MISSING', { meterId, afterSeq, limit: 500 });
      if (!rows.length) break;
      for (const row of rows) {
        afterSeq = row.seq;
        const key = this.options.keys(row.meterId ?? meterId, row.manufacturer ?? '');
        let decoded: Uint8Array | null = null;
        let status = 'ok';
        try {
          decoded = encodeDecoded(interpret(decodeTelegram(row.raw, { key, compactFormats: this.formats }), this.options.registry, { key }));
        } catch (e) {
          status = isWmbusError(e) ? e.code : 'INTERNAL';
        }
        // Throws OUTBOX_BACKLOG_FULL while the outbox cannot commit: the rest stays KEY_MISSING.
        this.options.outbox.updateDecoded(row.seq, decoded, status);
        if (decoded) done++;
      }
    }
    return done;
  }

  private remember(id: string, result: ReturnType<DecodeStep['run']>, t: NormalizedTelegram): void {
    const e = result.entry;
    const key = `${e.manufacturer}:${id}`;
    const current = result.interpretation?.reading.current;
    const lastValue = current ? `${current.value} ${current.unit}` : null;
    const keyKnown = this.options.keys(id, e.manufacturer ?? '') !== null;
    // Updated in place: the row lives as long as the meter is heard, so a new object per telegram would
    // be old-generation garbage each time (promoted before the meter's next telegram replaced it).
    let seen = this.heard.get(key);
    if (!seen) {
      seen = { id, manufacturer: e.manufacturer ?? '', version: 0, deviceType: 0, driver: null, rssiDbm: null, count: 0, encrypted: false, keyKnown, lastStatus: e.decodeStatus, lastValue: null, lastSeen: 0 };
      this.heard.set(key, seen);
    }
    seen.version = e.version ?? 0;
    seen.deviceType = e.deviceType ?? 0;
    seen.driver = result.interpretation?.driver ?? seen.driver;
    seen.rssiDbm = t.rssiDbm ?? null;
    seen.count++;
    seen.encrypted = result.encrypted;
    seen.keyKnown = keyKnown;
    seen.lastStatus = e.decodeStatus;
    seen.lastValue = lastValue ?? seen.lastValue;
    seen.lastSeen = this.now();
  }
}
