/**
 * Group commit for the broker: uplink batches that arrive while the event loop is busy (several gateways
 * publishing at once) are stored together in one transaction, so they share one commit and one fsync
 * (with synchronous=FULL the fsync, not the inserts, dominates on real disks: scripts/bench-ingest.ts).
 *
 * `submit` resolves only after the transaction holding the message committed, so the broker's onPublish
 * hook can await it and send the PUBACK afterwards. An invalid payload rejects only its own promise with an
 * IngestError (nothing stored); a storage failure rejects every promise of the group (no PUBACK for any:
 * the gateways resend, and (gatewayId, seq) makes the resend idempotent).
 */
import type { UplinkBatch } from '@wmbus/protocol';
import type { IncomingMessage, IngestResult, Ingestor } from './ingestor.js';

export interface IngestQueueOptions {
  /** Upper bound of telegrams per group transaction (keeps the write lock and latency bounded). Default 5000. */
  maxTelegramsPerCommit?: number;
}

interface Pending {
  gatewayId: string;
  batch: UplinkBatch;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

export class IngestQueue {
  private readonly ingestor: Ingestor;
  private readonly maxTelegrams: number;
  private pending: Pending[] = [];
  private scheduled = false;
  /** Transactions committed and batches they held, for stats (batches / commits = grouping factor). */
  readonly counters = { commits: 0, batches: 0, failedCommits: 0 };

  constructor(ingestor: Ingestor, options: IngestQueueOptions = {}) {
    this.ingestor = ingestor;
    this.maxTelegrams = options.maxTelegramsPerCommit ?? 5000;
  }

  /** For a broker onPublish handler: resolves after the message is stored (PUBACK may follow). */
  submit(message: IncomingMessage): Promise<IngestResult | undefined> {
    try {
      if (message.kind !== 'up') return Promise.resolve(this.ingestor.handleMessage(message));
      const batch = this.ingestor.readBatch(message);
      return new Promise((resolve, reject) => {
        this.pending.push({ gatewayId: message.gatewayId, batch, resolve, reject });
        if (!this.scheduled) {
          this.scheduled = true;
          // setImmediate runs after the I/O callbacks of this loop turn: every PUBLISH already read joins.
          setImmediate(() => this.flush());
        }
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length) {
      const group: Pending[] = [];
      let telegrams = 0;
      while (this.pending.length && (group.length === 0 || telegrams + this.pending[0]!.batch.telegrams.length <= this.maxTelegrams)) {
        const next = this.pending.shift()!;
        telegrams += next.batch.telegrams.length;
        group.push(next);
      }
      let results: IngestResult[];
      try {
        results = this.ingestor.storeBatches(group);
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
