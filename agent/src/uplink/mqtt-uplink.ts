/**
 * Outbox → MQTT (QoS 1, CBOR batches). A row is marked sent only after the broker's PUBACK, and the collector
 * acknowledges only what it stored, so an acknowledged telegram is stored. Batches close by size or age;
 * at most `window` batches are unacknowledged at once, so a backlog of days drains at full speed while the
 * memory stays bounded. Unacknowledged publishes are resent by mqtt.js after a reconnect; after a restart,
 * by the outbox (rows never acknowledged are claimed again; the collector drops replays by sequence number).
 */
import { EventEmitter } from 'node:events';
import { statfsSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { buildTopic, decodePayload, encodePayload, type CommandAckPayload, type CommandPayload, type StatsPayload } from '@wmbus/protocol';
import type { Outbox } from '../store/index.js';
import { MAX_BATCH_ROWS, uplinkPayload } from './batch.js';

export interface UplinkOptions {
  /** mqtt://host:port (local/dev) or mqtts://host:port (production, client certificate). */
  url: string;
  gatewayId: string;
  outbox: Outbox;
  /** PEM strings for mutual TLS. */
  tls?: { key: string; cert: string; ca: string };
  username?: string;
  password?: string;
  batchRows?: number;
  batchBytes?: number;
  /** A batch that is not full waits at most this long for more telegrams. */
  batchDelayMs?: number;
  /** Unacknowledged batches at most. */
  window?: number;
  statsIntervalMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Handles a command from the collector; a thrown error becomes an error acknowledgement. */
  onCommand?: (command: CommandPayload) => Promise<void> | void;
  /** Counters and stick states for the stats payload. */
  stats?: () => { counters: Record<string, number>; sticks: StatsPayload['sticks'] };
  now?: () => number;
  /** Folder whose file system the stats report (the outbox's). */
  dataDir?: string;
}

export interface UplinkCounters {
  batchesSent: number;
  telegramsSent: number;
  publishErrors: number;
  reconnects: number;
  commands: number;
  commandErrors: number;
  /** Rows the collector would refuse, left unsent (uplinkPayload). */
  rowsRefused: number;
  /** Rows sent raw only because the collector would refuse their decoded form. */
  decodedRefused: number;
}

export class MqttUplink extends EventEmitter {
  readonly counters: UplinkCounters = { batchesSent: 0, telegramsSent: 0, publishErrors: 0, reconnects: 0, commands: 0, commandErrors: 0, rowsRefused: 0, decodedRefused: 0 };
  private client: MqttClient | undefined;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly o: Required<Pick<UplinkOptions, 'batchRows' | 'batchBytes' | 'batchDelayMs' | 'window' | 'statsIntervalMs' | 'reconnectMinMs' | 'reconnectMaxMs'>> & UplinkOptions;

  constructor(options: UplinkOptions) {
    super();
    this.o = {
      batchRows: 500,
      batchBytes: 512 * 1024,
      batchDelayMs: 1000,
      window: 4,
      statsIntervalMs: 30_000,
      reconnectMinMs: 1000,
      reconnectMaxMs: 60_000,
      ...options,
    };
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  start(): void {
    const { gatewayId } = this.o;
    const now = this.o.now ?? Date.now;
    const opts: IClientOptions = {
      clientId: gatewayId,
      clean: true,
      reconnectPeriod: this.o.reconnectMinMs,
      connectTimeout: 10_000,
      // Otherwise mqtt-packet pre-builds a 2-byte Buffer for each of the 65,536 packet ids on the first
      // write: 6.3 MB of the 16 MB heap the service unit allows (heap snapshot of the bundle, 2026-11-22).
      writeCache: false,
      will: { topic: buildTopic('status', gatewayId), payload: Buffer.from(encodePayload('status', { v: 1, state: 'offline', ts: now() })), qos: 1, retain: true },
      ...(this.o.username ? { username: this.o.username, password: this.o.password ?? '' } : {}),
      ...(this.o.tls ? { key: this.o.tls.key, cert: this.o.tls.cert, ca: this.o.tls.ca, rejectUnauthorized: true } : {}),
    };
    const client = mqtt.connect(this.o.url, opts);
    this.client = client;
    client.on('connect', () => {
      client.options.reconnectPeriod = this.o.reconnectMinMs;
      void client.publishAsync(buildTopic('status', gatewayId), Buffer.from(encodePayload('status', { v: 1, state: 'online', ts: now() })), { qos: 1, retain: true }).catch(() => undefined);
      client.subscribe(`${buildTopic('stats', gatewayId).replace(/\/stats$/, '')}/cmd/+`, { qos: 1 });
      this.emit('connect');
      this.pump();
    });
    client.on('reconnect', () => {
      this.counters.reconnects++;
      // Exponential backoff between attempts, reset on the next successful connect.
      client.options.reconnectPeriod = Math.min(this.o.reconnectMaxMs, (client.options.reconnectPeriod ?? this.o.reconnectMinMs) * 2);
    });
    client.on('close', () => this.emit('disconnect'));
    client.on('error', (e) => this.emit('mqtt-error', e));
    client.on('message', (topic, payload) => void this.handleCommand(topic, payload));
    this.timer = setInterval(() => this.pump(), Math.max(50, Math.min(this.o.batchDelayMs, 1000)));
    this.statsTimer = setInterval(() => this.publishStats(), this.o.statsIntervalMs);
  }

  /** Claims and publishes batches while the window has room and there is something worth sending. */
  pump(): void {
    const client = this.client;
    if (!client?.connected || this.stopped) return;
    const outbox = this.o.outbox;
    while (this.inFlight < this.o.window) {
      const oldest = outbox.oldestUnsentAge();
      const pending = outbox.pendingCount();
      // Hold a small batch until it is old enough; a full one goes at once.
      if (pending === 0 || (pending < this.o.batchRows && (oldest ?? 0) < this.o.batchDelayMs)) return;
      const rows = outbox.claimUplinkBatch(Math.min(this.o.batchRows, MAX_BATCH_ROWS), this.o.batchBytes);
      if (!rows.length) return;
      const { payload, seqs, refused, decodedRefused } = uplinkPayload(rows, (this.o.now ?? Date.now)());
      if (decodedRefused.length) {
        this.counters.decodedRefused += decodedRefused.length;
        this.emit('decoded-refused', decodedRefused);
      }
      if (refused.length) {
        // They stay claimed (in flight) so the next claim moves past them, and unsent in the outbox.
        this.counters.rowsRefused += refused.length;
        this.emit('rows-refused', refused);
      }
      if (!payload) continue;
      this.inFlight++;
      client
        .publishAsync(buildTopic('up', this.o.gatewayId), payload, { qos: 1 })
        .then(() => {
          outbox.ackSent(seqs);
          this.counters.batchesSent++;
          this.counters.telegramsSent += seqs.length;
          this.emit('acked', seqs.length);
        })
        .catch((e: unknown) => {
          this.counters.publishErrors++;
          outbox.releaseInFlight();
          this.emit('publish-error', e);
        })
        .finally(() => {
          this.inFlight--;
          setImmediate(() => this.pump());
        });
    }
  }

  private async handleCommand(topic: string, payload: Buffer): Promise<void> {
    const id = topic.slice(topic.lastIndexOf('/') + 1);
    let ack: CommandAckPayload;
    try {
      const command = decodePayload('cmd', payload);
      this.counters.commands++;
      await this.o.onCommand?.(command);
      ack = { v: 1, id: command.id, status: 'ok' } as CommandAckPayload;
    } catch (e) {
      this.counters.commandErrors++;
      const code = (e as { code?: string }).code ?? 'COMMAND_FAILED';
      ack = { v: 1, id, status: 'error', error: { code, message: (e as Error).message } } as CommandAckPayload;
    }
    try {
      await this.client?.publishAsync(buildTopic('cmd-ack', this.o.gatewayId, ack.id), Buffer.from(encodePayload('cmd-ack', ack)), { qos: 1 });
    } catch {
      // The collector resends a command that was not acknowledged.
    }
  }

  publishStats(): void {
    const client = this.client;
    if (!client?.connected) return;
    const outbox = this.o.outbox;
    const extra = this.o.stats?.() ?? { counters: {}, sticks: [] };
    let disk = { freeBytes: 0, totalBytes: 0 };
    try {
      const s = statfsSync(this.o.dataDir ?? '.');
      disk = { freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
    } catch {
      // statfs is not available on every platform; the stats still go out.
    }
    const counters: Record<string, number> = { ...extra.counters };
    for (const [k, v] of Object.entries(this.counters)) counters[`uplink.${k}`] = v;
    const stats: StatsPayload = {
      v: 1,
      ts: (this.o.now ?? Date.now)(),
      intervalMs: this.o.statsIntervalMs,
      queue: { depth: outbox.pendingCount(), oldestUnsentAgeMs: outbox.oldestUnsentAge() },
      sticks: extra.sticks,
      counters,
      disk,
    } as StatsPayload;
    void client.publishAsync(buildTopic('stats', this.o.gatewayId), Buffer.from(encodePayload('stats', stats)), { qos: 1 }).catch(() => undefined);
  }

  /** Clean stop: offline state published (retained), connection closed. Unacknowledged rows stay unsent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.statsTimer);
    const client = this.client;
    if (!client) return;
    if (client.connected) {
      try {
        await client.publishAsync(buildTopic('status', this.o.gatewayId), Buffer.from(encodePayload('status', { v: 1, state: 'offline', ts: (this.o.now ?? Date.now)() })), { qos: 1, retain: true });
      } catch {
        // Going offline anyway; the will covers it.
      }
    }
    await client.endAsync(true);
  }
}
