/**
 * The collector's composition root: store, CA and enrollment tokens, API keys, ingest, the embedded MQTT
 * broker (TLS with client certificates; plain TCP only when asked, for local use) and the HTTP API.
 * A gateway's batch is stored in one transaction before its PUBACK leaves ("PUBACK means stored").
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SqliteRepository, type CollectorRepository } from './store/index.js';
import { Ingestor, IngestQueue, isIngestError } from './ingest/index.js';
import { GatewayBroker, type GatewayMessage } from './broker/index.js';
import { ExternalBrokerIngest, type ExternalBrokerOptions, type ExternalGatewayMessage } from './external-broker/index.js';
import { EnrollmentTokens, JsonFileTokenStore, loadOrCreateCa, type CertificateAuthority } from './pki/index.js';
import { ApiKeys } from './http/api-keys.js';
import { buildApp } from './http/app.js';

export interface CollectorOptions {
  dataDir: string;
  /** HTTP API. Default 127.0.0.1:8080; port 0 picks a free one. */
  http?: { host?: string; port?: number };
  /** MQTT over TLS with client certificates. Default 0.0.0.0:8883. */
  mqtts?: { host?: string; port?: number };
  /** Plain MQTT for local tests only; gateways log in with username = gateway id and the password given. */
  mqtt?: { host?: string; port?: number; password: string };
  /** Host name gateways use to reach this collector (server certificate SAN, enrollment answer). */
  publicHost?: string;
  logger?: boolean;
  /**
   * Ingest from an external MQTT broker (EMQX, Mosquitto) through a shared subscription instead of running
   * the embedded one (then `mqtts`/`mqtt` are not used and gateway authentication is that broker's job:
   * src/external-broker/external-broker-ingest.ts). clientId defaults to wmbus-collector-<host name>.
   */
  externalBroker?: Omit<ExternalBrokerOptions, 'clientId'> & { clientId?: string };
  /**
   * Validate and decode uplink batches in a worker thread, in parallel with the broker and the database on
   * the main thread (src/ingest/decode-thread.ts). Default true.
   */
  decodeThread?: boolean;
  /** See IngestQueueOptions.maxCommitWaitMs (default 50 ms). */
  maxCommitWaitMs?: number;
}

export interface RunningCollector {
  repo: CollectorRepository;
  ingestor: Ingestor;
  /** The embedded broker; absent with `externalBroker`. */
  broker?: GatewayBroker;
  /** The external broker's ingest client, with `externalBroker`. */
  externalBroker?: ExternalBrokerIngest;
  app: FastifyInstance;
  ca: CertificateAuthority;
  tokens: EnrollmentTokens;
  apiKeys: ApiKeys;
  httpUrl: string;
  mqttsUrl: string;
  mqttUrl?: string;
  /** Batches that could never be stored (invalid payloads): acknowledged so they are not resent forever, counted. */
  rejectedBatches: number;
  /** Commits of uplink batches and the batches they held (batches / commits: how much group commit saves). */
  ingestCounters: IngestQueue['counters'];
  close(): Promise<void>;
}

export async function startCollector(options: CollectorOptions): Promise<RunningCollector> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const publicHost = options.publicHost ?? 'localhost';
  const repo = SqliteRepository.open(join(options.dataDir, 'collector.db'));
  const ingestor = new Ingestor(repo);
  const { ca } = loadOrCreateCa(join(options.dataDir, 'pki'));
  const tokens = new EnrollmentTokens({ store: new JsonFileTokenStore(join(options.dataDir, 'pki', 'enrollment-tokens.json')) });
  const apiKeys = ApiKeys.open(join(options.dataDir, 'api-keys.json'));
  const server = ca.issueServerCertificate({ hostName: publicHost });

  const running = { rejectedBatches: 0 } as RunningCollector;
  // Batches arriving together share one commit; each PUBACK leaves after its batch is committed.
  const queue = new IngestQueue(ingestor, {
    decodeThread: options.decodeThread ?? true,
    ...(options.maxCommitWaitMs !== undefined ? { maxCommitWaitMs: options.maxCommitWaitMs } : {}),
  });
  const handle = async (message: GatewayMessage | ExternalGatewayMessage): Promise<void> => {
    if (message.kind === 'cmd-ack') return;
    try {
      await queue.submit(message);
    } catch (e) {
      // Input that can never be stored is acknowledged (else the gateway resends it forever) and counted;
      // a storage failure is not, so the gateway keeps the batch and resends it.
      if (isIngestError(e)) {
        running.rejectedBatches++;
        app.log.warn({ gatewayId: message.gatewayId, code: e.code, err: e.message }, 'rejected an invalid payload');
        return;
      }
      app.log.error({ gatewayId: message.gatewayId, err: e }, 'could not store a batch; not acknowledged, the gateway will resend it');
      throw e;
    }
  };
  let broker: GatewayBroker | undefined;
  let externalBroker: ExternalBrokerIngest | undefined;
  let mqttsUrl: string;
  let tcpPort: number | undefined;
  if (options.externalBroker) {
    const { clientId, ...external } = options.externalBroker;
    externalBroker = await ExternalBrokerIngest.start({ ...external, clientId: clientId ?? `wmbus-collector-${hostname()}` }, handle);
    mqttsUrl = external.url;
  } else {
    broker = await GatewayBroker.create({
      tls: { host: options.mqtts?.host ?? '0.0.0.0', port: options.mqtts?.port ?? 8883, keyPem: server.keyPem, certPem: server.certPem, caPem: ca.certPem },
      ...(options.mqtt
        ? { tcp: { host: options.mqtt.host ?? '127.0.0.1', port: options.mqtt.port ?? 1883, authenticate: (_id: string, password: Buffer | undefined) => password?.toString() === options.mqtt!.password } }
        : {}),
    });
    broker.onPublish(handle);
    const addresses = await broker.listen();
    mqttsUrl = `mqtts://${publicHost}:${addresses.tls!.port}`;
    tcpPort = addresses.tcp?.port;
  }
  const app = await buildApp({ repo, ingestor, apiKeys, ca, tokens, mqttUrl: mqttsUrl, logger: options.logger ?? false });
  const httpHost = options.http?.host ?? '127.0.0.1';
  await app.listen({ host: httpHost, port: options.http?.port ?? 8080 });
  const httpPort = (app.server.address() as { port: number }).port;
  Object.assign(running, {
    repo,
    ingestor,
    ingestCounters: queue.counters,
    ...(broker ? { broker } : {}),
    ...(externalBroker ? { externalBroker } : {}),
    app,
    ca,
    tokens,
    apiKeys,
    httpUrl: `http://${httpHost === '0.0.0.0' ? publicHost : httpHost}:${httpPort}`,
    mqttsUrl,
    ...(tcpPort !== undefined ? { mqttUrl: `mqtt://127.0.0.1:${tcpPort}` } : {}),
    async close() {
      await app.close();
      await broker?.close();
      await externalBroker?.close();
      await queue.close();
      repo.close();
    },
  });
  return running;
}
