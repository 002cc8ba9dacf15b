import { EventEmitter, on } from 'node:events';
import type { ByteLink, LinkOpener } from '../transport/binding.js';
import { StickError } from './errors.js';
import { newCounters, type FrameParser, type FramingEvent, type NormalizedTelegram, type StickCounters, type StickKind } from './types.js';

/** What the init sequence learned; reported in the agent's info state. */
export interface StickInfo {
  model?: string;
  firmware?: string;
  /** Link modes the stick now listens to, e.g. ['C1', 'T1']. */
  linkModes: string[];
}

/** Per-connection state the init sequence sets and the telegram normaliser reads. */
export interface StickContext {
  stickId: string;
  /** Whether the stick appends RSSI; undefined until the init sequence has found out. */
  rssiEnabled?: boolean;
  linkModes: string[];
  /** For sticks whose byte stream changes meaning with a mode (RC1180 config mode vs data). */
  phase?: string;
}

/** The sequencing API an init sequence gets; it never sees bytes it has to parse itself. */
export interface StickSession<F> {
  readonly context: StickContext;
  send(bytes: Uint8Array): Promise<void>;
  /** Sends and waits for the first frame `isResponse` accepts; telegrams arriving meanwhile pass through. */
  request(bytes: Uint8Array, isResponse: (frame: F) => boolean, timeoutMs?: number): Promise<F>;
  /** Waits for a frame without sending anything (a notification that follows a reply). */
  expect(isResponse: (frame: F) => boolean, timeoutMs?: number): Promise<F>;
  /** Same for text-line sticks (CUL, RC1180 config prompts). */
  requestText(bytes: Uint8Array, isResponse: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  delay(ms: number): Promise<void>;
}

export interface InitOptions {
  /** Wanted link modes in order of preference, default ['C1', 'T1']. */
  linkModes: string[];
}

/** A stick kind: framing + init sequence + normaliser. Everything stick-specific lives behind this. */
export interface StickProtocol<F> {
  kind: StickKind;
  /** The context is live: stateful framings (RC1180) read the phase and RSSI flag from it. */
  createParser(context: StickContext): FrameParser<F>;
  initialise(session: StickSession<F>, options: InitOptions): Promise<StickInfo>;
  /** Telegrams in a frame (rtl_wmbus lines may carry several); empty when the frame is not a telegram. */
  toTelegrams(frame: F, context: StickContext, receivedAt: Date): NormalizedTelegram[];
}

export interface StickDriverOptions<F> {
  protocol: StickProtocol<F>;
  open: LinkOpener;
  stickId: string;
  linkModes?: string[];
  /** No byte for this long → reopen and re-initialise (radio.md § 9). 0 disables. */
  silenceTimeoutMs?: number;
  reopenDelayMs?: number;
  requestTimeoutMs?: number;
  /** How often the watchdog and the partial-frame timeout are checked. */
  tickMs?: number;
}

interface Waiter<F> {
  matchFrame?: (frame: F) => boolean;
  matchText?: (text: string) => boolean;
  resolve: (value: F | string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Sequencing only: open, initialise, pass telegrams on, watch for silence and closed ports, reopen.
 * Events: 'telegram' (NormalizedTelegram), 'ready' (StickInfo), 'reopen' (reason), 'failure' (a StickError
 * from a failed re-initialisation; never thrown), 'stopped', 'text' (stick text that is not a telegram).
 */
export class StickDriver<F = unknown> extends EventEmitter {
  readonly counters: StickCounters = newCounters();
  info: StickInfo | undefined;
  private link: ByteLink | undefined;
  private parser: FrameParser<F>;
  private waiters: Waiter<F>[] = [];
  private lastByteAt = Date.now();
  private ticker: NodeJS.Timeout | undefined;
  private stopped = true;
  private restarting = false;
  private generation = 0;
  private readonly context: StickContext;
  private readonly sleeps = new Set<() => void>();

  constructor(private readonly options: StickDriverOptions<F>) {
    super();
    this.context = { stickId: options.stickId, linkModes: [] };
    this.parser = options.protocol.createParser(this.context);
  }

  get stickId(): string {
    return this.options.stickId;
  }

  /** Opens and initialises; rejects if the first attempt fails (later failures are retried). */
  async start(): Promise<StickInfo> {
    this.stopped = false;
    const tickMs = this.options.tickMs ?? 500;
    this.ticker = setInterval(() => this.tick(), tickMs);
    this.ticker.unref();
    try {
      return await this.connect();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.failWaiters(new StickError('STICK_CLOSED', 'driver stopped'));
    for (const wake of this.sleeps) wake();
    this.emit('stopped');
    const link = this.link;
    this.link = undefined;
    if (link) await link.close().catch(() => undefined);
  }

  /** Async iteration over normalised telegrams until the driver stops. */
  async *telegrams(): AsyncGenerator<NormalizedTelegram> {
    const ac = new AbortController();
    const stop = () => ac.abort();
    this.once('stopped', stop);
    try {
      for await (const [t] of on(this, 'telegram', { signal: ac.signal })) yield t as NormalizedTelegram;
    } catch (e) {
      if (!ac.signal.aborted) throw e;
    } finally {
      this.off('stopped', stop);
    }
  }

  private async connect(): Promise<StickInfo> {
    const generation = ++this.generation;
    this.context.phase = undefined;
    this.context.rssiEnabled = undefined;
    this.parser = this.options.protocol.createParser(this.context);
    let link: ByteLink;
    try {
      link = await this.options.open();
    } catch (error) {
      throw new StickError('STICK_OPEN', (error as Error).message);
    }
    if (generation !== this.generation || this.stopped) {
      await link.close().catch(() => undefined);
      throw new StickError('STICK_CLOSED', 'stopped while opening');
    }
    this.link = link;
    this.lastByteAt = Date.now();
    link.onData((chunk) => generation === this.generation && this.onBytes(chunk));
    link.onClose(() => generation === this.generation && this.restart('port closed'));
    const info = await this.options.protocol.initialise(this.session(link), { linkModes: this.options.linkModes ?? ['C1', 'T1'] });
    this.context.linkModes = info.linkModes;
    this.info = info;
    this.emit('ready', info);
    return info;
  }

  private session(link: ByteLink): StickSession<F> {
    const timeout = this.options.requestTimeoutMs ?? 3000;
    const wait = <T extends F | string>(bytes: Uint8Array | undefined, waiter: Pick<Waiter<F>, 'matchFrame' | 'matchText'>, ms: number) =>
      new Promise<T>((resolve, reject) => {
        const entry: Waiter<F> = {
          ...waiter,
          resolve: resolve as (v: F | string) => void,
          reject,
          timer: setTimeout(() => {
            this.waiters = this.waiters.filter((w) => w !== entry);
            reject(new StickError('STICK_TIMEOUT', `no answer to ${bytes ? Buffer.from(bytes).toString('hex') : 'nothing'} within ${ms} ms`));
          }, ms),
        };
        this.waiters.push(entry);
        if (!bytes) return;
        link.write(bytes).catch((e: Error) => {
          clearTimeout(entry.timer);
          this.waiters = this.waiters.filter((w) => w !== entry);
          reject(new StickError('STICK_CLOSED', e.message));
        });
      });
    return {
      context: this.context,
      send: (bytes) => link.write(bytes),
      request: (bytes, matchFrame, ms = timeout) => wait<F>(bytes, { matchFrame }, ms),
      expect: (matchFrame, ms = timeout) => wait<F>(undefined, { matchFrame }, ms),
      requestText: (bytes, matchText, ms = timeout) => wait<string>(bytes, { matchText }, ms),
      delay: (ms) => new Promise((r) => setTimeout(r, ms)),
    };
  }

  private onBytes(chunk: Uint8Array): void {
    this.counters.bytesReceived += chunk.length;
    this.lastByteAt = Date.now();
    this.handle(this.parser.feed(chunk, this.lastByteAt));
  }

  private handle(events: FramingEvent<F>[]): void {
    for (const event of events) {
      if (event.kind === 'garbage') {
        this.counters.discardedBytes += event.bytes;
        if (event.reason === 'checksum') this.counters.checksumErrors++;
        if (event.reason === 'timeout') this.counters.partialTimeouts++;
      } else if (event.kind === 'text') {
        const waiter = this.waiters.find((w) => w.matchText?.(event.text));
        if (waiter) this.settle(waiter, event.text);
        else this.emit('text', event.text);
      } else {
        this.counters.framesOk++;
        let telegrams: NormalizedTelegram[] = [];
        try {
          telegrams = this.options.protocol.toTelegrams(event.frame, this.context, new Date());
        } catch (error) {
          this.emit('failure', error); // a normaliser bug must not stop the stream
        }
        if (telegrams.length > 0) {
          this.counters.telegrams += telegrams.length;
          for (const telegram of telegrams) this.deliver(telegram);
          continue;
        }
        const waiter = this.waiters.find((w) => w.matchFrame?.(event.frame));
        if (waiter) this.settle(waiter, event.frame);
      }
    }
  }

  /** A throwing 'telegram' listener is reported, never allowed to unwind into the port's data handler. */
  private deliver(telegram: NormalizedTelegram): void {
    try {
      this.emit('telegram', telegram);
    } catch (error) {
      this.emit('failure', error);
    }
  }

  private settle(waiter: Waiter<F>, value: F | string): void {
    clearTimeout(waiter.timer);
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.resolve(value);
  }

  private failWaiters(error: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters = [];
  }

  private tick(): void {
    if (this.stopped || !this.link) return;
    const now = Date.now();
    this.handle(this.parser.expire(now));
    const silence = this.options.silenceTimeoutMs ?? 0;
    if (silence > 0 && !this.restarting && now - this.lastByteAt > silence) this.restart(`silent for ${now - this.lastByteAt} ms`);
  }

  /** A delay that stop() cuts short, so a stopped driver leaves no timer behind. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeps.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleeps.add(wake);
    });
  }

  /** Watchdog path: close, wait, open, initialise; retried until it works or the driver stops. */
  private restart(reason: string): void {
    if (this.stopped || this.restarting) return;
    this.restarting = true;
    this.counters.reopens++;
    this.emit('reopen', reason);
    this.generation++;
    this.failWaiters(new StickError('STICK_CLOSED', reason));
    const link = this.link;
    this.link = undefined;
    const delay = this.options.reopenDelayMs ?? 1000;
    const attempt = async (): Promise<void> => {
      if (link) await link.close().catch(() => undefined);
      while (!this.stopped) {
        await this.sleep(delay);
        if (this.stopped) break;
        try {
          await this.connect();
          break;
        } catch (error) {
          this.counters.initFailures++;
          this.emit('failure', error);
          const current = this.link;
          this.link = undefined;
          this.generation++;
          if (current) await current.close().catch(() => undefined);
        }
      }
      this.restarting = false;
      this.lastByteAt = Date.now();
    };
    void attempt();
  }
}
