/**
 * The wired M-Bus master (EN 13757-2, radio.md § 3.4): the agent drives a level converter on a serial port
 * (2400 baud 8E1 by default) and polls the configured meters on a schedule, by primary address (SND_NKE,
 * then REQ_UD2) or by secondary address (SND_UD select to FD → E5, then REQ_UD2 to FD). Multi-telegram
 * answers (DIF 1F) are collected by repeating REQ_UD2 with the FCB toggled; a lost answer is retried with
 * the same FCB, so the meter repeats instead of moving on. `search()` lists the meters on the bus by
 * narrowing a secondary-address wildcard digit by digit. Every long frame becomes a NormalizedTelegram
 * for the unchanged pipeline (decodeTelegram recognises frames starting 68).
 *
 * The bus is half duplex with one master: every exchange runs under one lock, one request at a time.
 */
import { EventEmitter } from 'node:events';
import { ADDRESS_NETWORK_LAYER, decodeTelegram, manufacturerFromCode, reqUd2, selectSecondary, sndNke, type SecondaryAddress } from '@wmbus/protocol';
import type { ByteLink, LinkOpener } from '../transport/binding.js';
import type { NormalizedTelegram } from '../sticks/types.js';
import { WiredError } from './errors.js';
import { WiredFrameParser, type ReceivedWiredFrame } from './framing.js';

/** One meter to poll: exactly one of primaryAddress / secondaryAddress. */
export interface WiredMeterTarget {
  name?: string;
  primaryAddress?: number;
  secondaryAddress?: SecondaryAddress;
}

export interface WiredMasterOptions {
  open: LinkOpener;
  /** Bus id, stored as the telegrams' stickId. */
  busId: string;
  /** Line speed, for the default timeouts (the link opener sets the port's speed). Default 2400. */
  baudRate?: number;
  meters?: WiredMeterTarget[];
  /** Poll all meters every this many ms after start(); 0 or absent: only on demand (pollAll). */
  pollIntervalMs?: number;
  /** Retries after a timeout or a broken answer. Default 3 (radio.md § 3.4). */
  retries?: number;
  /** Wait for the first byte of an answer; default 500 ms at 2400 baud, scaled to the baud rate. */
  responseTimeoutMs?: number;
  /** Highest number of telegrams of one multi-telegram answer. Default 16. */
  maxTelegrams?: number;
  /** Retries of a search probe that got no answer (each empty branch costs a timeout). Default 0. */
  searchRetries?: number;
  now?: () => number;
}

export interface WiredCounters {
  polls: number;
  /** Valid answers (E5 or RSP_UD) to a request. */
  answers: number;
  timeouts: number;
  retries: number;
  checksumErrors: number;
  /** Search probes answered by several meters at once (a broken answer). */
  collisions: number;
  /** Bytes thrown away by the receive framing (noise, broken frames, late bytes). */
  discardedBytes: number;
  telegrams: number;
  failedPolls: number;
}

export interface PollResult {
  target: string;
  /** The long frames of the answer, in order (several for a multi-telegram answer). */
  frames: Uint8Array[];
  error?: WiredError;
}

export interface FoundMeter {
  address: Required<SecondaryAddress>;
  /** The first answer frame read while the meter was selected. */
  frame: Uint8Array;
}

export interface SearchResult {
  meters: FoundMeter[];
  /** Masks that still collided with all 8 id digits fixed (same id, different manufacturer/version/medium). */
  unresolved: string[];
}

type Reply = { kind: 'frame'; frame: ReceivedWiredFrame; noisy: boolean } | { kind: 'timeout' } | { kind: 'broken' };

interface Waiter {
  accept: (f: ReceivedWiredFrame) => boolean;
  broken: boolean;
  timer: NodeJS.Timeout;
  finish: (reply: Reply) => void;
}

const isAck = (f: ReceivedWiredFrame) => f.kind === 'ack';
/** RSP_UD: C = 08/18/28/38 (ACD and DFC bits free). */
const isRspUd = (f: ReceivedWiredFrame) => f.kind === 'long' && (f.c! & 0xcf) === 0x08;

export const describeTarget = (t: WiredMeterTarget): string =>
  t.primaryAddress !== undefined ? `primary ${t.primaryAddress}` : `secondary ${t.secondaryAddress?.id ?? '?'}`;

/**
 * Events: 'telegram' (NormalizedTelegram, one per long frame), 'poll' (PollResult), 'failure' (WiredError
 * of the link: open failed, closed under us), 'closed'.
 */
export class WiredMaster extends EventEmitter {
  readonly counters: WiredCounters = { polls: 0, answers: 0, timeouts: 0, retries: 0, checksumErrors: 0, collisions: 0, discardedBytes: 0, telegrams: 0, failedPolls: 0 };
  private link: ByteLink | undefined;
  private readonly parser = new WiredFrameParser();
  private waiter: Waiter | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly responseTimeoutMs: number;
  /** After a broken byte, this much quiet ends the answer (the rest of a collision must not leak on). */
  private readonly quietMs: number;
  private readonly now: () => number;

  constructor(private readonly options: WiredMasterOptions) {
    super();
    const baud = options.baudRate ?? 2400;
    this.responseTimeoutMs = options.responseTimeoutMs ?? Math.max(100, Math.round((500 * 2400) / baud));
    this.quietMs = Math.max(20, Math.ceil((33 * 1000) / baud) + 10);
    this.now = options.now ?? Date.now;
    for (const m of options.meters ?? []) {
      if ((m.primaryAddress === undefined) === (m.secondaryAddress === undefined)) throw new WiredError('WIRED_CONFIG', `${m.name ?? '?'}: give a primary or a secondary address`);
      if (m.primaryAddress !== undefined && !(Number.isInteger(m.primaryAddress) && m.primaryAddress >= 0 && m.primaryAddress <= 250))
        throw new WiredError('WIRED_CONFIG', `${m.name ?? '?'}: primary address ${m.primaryAddress} is not 0–250`);
      if (m.secondaryAddress) selectSecondary(m.secondaryAddress); // throws WiredRequestError on a malformed id
    }
  }

  /** Opens the link and, with pollIntervalMs, starts the schedule (first round at once). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
    const interval = this.options.pollIntervalMs ?? 0;
    if (interval > 0) {
      const round = async () => {
        if (this.stopped) return;
        await this.pollAll().catch(() => undefined);
        if (!this.stopped) this.timer = setTimeout(round, interval);
      };
      void round();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiter?.finish({ kind: 'timeout' });
    await this.lock.catch(() => undefined);
    const link = this.link;
    this.link = undefined;
    if (link) await link.close().catch(() => undefined);
  }

  /** Polls every configured meter once, in order. */
  async pollAll(): Promise<PollResult[]> {
    const results: PollResult[] = [];
    for (const m of this.options.meters ?? []) {
      if (this.stopped) break;
      results.push(m.primaryAddress !== undefined ? await this.pollPrimary(m.primaryAddress) : await this.pollSecondary(m.secondaryAddress!));
    }
    return results;
  }

  /** SND_NKE, then REQ_UD2 (FCB toggling) until the answer has no DIF 1F. */
  pollPrimary(address: number): Promise<PollResult> {
    return this.exclusive(() => this.poll(`primary ${address}`, sndNke(address), address));
  }

  /** SND_UD select to FD (expects E5), then REQ_UD2 to FD. */
  pollSecondary(address: SecondaryAddress): Promise<PollResult> {
    return this.exclusive(() => this.poll(`secondary ${address.id}`, selectSecondary(address), ADDRESS_NETWORK_LAYER));
  }

  /**
   * Lists the meters on the bus: select with the id wildcard 'FFFFFFFF'; no answer = none, a clean E5 =
   * one meter (read its address with REQ_UD2), a broken answer = several → fix the next digit 0–9 and
   * probe again (m-bus.com documentation, secondary address search).
   */
  search(): Promise<SearchResult> {
    return this.exclusive(async () => {
      const result: SearchResult = { meters: [], unresolved: [] };
      const seen = new Set<string>();
      const visit = async (prefix: string): Promise<void> => {
        const mask = prefix.padEnd(8, 'F');
        const probe = await this.probe(mask);
        if (probe === 'none') return;
        if (probe === 'single') {
          const found = await this.readSelected();
          if (found) {
            const key = `${found.address.id}.${found.address.manufacturer}.${found.address.version}.${found.address.medium}`;
            if (!seen.has(key)) result.meters.push(found);
            seen.add(key);
            return;
          }
          // A clean E5 but a broken data answer: two meters answered E5 in step; treat as a collision.
          this.counters.collisions++;
        }
        if (prefix.length === 8) return void result.unresolved.push(mask);
        for (let digit = 0; digit <= 9 && !this.stopped; digit++) await visit(prefix + digit);
      };
      await visit('');
      return result;
    });
  }

  private async probe(mask: string): Promise<'none' | 'single' | 'collision'> {
    const attempts = 1 + (this.options.searchRetries ?? 0);
    for (let i = 0; i < attempts; i++) {
      if (i > 0) this.counters.retries++;
      const reply = await this.exchange(selectSecondary({ id: mask }), isAck);
      if (reply.kind === 'frame' && !reply.noisy) {
        this.counters.answers++;
        return 'single';
      }
      if (reply.kind !== 'timeout') {
        this.counters.collisions++;
        return 'collision';
      }
      this.counters.timeouts++;
    }
    return 'none';
  }

  private async readSelected(): Promise<FoundMeter | null> {
    const reply = await this.exchange(reqUd2(ADDRESS_NETWORK_LAYER, true), isRspUd);
    if (reply.kind !== 'frame' || reply.noisy) return null;
    this.counters.answers++;
    const b = reply.frame.bytes;
    if (reply.frame.ci !== 0x72 || b.length < 17) return null;
    let id = '';
    for (let i = 10; i >= 7; i--) id += b[i]!.toString(16).padStart(2, '0');
    return { address: { id: id.toUpperCase(), manufacturer: manufacturerFromCode(b[11]! | (b[12]! << 8)), version: b[13]!, medium: b[14]! }, frame: b };
  }

  private async poll(target: string, opening: Uint8Array, address: number): Promise<PollResult> {
    this.counters.polls++;
    const result: PollResult = { target, frames: [] };
    try {
      await this.request(opening, isAck);
      // After SND_NKE (and a selection, C=53 with FCB 0) the slave expects FCB = 1 next.
      let fcb = true;
      for (let n = 0; n < (this.options.maxTelegrams ?? 16); n++) {
        const frame = await this.request(reqUd2(address, fcb), isRspUd);
        result.frames.push(frame.bytes);
        this.counters.telegrams++;
        try {
          this.emit('telegram', this.normalize(frame.bytes));
        } catch (e) {
          this.emit('failure', e); // a listener's bug must not stop the poll or the schedule
        }
        if (!moreRecordsFollow(frame.bytes)) break;
        fcb = !fcb;
      }
    } catch (e) {
      result.error = e instanceof WiredError ? e : new WiredError('WIRED_LINK_OPEN', String(e));
      this.counters.failedPolls++;
    }
    this.emit('poll', result);
    return result;
  }

  /** One request with retries; the same bytes (same FCB) each time, so the meter repeats its answer. */
  private async request(bytes: Uint8Array, accept: (f: ReceivedWiredFrame) => boolean): Promise<ReceivedWiredFrame> {
    const retries = this.options.retries ?? 3;
    let last: Reply = { kind: 'timeout' };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) this.counters.retries++;
      last = await this.exchange(bytes, accept);
      if (last.kind === 'frame') {
        this.counters.answers++;
        return last.frame;
      }
      if (last.kind === 'timeout') this.counters.timeouts++;
      if (this.stopped) break;
    }
    throw new WiredError(last.kind === 'timeout' ? 'WIRED_NO_ANSWER' : 'WIRED_BROKEN_ANSWER', `after ${retries + 1} attempts`);
  }

  /** Writes a request and waits for an accepted frame, silence, or broken bytes followed by quiet. */
  private async exchange(bytes: Uint8Array, accept: (f: ReceivedWiredFrame) => boolean): Promise<Reply> {
    if (this.stopped) throw new WiredError('WIRED_LINK_CLOSED', 'master stopped');
    if (!this.link) await this.connect();
    const link = this.link!;
    this.counters.discardedBytes += this.parser.reset(); // late bytes of an earlier answer are not this reply
    return new Promise<Reply>((resolve) => {
      const waiter: Waiter = {
        accept,
        broken: false,
        timer: setTimeout(() => this.onTimeout(), this.responseTimeoutMs),
        finish: (reply) => {
          clearTimeout(waiter.timer);
          if (this.waiter === waiter) this.waiter = undefined;
          resolve(reply);
        },
      };
      this.waiter = waiter;
      link.write(bytes).catch(() => waiter.finish({ kind: 'broken' }));
    });
  }

  private onTimeout(): void {
    const w = this.waiter;
    if (!w) return;
    const partial = this.parser.reset();
    if (partial > 0) {
      this.counters.discardedBytes += partial;
      w.broken = true;
    }
    w.finish(w.broken ? { kind: 'broken' } : { kind: 'timeout' });
  }

  private onData(chunk: Uint8Array): void {
    const events = this.parser.feed(chunk, this.now());
    const w = this.waiter;
    for (const event of events) {
      if (event.kind === 'garbage') {
        this.counters.discardedBytes += event.bytes;
        if (event.reason === 'checksum') this.counters.checksumErrors++;
        if (w) w.broken = true;
      } else if (event.kind === 'frame' && w && this.waiter === w) {
        if (w.accept(event.frame)) return w.finish({ kind: 'frame', frame: event.frame, noisy: w.broken });
        w.broken = true;
      } else if (event.kind === 'frame') {
        this.counters.discardedBytes += event.frame.bytes.length; // nobody asked
      }
    }
    if (!w || this.waiter !== w) return;
    // Bytes are still coming (a long frame at 2400 baud takes up to 1.1 s): wait on from the last byte;
    // after broken bytes only a short quiet gap, so the rest of a garbled answer is swallowed here.
    clearTimeout(w.timer);
    w.timer = setTimeout(() => this.onTimeout(), w.broken && this.parser.pending === 0 ? this.quietMs : this.responseTimeoutMs);
  }

  private async connect(): Promise<void> {
    try {
      const link = await this.options.open();
      this.link = link;
      link.onData((chunk) => this.onData(chunk));
      link.onClose((error) => {
        if (this.link !== link) return;
        this.link = undefined;
        this.waiter?.finish({ kind: 'broken' });
        this.emit('failure', new WiredError('WIRED_LINK_CLOSED', error?.message));
        this.emit('closed');
      });
    } catch (e) {
      const error = new WiredError('WIRED_LINK_OPEN', (e as Error).message);
      this.emit('failure', error);
      throw error;
    }
  }

  private normalize(frame: Uint8Array): NormalizedTelegram {
    return { telegram: frame, frameFormat: 'unknown', crcCheckedBy: 'host', receivedAt: new Date(this.now()), stickId: this.options.busId };
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }
}

/** DIF 1F at the end of the records: the meter has more telegrams (radio.md § 3.4). */
function moreRecordsFollow(frame: Uint8Array): boolean {
  try {
    return decodeTelegram(frame).moreRecordsFollow;
  } catch {
    return false; // an answer we cannot decode (encrypted, unknown CI) is taken as complete
  }
}
