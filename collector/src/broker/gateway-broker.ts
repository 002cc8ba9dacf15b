/**
 * The collector's embedded MQTT broker (aedes 1.x, MQTT 3.1.1 only — architecture.md § 6).
 *
 * Listeners:
 *  - TLS with required client certificates signed by the collector's CA (production). The gateway id is
 *    the certificate's CN.
 *  - plain TCP (optional) for tests and local development only: nothing is encrypted, and the gateway id
 *    is the MQTT username, checked with a configurable `authenticate(gatewayId, password)` function.
 *    Without that function every TCP login is refused. Never expose it beyond loopback.
 * In both cases the MQTT client id must equal the gateway id, so one gateway cannot take over another's
 * session, and a will must be the gateway's own status topic.
 *
 * "PUBACK means stored": aedes sends the PUBACK for a QoS 1 PUBLISH only after `authorizePublish` calls
 * back (lib/handlers/publish.js runs authorizePublish, then writes PUBACK, then routes the message), whereas
 * the `published` hook runs after the PUBACK is already written. So the onPublish handlers run inside
 * authorizePublish: when they resolve the PUBACK goes out; when one rejects aedes closes the connection
 * without a PUBACK (MQTT 3.1.1 has no negative PUBACK) and the gateway resends later. Handlers can run
 * concurrently for messages of one connection (aedes dispatches a read chunk at once), so the ingest must
 * not rely on their order; the gateway's (gatewayId, seq) makes redelivery idempotent.
 */
import { once } from 'node:events';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import { buildTopic, encodePayload, PUBLISH_OPTIONS, tryParseTopic, type CommandPayload, type TopicKind } from '@wmbus/protocol';
import { authorizeGatewayPublish, authorizeGatewaySubscribe, authorizeWill } from './authorization.js';
import { isTlsSocket, tcpIdentity, tlsIdentity, type TcpAuthenticator } from './identity.js';

export interface GatewayBrokerOptions {
  tls?: {
    host?: string;
    /** 0 picks a free port. Default 8883. */
    port?: number;
    keyPem: string;
    certPem: string;
    /** CA certificate(s) gateway client certificates must chain to. */
    caPem: string | string[];
  };
  /** Plain TCP: local/dev/test only (see the file comment). */
  tcp?: {
    /** Default 127.0.0.1. */
    host?: string;
    /** 0 picks a free port. Default 1883. */
    port?: number;
    authenticate?: TcpAuthenticator;
  };
}

/** A message a gateway published, as handed to onPublish handlers before the PUBACK. */
export interface GatewayMessage {
  gatewayId: string;
  topic: string;
  kind: TopicKind;
  commandId?: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** True when the broker publishes the gateway's will after losing the connection. */
  isWill: boolean;
}

export type PublishHandler = (message: GatewayMessage) => Promise<void>;

export interface BrokerStats {
  connectionsAccepted: number;
  /** CONNECT refused: unknown identity, bad credentials, client id or will not matching the gateway. */
  connectionsRefused: number;
  /** TLS handshakes that failed, e.g. no client certificate or one from another CA. */
  tlsHandshakesRefused: number;
  publishesAccepted: number;
  publishesRefused: number;
  subscriptionsRefused: number;
  /** onPublish handlers that rejected: the publish got no PUBACK. */
  handlerFailures: number;
}

export interface ListeningAddresses {
  tls?: AddressInfo;
  tcp?: AddressInfo;
}

interface Session {
  gatewayId: string;
  via: 'tls' | 'tcp';
}

/** CONNACK return codes of MQTT 3.1.1 (§ 3.2.2.3) used for refusals. */
const CONNACK_IDENTIFIER_REJECTED = 2;
const CONNACK_BAD_CREDENTIALS = 4;
const CONNACK_NOT_AUTHORIZED = 5;

const refusal = (message: string, returnCode: number): AuthenticateError =>
  Object.assign(new Error(message), { returnCode }) as AuthenticateError;

export class GatewayBroker {
  readonly aedes: Aedes;
  private readonly options: GatewayBrokerOptions;
  private readonly sessions = new WeakMap<Client, Session>();
  private readonly wills = new WeakMap<Client, PublishPacket | undefined>();
  private readonly handlers: PublishHandler[] = [];
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly counters: BrokerStats = {
    connectionsAccepted: 0,
    connectionsRefused: 0,
    tlsHandshakesRefused: 0,
    publishesAccepted: 0,
    publishesRefused: 0,
    subscriptionsRefused: 0,
    handlerFailures: 0,
  };
  private closing: Promise<void> | undefined;

  private constructor(aedes: Aedes, options: GatewayBrokerOptions) {
    this.aedes = aedes;
    this.options = options;
  }

  static async create(options: GatewayBrokerOptions): Promise<GatewayBroker> {
    if (!options.tls && !options.tcp) throw new Error('GatewayBroker needs a tls and/or a tcp listener');
    const aedes = await Aedes.createBroker();
    const broker = new GatewayBroker(aedes, options);
    broker.installHooks();
    return broker;
  }

  /** Starts the configured listeners; resolves with their addresses (the real ports when 0 was asked). */
  async listen(): Promise<ListeningAddresses> {
    const out: ListeningAddresses = {};
    const { tls, tcp } = this.options;
    if (tls) {
      const server = createTlsServer(
        { key: tls.keyPem, cert: tls.certPem, ca: tls.caPem, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
        (socket) => this.aedes.handle(socket),
      );
      server.on('tlsClientError', () => this.counters.tlsHandshakesRefused++);
      out.tls = await this.start(server, tls.host ?? '0.0.0.0', tls.port ?? 8883);
    }
    if (tcp) {
      const server = createTcpServer((socket) => this.aedes.handle(socket));
      out.tcp = await this.start(server, tcp.host ?? '127.0.0.1', tcp.port ?? 1883);
    }
    return out;
  }

  /**
   * Registers a handler for every message a gateway publishes (the ingest). The PUBACK waits for all
   * handlers to resolve; a rejection means no PUBACK. Returns a function that removes the handler.
   */
  onPublish(handler: PublishHandler): () => void {
    this.handlers.push(handler);
    return () => {
      const i = this.handlers.indexOf(handler);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  /** Privileged path for the collector itself: publishes without client authorization (aedes.publish). */
  publish(topic: string, payload: Uint8Array, options: { qos?: 0 | 1; retain?: boolean } = {}): Promise<void> {
    const packet = { cmd: 'publish', topic, payload: Buffer.from(payload), qos: options.qos ?? 1, retain: options.retain ?? false, dup: false } as PublishPacket;
    return new Promise((resolve, reject) => this.aedes.publish(packet, (err) => (err ? reject(err) : resolve())));
  }

  /** Encodes a command with the contract and publishes it to `wmbus/v1/gw/<id>/cmd/<command.id>`. */
  sendCommand(gatewayId: string, command: CommandPayload): Promise<void> {
    const bytes = encodePayload('cmd', command);
    return this.publish(buildTopic('cmd', gatewayId, command.id), bytes, PUBLISH_OPTIONS.cmd);
  }

  get stats(): BrokerStats {
    return { ...this.counters };
  }

  /** Closes listeners, disconnects every client and stops aedes; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const serversClosed = this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
      for (const socket of this.sockets) socket.destroy(); // e.g. a TLS handshake still in progress
      await Promise.all(serversClosed);
    })();
    return this.closing;
  }

  private async start(server: Server, host: string, port: number): Promise<AddressInfo> {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.listen(port, host);
    await once(server, 'listening');
    this.servers.push(server);
    return server.address() as AddressInfo;
  }

  private installHooks(): void {
    const aedes = this.aedes;

    aedes.preConnect = (client, packet, callback) => {
      this.wills.set(client, packet.will as PublishPacket | undefined);
      callback(null, true);
    };

    aedes.authenticate = (client, username, password, callback) => {
      const conn: unknown = client.conn;
      const identify = isTlsSocket(conn) ? Promise.resolve(tlsIdentity(conn)) : tcpIdentity(username, password, this.options.tcp?.authenticate);
      identify
        .then((identity) => {
          if (!identity.ok) throw refusal(identity.reason, CONNACK_BAD_CREDENTIALS);
          if (client.id !== identity.gatewayId) throw refusal(`client id ${JSON.stringify(client.id)} must equal gateway id ${identity.gatewayId}`, CONNACK_IDENTIFIER_REJECTED);
          const will = authorizeWill(identity.gatewayId, this.wills.get(client));
          if (!will.ok) throw refusal(will.reason, CONNACK_NOT_AUTHORIZED);
          this.sessions.set(client, { gatewayId: identity.gatewayId, via: identity.via });
          this.counters.connectionsAccepted++;
          callback(null, true);
        })
        .catch((err: unknown) => {
          // An authenticator that throws refuses the login; it never takes the broker down.
          this.counters.connectionsRefused++;
          const known = err instanceof Error && 'returnCode' in err;
          callback(known ? (err as AuthenticateError) : refusal(`authenticator failed: ${String(err)}`, CONNACK_NOT_AUTHORIZED), false);
        });
    };

    aedes.authorizePublish = (client, packet, callback) => {
      // client is null only for a will aedes kept from an earlier broker life; its topic names the gateway.
      // aedes passes the client's will object itself when it publishes the will (lib/client.js close()).
      const isWill = client === null || packet === this.wills.get(client);
      const gatewayId = client ? this.sessions.get(client)?.gatewayId : tryParseTopic(packet.topic)?.gatewayId;
      const decision = gatewayId ? authorizeGatewayPublish(gatewayId, packet.topic, packet.retain) : { ok: false as const, reason: 'no gateway identity' };
      if (!decision.ok || !gatewayId) {
        this.counters.publishesRefused++;
        callback(new Error(decision.ok ? 'no gateway identity' : decision.reason));
        return;
      }
      const parsed = tryParseTopic(packet.topic)!;
      const message: GatewayMessage = {
        gatewayId,
        topic: packet.topic,
        kind: parsed.kind,
        ...(parsed.commandId !== undefined ? { commandId: parsed.commandId } : {}),
        payload: Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
        qos: packet.qos,
        retain: packet.retain,
        isWill,
      };
      this.runHandlers(message).then(
        () => {
          this.counters.publishesAccepted++;
          callback(null);
        },
        (err: unknown) => {
          this.counters.handlerFailures++;
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    };

    aedes.authorizeSubscribe = (client, subscription, callback) => {
      const session = this.sessions.get(client);
      if (session && authorizeGatewaySubscribe(session.gatewayId, subscription.topic)) {
        callback(null, subscription);
        return;
      }
      this.counters.subscriptionsRefused++;
      callback(null, null); // SUBACK 0x80 for this filter; the connection stays up
    };

    // Errors of single connections (refusals, resets) are already counted; they must never become
    // unhandled 'error' events that end the collector process.
    aedes.on('clientError', () => {});
    aedes.on('connectionError', () => {});
  }

  private async runHandlers(message: GatewayMessage): Promise<void> {
    for (const handler of [...this.handlers]) await handler(message);
  }
}
