/**
 * The main thread's handle on the decode thread (decode-thread.ts). Keeps the thread's decoder in step
 * with the Ingestor's (keys, compact formats learned on the main thread) and answers prepare() in order.
 * If the thread dies, every open and later prepare() rejects with DecodeThreadGone and the IngestQueue
 * prepares on the main thread from then on: slower, never lost.
 */
import { Worker } from 'node:worker_threads';
import type { DecodeThreadInit, PreparedReply, ToDecodeThread } from './decode-thread-messages.js';
import type { Ingestor } from './ingestor.js';

export class DecodeThreadGone extends Error {
  override readonly name = 'DecodeThreadGone';
}

/**
 * The worker next to this file. From dist/ it is plain JavaScript. From the .ts sources (tests, the bench
 * scripts, all run under tsx) the worker must register tsx itself: Node 20 does not run the --import hooks
 * of the parent in a worker.
 */
/**
 * The thread's young generation: decoding allocates a lot of short-lived objects per telegram, and with
 * V8's default (semi-spaces growing to 16 MB) it spent a fifth of its time scavenging. 192 MB is three
 * 64 MB semi-spaces' worth (V8 sizes the young generation as 3 semi-spaces): the decode thread's own work
 * on the e2e mix, in a worker with this limit, took 17.6-18.4 µs a telegram against 19.9-22.4 µs without it
 * (15.8-16.9 against 20.0-21.8 on a main thread with --max-semi-space-size=64; 128 and 256 MB semi-spaces
 * were no better). It costs up to ~130 MB more resident memory under load.
 */
const DECODE_THREAD_YOUNG_GENERATION_MB = 192;

function spawnWorker(workerData: DecodeThreadInit): Worker {
  // A worker inherits the parent's flags, V8 flags such as --max-semi-space-size included, which it would
  // refuse if they were passed as its execArgv. Only --input-type must go (a worker given a file refuses it;
  // `node --input-type=module -e`): then the rest is passed explicitly.
  const execArgv = process.execArgv.some((a) => a.startsWith('--input-type')) ? process.execArgv.filter((a) => !a.startsWith('--input-type')) : undefined;
  const resourceLimits = { maxYoungGenerationSizeMb: DECODE_THREAD_YOUNG_GENERATION_MB };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./decode-thread.js', import.meta.url), { workerData, execArgv, resourceLimits });
  const source = new URL('./decode-thread.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv, resourceLimits });
}

export class DecodeThreadClient {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (r: PreparedReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private gone: Error | undefined;
  private readonly unwatch: () => void;

  constructor(ingestor: Ingestor) {
    const init: DecodeThreadInit = {
      keys: ingestor.repo.meterKeys(),
      formats: ingestor.repo.compactFormats(),
      keyEpoch: ingestor.keyEpoch,
      cacheSize: ingestor.decoder.cacheSize,
    };
    this.worker = spawnWorker(init);
    this.worker.unref(); // an idle decode thread does not keep the process alive
    this.worker.on('message', (reply: PreparedReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      w.resolve(reply);
    });
    this.worker.on('error', (e) => this.fail(new DecodeThreadGone(`decode thread failed: ${e.message}`)));
    this.worker.on('exit', (code) => this.fail(new DecodeThreadGone(`decode thread exited with ${code}`)));
    this.unwatch = ingestor.watchDecoderState({
      key: (meter, key, keyEpoch) => this.post({ type: 'key', meter, key, keyEpoch }),
      formats: (formats) => this.post({ type: 'formats', formats: [...formats] }),
    });
  }

  /** prepare() calls not answered yet. */
  get outstanding(): number {
    return this.waiting.size;
  }

  get alive(): boolean {
    return this.gone === undefined;
  }

  /** Validates and decodes an uplink payload in the thread; replies come in the order of the calls. */
  prepare(gatewayId: string, payload: Uint8Array): Promise<PreparedReply> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'prepare', id, gatewayId, payload });
    });
  }

  async close(): Promise<void> {
    this.unwatch();
    if (!this.gone) {
      this.fail(new DecodeThreadGone('decode thread closed'));
      await this.worker.terminate();
    }
  }

  private post(message: ToDecodeThread): void {
    if (!this.gone) this.worker.postMessage(message);
  }

  private fail(e: Error): void {
    this.gone ??= e;
    for (const w of this.waiting.values()) w.reject(this.gone);
    this.waiting.clear();
  }
}
