/**
 * Group commit for the broker: uplink batches that arrive while the event loop is busy (several gateways
 * publishing at once, or one gateway with several batches in flight) are stored together in one
 * transaction, so they share one commit and one fsync (with synchronous=FULL the fsync, not the inserts,
 * dominates on real disks: scripts/bench-ingest.ts).
 *
 * With `decodeThread`, CBOR decoding, validation and telegram decoding run in a worker thread
 * (decode-thread.ts) while the main thread runs the broker and stores what the thread prepared before: the
 * two work in parallel. Batches share a commit when their replies arrive in the same event-loop turn, and
 * under load a reply waits (maxCommitWaitMs) for the batches still being decoded.
 * Without it (or if the thread dies) the main thread does everything.
 *
 * `submit` resolves only after the transaction holding the message committed, so the broker's onPublish
 * hook can await it and send the PUBACK afterwards. An invalid payload rejects only its own promise with an
 * IngestError (nothing stored); a storage failure rejects every promise of the group (no PUBACK for any:
 * the gateways resend, and (gatewayId, seq) makes the resend idempotent).
 */
import { DecodeThreadClient } from './decode-thread-client.js';
import { unpackResult, type PreparedMessage, type PreparedReply } from './decode-thread-messages.js';
import { IngestError } from './errors.js';
import type { IncomingMessage, IngestResult, Ingestor } from './ingestor.js';
import type { PreparedTelegram } from './prepare.js';
import { assertGatewayId } from './read-payload.js';

export interface IngestQueueOptions {
  /** Upper bound of telegrams per group transaction (keeps the write lock and latency bounded). Default 5000. */
  maxTelegramsPerCommit?: number;
  /**
   * Decode in a worker thread. Default false (the collector server turns it on). Ignored for an Ingestor
   * with its own driver registry: the thread has only the built-in one.
   */
  decodeThread?: boolean;
  /**
   * While the decode thread is still decoding batches that came in, a decoded batch waits at most this
   * long for them, so they share its commit. Default 50 ms; 0 stores each reply as it comes.
   */
  maxCommitWaitMs?: number;
}

interface Pending {
  gatewayId: string;
  telegrams: readonly PreparedTelegram[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

interface Submitted {
  message: IncomingMessage;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

const toIngestError = (e: Extract<PreparedMessage, { error: unknown }>['error']): IngestError =>
  new IngestError(e.code, e.detail, e.contractCode !== undefined ? { code: e.contractCode, ...(e.path !== undefined ? { path: e.path } : {}) } : undefined);

export class IngestQueue {
  private readonly ingestor: Ingestor;
  private readonly maxTelegrams: number;
  private readonly thread: DecodeThreadClient | undefined;
  private pending: Pending[] = [];
  private scheduled = false;
  private readonly maxWaitMs: number;
  private waitTimer: NodeJS.Timeout | undefined;
  /** Transactions committed and batches they held, for stats (batches / commits = grouping factor). */
  readonly counters = { commits: 0, batches: 0, failedCommits: 0, preparedInThread: 0, preparedHere: 0 };

  constructor(ingestor: Ingestor, options: IngestQueueOptions = {}) {
    this.ingestor = ingestor;
    this.maxTelegrams = options.maxTelegramsPerCommit ?? 5000;
    this.maxWaitMs = options.maxCommitWaitMs ?? 50;
    this.thread = options.decodeThread && ingestor.decoder.usesDefaultRegistry ? new DecodeThreadClient(ingestor) : undefined;
  }

  /** For a broker onPublish handler: resolves after the message is stored (PUBACK may follow). */
  submit(message: IncomingMessage): Promise<IngestResult | undefined> {
    try {
      if (message.kind !== 'up') return Promise.resolve(this.ingestor.handleMessage(message));
      if (this.thread?.alive) {
        assertGatewayId(message.gatewayId);
        return new Promise((resolve, reject) => this.post({ message, resolve, reject }));
      }
      const telegrams = this.prepareHere(message);
      return new Promise((resolve, reject) => this.enqueue({ gatewayId: message.gatewayId, telegrams, resolve, reject }));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Stores what is waiting, then stops the decode thread (after the broker stopped handing over messages). */
  async close(): Promise<void> {
    if (this.waitTimer !== undefined) {
      clearTimeout(this.waitTimer);
      this.waitTimer = undefined;
      this.flush();
    }
    await this.thread?.close();
  }

  private prepareHere(message: IncomingMessage): PreparedTelegram[] {
    this.counters.preparedHere++;
    return this.ingestor.prepare(this.ingestor.readBatch(message));
  }

  /**
   * One message at a time to the thread, not a whole event-loop turn's worth: the broker hands over the
   * batches of one read from a gateway's socket together and reads on only when all are stored, so the
   * first batch can be stored while the thread decodes the next (the replies that arrive in one loop turn
   * still share a commit).
   */
  private post(submitted: Submitted): void {
    const { gatewayId, payload } = submitted.message;
    this.thread!.prepare(gatewayId, payload).then(
      (reply) => this.prepared(submitted, reply),
      // The thread is gone: prepare it here, as if it had never been there.
      () => this.prepareAndEnqueue(submitted),
    );
  }

  private prepared(s: Submitted, reply: PreparedReply): void {
    if (reply.learned.length) this.ingestor.decoder.learnCompactFormats(reply.learned);
    const r = unpackResult(reply.result);
    // A key arrived after the thread decoded it: decode again here with the key.
    const stale = reply.keyEpoch !== this.ingestor.keyEpoch;
    if (r.ok && !stale) {
      this.counters.preparedInThread++;
      this.enqueue({ gatewayId: s.message.gatewayId, telegrams: r.telegrams, resolve: s.resolve, reject: s.reject });
    } else if (!r.ok && 'error' in r) s.reject(toIngestError(r.error));
    else this.prepareAndEnqueue(s);
  }

  private prepareAndEnqueue(s: Submitted): void {
    try {
      this.enqueue({ gatewayId: s.message.gatewayId, telegrams: this.prepareHere(s.message), resolve: s.resolve, reject: s.reject });
    } catch (e) {
      s.reject(e);
    }
  }

  private enqueue(p: Pending): void {
    this.pending.push(p);
    if (this.scheduled) return;
    const more = this.thread?.alive ? this.thread.outstanding : 0;
    if (this.maxWaitMs > 0 && more > 0 && this.pending.reduce((n, q) => n + q.telegrams.length, 0) < this.maxTelegrams) {
      // More batches are being decoded: wait for them (bounded) so they share this commit. A commit costs
      // about the same for one batch as for several (an fsync, and each meter's index page written again),
      // and waiting happens only under load: a lone batch finds the thread idle and is stored at once.
      this.waitTimer ??= setTimeout(() => this.flushNow(), this.maxWaitMs);
      return;
    }
    this.flushNow();
  }

  private flushNow(): void {
    clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn: every PUBLISH already read joins.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length) {
      const group: Pending[] = [];
      let telegrams = 0;
      while (this.pending.length && (group.length === 0 || telegrams + this.pending[0]!.telegrams.length <= this.maxTelegrams)) {
        const next = this.pending.shift()!;
        telegrams += next.telegrams.length;
        group.push(next);
      }
      let results: IngestResult[];
      try {
        results = this.ingestor.storePrepared(group);
      } catch (e) {
        this.counters.failedCommits++;
        for (const p of group) p.reject(e);
        continue;
      }
      this.counters.commits++;
      this.counters.batches += group.length;
      group.forEach((p, i) => p.resolve(results[i]!));
    }
  }
}
