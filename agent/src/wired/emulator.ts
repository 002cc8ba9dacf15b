/**
 * An emulated wired M-Bus: slave meters behind a level converter, answering the master as EN 13757-2 slaves
 * do (radio.md § 3.4). A meter is data: its primary address and the long frames it answers (real corpus
 * frames). Attached to a serialport mock port or one end of a socat pty pair through the stick emulator's
 * endpoints (sticks/emulator/endpoints.ts).
 *
 * - SND_NKE to its primary address (or FD while selected): E5, and the FCB expectation is reset (next = 1).
 * - REQ_UD2 with the expected FCB: the next frame (after one ending in DIF 1F) or the first; with the other
 *   FCB: the last answer again (the master repeats a request whose answer it lost).
 * - SND_UD to FD with CI 52: a meter whose address matches the mask (F/FF wildcards) is selected and
 *   answers E5; a meter that does not match is deselected and stays silent.
 * - Several meters answering at once (overlapping selection, FE broadcast): a collision. Model: each
 *   further meter starts one bit later and the bus is wired-AND (a sending slave draws current = space),
 *   so every byte becomes `a & ((b << 1) | 1)`; the master sees broken bytes, never a valid frame.
 */
import { fromHex, parseWired, secondaryAddressMatches, manufacturerFromCode, type SecondaryAddress } from '@wmbus/protocol';
import type { EmulatorEndpoint } from '../sticks/emulator/emulator.js';
import { writeChunked, XorShift32 } from '../sticks/emulator/chunked-write.js';
import { WiredFrameParser } from './framing.js';

export interface EmulatedMeterSpec {
  /** Primary address 0–250; default: the A byte of the first frame. */
  primaryAddress?: number;
  /** The RSP_UD long frames (hex), answered in turn; all but the last end with DIF 1F. */
  frames: string[];
  /** Answers this many requests into the void (lost on the bus) before answering again. */
  loseAnswers?: number;
  /** These answers (1-based count of everything the meter sends, E5 included) are lost on the bus. */
  loseTransmissions?: number[];
  /** Never answers (a dead meter, a broken wire). */
  silent?: boolean;
}

/** A meter on the emulated bus; its secondary address comes from its frames' CI 72 long header. */
export class EmulatedMeter {
  readonly frames: Uint8Array[];
  readonly primaryAddress: number;
  /** id (BCD LSB first), manufacturer, version, medium: what a selection is matched against. */
  readonly secondary: Uint8Array;
  loseAnswers: number;
  silent: boolean;
  /** Answers sent (or lost), counted from 1. */
  transmissions = 0;
  private readonly lose: Set<number>;
  selected = false;
  /** Requests that reached this meter, for tests. */
  requests = 0;
  private expectFcb: boolean | null = null;
  private index = -1;
  private last: Uint8Array | null = null;

  constructor(spec: EmulatedMeterSpec) {
    if (spec.frames.length === 0) throw new Error('an emulated meter needs at least one frame');
    this.frames = spec.frames.map((h) => fromHex(h));
    const first = parseWired(this.frames[0]!);
    if (first.kind !== 'long' || first.ci !== 0x72) throw new Error('emulated meter frames must be long frames with CI 72');
    this.primaryAddress = spec.primaryAddress ?? first.a!;
    this.secondary = this.frames[0]!.slice(7, 15);
    this.loseAnswers = spec.loseAnswers ?? 0;
    this.silent = spec.silent ?? false;
    this.lose = new Set(spec.loseTransmissions ?? []);
  }

  /** The secondary address as the master's search reports it. */
  get address(): Required<SecondaryAddress> {
    const s = this.secondary;
    let id = '';
    for (let i = 3; i >= 0; i--) id += s[i]!.toString(16).padStart(2, '0');
    return { id: id.toUpperCase(), manufacturer: manufacturerFromCode(s[4]! | (s[5]! << 8)), version: s[6]!, medium: s[7]! };
  }

  reset(): void {
    this.expectFcb = true;
    this.index = -1;
    this.last = null;
  }

  select(mask: Uint8Array): boolean {
    this.selected = secondaryAddressMatches(mask, this.secondary);
    if (this.selected) this.reset();
    return this.selected;
  }

  /** REQ_UD2 with the given FCB: the answer frame (FCB rules in the file comment). */
  request(fcb: boolean): Uint8Array {
    if (this.last && this.expectFcb !== null && fcb !== this.expectFcb) return this.last;
    const more = this.index >= 0 && this.index < this.frames.length - 1;
    this.index = more ? this.index + 1 : 0;
    this.last = this.frames[this.index]!;
    this.expectFcb = !fcb;
    return this.last;
  }

  /** Whether this answer reaches the bus (false while answers are being lost). */
  transmits(): boolean {
    if (this.silent) return false;
    if (this.lose.has(++this.transmissions)) return false;
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      return false;
    }
    return true;
  }
}

export interface WiredBusOptions {
  /** Largest chunk written at once (answers are split at pseudo-random points below it); 0 = whole. */
  maxChunk?: number;
  seed?: number;
}

/** The bus side: hears the master's requests on an endpoint and lets the addressed meters answer. */
export class EmulatedWiredBus {
  readonly meters: EmulatedMeter[];
  /** Requests heard (valid frames), for tests. */
  readonly heard: Uint8Array[] = [];
  collisions = 0;
  private endpoint: EmulatorEndpoint | undefined;
  private readonly parser = new WiredFrameParser();
  private queue: Promise<void> = Promise.resolve();
  private readonly random: XorShift32;

  constructor(meters: Array<EmulatedMeter | EmulatedMeterSpec>, private readonly options: WiredBusOptions = {}) {
    this.meters = meters.map((m) => (m instanceof EmulatedMeter ? m : new EmulatedMeter(m)));
    this.random = new XorShift32(options.seed ?? 7);
  }

  attach(endpoint: EmulatorEndpoint): void {
    this.endpoint = endpoint;
    endpoint.onData((chunk) => {
      if (this.endpoint !== endpoint) return;
      for (const event of this.parser.feed(chunk)) {
        if (event.kind !== 'frame') continue;
        this.heard.push(event.frame.bytes);
        const answer = this.answer(event.frame.bytes);
        if (answer) void this.send(answer);
      }
    });
  }

  /** The bytes on the bus after a request (null: silence). Pure apart from the meters' state. */
  answer(request: Uint8Array): Uint8Array | null {
    const f = parseWired(request);
    const answers: Uint8Array[] = [];
    const addressed = (m: EmulatedMeter, a: number) => a === 0xfe || a === 0xff || (a === 0xfd ? m.selected : m.primaryAddress === a);
    if (f.kind === 'short' && f.c === 0x40) {
      for (const m of this.meters) {
        if (!addressed(m, f.a!)) continue;
        m.requests++;
        m.reset();
        if (f.a !== 0xff && m.transmits()) answers.push(Uint8Array.of(0xe5));
      }
    } else if (f.kind === 'short' && (f.c! & 0xdf) === 0x5b) {
      for (const m of this.meters) {
        if (!addressed(m, f.a!) || f.a === 0xff) continue;
        m.requests++;
        const frame = m.request((f.c! & 0x20) !== 0);
        if (m.transmits()) answers.push(frame);
      }
    } else if (f.kind === 'long' && (f.c! & 0xdf) === 0x53 && f.a === 0xfd && f.ci === 0x52 && f.apdu!.length === 9) {
      const mask = f.apdu!.subarray(1);
      for (const m of this.meters) {
        m.requests++;
        if (m.select(mask) && m.transmits()) answers.push(Uint8Array.of(0xe5));
      }
    }
    if (answers.length === 0) return null;
    if (answers.length === 1) return answers[0]!;
    this.collisions++;
    return collide(answers);
  }

  send(bytes: Uint8Array): Promise<void> {
    const next = this.queue.then(() => this.write(bytes));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(bytes: Uint8Array): Promise<void> {
    const endpoint = this.endpoint;
    if (!endpoint) return;
    await writeChunked(endpoint, bytes, this.options.maxChunk ?? 0, this.random);
  }

}

/** Overlapping answers on a wired-AND bus, each further sender one bit late (see the file comment). */
export function collide(answers: Uint8Array[]): Uint8Array {
  const length = Math.max(...answers.map((a) => a.length));
  const out = new Uint8Array(length).fill(0xff);
  answers.forEach((a, k) => {
    for (let i = 0; i < a.length; i++) out[i]! &= ((a[i]! << k) | ((1 << k) - 1)) & 0xff;
  });
  return out;
}
