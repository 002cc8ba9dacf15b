/**
 * Ingest from an external MQTT broker (an EMQX cluster in production; Mosquitto 2 on loopback in the tests)
 * instead of the embedded one. Several collector instances share the load through one shared subscription
 * (`$share/<group>/wmbus/v1/gw/+/up`, MQTT 5 § 4.8.2): the broker hands each message to one member.
 * (Mosquitto 2.0.11 also serves `$share/` to MQTT 3.1.1 clients, checked by hand; EMQX does too. This
 * client uses MQTT 5 because mqtt.js honours customHandleAcks only there.)
 *
 * Storage: all instances open the same SQLite file (same dataDir). One reading per radio transmission
 * across gateways needs one store to look up; WAL lets the HTTP API read while an instance writes, ingest
 * transactions are BEGIN IMMEDIATE with a 5 s busy timeout, so instances take turns at the write lock
 * instead of failing. Separate files would split the dedupe and the API's view. The write lock makes the
 * instances share one writer's throughput: they add decode CPU and availability, not commit rate. Meter
 * keys and learned compact formats are loaded at start: a key added through one instance reaches the
 * others only at their next start; what they store for that meter meanwhile stays raw (KEY_MISSING) until
 * Ingestor.redecodeMeter runs for it. (Not done yet: telling the other instances about a new key.)
 *
 * "PUBACK means stored" holds here too, one hop further: the gateway's PUBACK comes from the external broker
 * (it has the message in its session store), and this client's PUBACK to the broker leaves only after the
 * batch is committed (mqtt.js `customHandleAcks`, which it honours only with protocolVersion 5). The session
 * is persistent (clean start off, a session expiry, a fixed client id per instance), so a message that was
 * delivered but never acknowledged — the instance crashed or could not store it — is delivered again when
 * the instance reconnects (MQTT 5 § 4.4). A storage failure therefore drops the connection instead of
 * acknowledging; mqtt.js reconnects and the broker resends. Replays are harmless: (gateway, seq) is unique.
 *
 * Gateway authentication and topic authorization are the external broker's job in this mode (client
 * certificates issued by this collector's CA, and an ACL allowing a client to publish only below
 * `wmbus/v1/gw/<its CN>/`: EMQX's `peer_cert_as_username = cn` with an ACL on `%u`, Mosquitto's
 * `use_identity_as_username` with `pattern write wmbus/v1/gw/%u/#`). The collector trusts the gateway id
 * in the topic.
 */
import type { GatewayMessage } from '../broker/gateway-broker.js';
import { EventEmitter } from 'node:events';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { allGatewaysFilter, buildTopic, encodePayload, PUBLISH_OPTIONS, tryParseTopic, type CommandPayload, type TopicKind } from '@wmbus/protocol';

export interface ExternalBrokerOptions {
  /** mqtt://host:port or mqtts://host:port of the external broker. */
  url: string;
  /** Shared subscription group; every collector instance of one deployment uses the same. Default 'wmbus-collector'. */
  group?: string;
  /** Fixed per instance (the persistent session is found by it); two live instances must not share one. */
  clientId: string;
  username?: string;
  password?: string;
  /** PEM strings when the broker wants a client certificate from the collector. */
  tls?: { key?: string; cert?: string; ca?: string };
  /** How long the broker keeps this instance's session (and its unacknowledged messages) while it is away. Default 7 days. */
  sessionExpirySeconds?: number;
  /** Messages the broker may have in flight to this instance (MQTT 5 Receive Maximum). Default 16. */
  receiveMaximum?: number;
  reconnectPeriodMs?: number;
}

/**
 * A message from a gateway, as the ingest handler sees it: the embedded broker's GatewayMessage, except that
 * an external broker does not say whether it publishes a will (the status payload speaks for itself).
 */
export type ExternalGatewayMessage = Omit<GatewayMessage, 'isWill'> & { isWill: false };

/** Resolves once the message is stored (the PUBACK follows); rejects when it could not be (no PUBACK). */
export type ExternalPublishHandler = (message: ExternalGatewayMessage) => Promise<void>;

export interface ExternalBrokerCounters {
  messages: number;
  acknowledged: number;
  /** Not a contract topic of a gateway (or a kind the collector does not take): acknowledged and dropped. */
  ignored: number;
  /** The handler rejected: no PUBACK, connection dropped so the broker delivers again. */
  handlerFailures: number;
  /** Deliveries the broker marked as a resend (DUP). */
  redeliveries: number;
  connects: number;
}

const INGESTED_KINDS: readonly TopicKind[] = ['up', 'status', 'stats', 'cmd-ack'];

/** The shared-subscription filters of one group: one per kind a gateway publishes. */
export function sharedFilters(group: string): string[] {
  return INGESTED_KINDS.map((kind) => `$share/${group}/${allGatewaysFilter(kind)}`);
}

export class ExternalBrokerIngest extends EventEmitter {
  readonly counters: ExternalBrokerCounters = { messages: 0, acknowledged: 0, ignored: 0, handlerFailures: 0, redeliveries: 0, connects: 0 };
  readonly group: string;
  private readonly client: MqttClient;
  private readonly handler: ExternalPublishHandler;

  private constructor(client: MqttClient, group: string, handler: ExternalPublishHandler) {
    super();
    this.client = client;
    this.group = group;
    this.handler = handler;
  }

  /** Connects, subscribes the group's shared filters (QoS 1) and starts handing messages to `handler`. */
  static async start(options: ExternalBrokerOptions, handler: ExternalPublishHandler): Promise<ExternalBrokerIngest> {
    const group = options.group ?? 'wmbus-collector';
    let ingest: ExternalBrokerIngest | undefined;
    const opts: IClientOptions = {
      protocolVersion: 5,
      clientId: options.clientId,
      clean: false,
      properties: { sessionExpiryInterval: options.sessionExpirySeconds ?? 7 * 86_400, receiveMaximum: options.receiveMaximum ?? 16 },
      reconnectPeriod: options.reconnectPeriodMs ?? 1000,
      connectTimeout: 10_000,
      ...(options.username !== undefined ? { username: options.username, password: options.password ?? '' } : {}),
      ...(options.tls ? { ...options.tls, rejectUnauthorized: true } : {}),
      customHandleAcks: (topic, payload, packet, done) => {
        // A resumed session may deliver before start() resolves; `ingest` is set right after connect() returns.
        ingest!.deliver(topic, payload, packet.qos, packet.retain, packet.dup, done);
      },
    };
    const client = mqtt.connect(options.url, opts);
    ingest = new ExternalBrokerIngest(client, group, handler);
    const self = ingest;
    client.on('connect', () => {
      self.counters.connects++;
      self.emit('connect');
    });
    client.on('error', (e) => self.emit('mqtt-error', e));
    client.on('close', () => self.emit('disconnect'));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    // A resumed session keeps its subscriptions (and mqtt.js resubscribes after a reconnect without one);
    // subscribing again on start is harmless and covers a new group or a session that expired.
    const granted = await client.subscribeAsync(sharedFilters(group), { qos: 1 });
    const refused = granted.filter((g) => g.qos !== 1 && g.qos !== 0);
    if (refused.length) {
      await client.endAsync(true);
      throw new Error(`broker refused the shared subscription(s) ${refused.map((g) => g.topic).join(', ')}`);
    }
    return self;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  private deliver(topic: string, payload: Buffer, qos: 0 | 1 | 2, retain: boolean, dup: boolean, done: (error: Error | number, code?: number) => void): void {
    this.counters.messages++;
    if (dup) this.counters.redeliveries++;
    const parsed = tryParseTopic(topic);
    if (!parsed || !INGESTED_KINDS.includes(parsed.kind)) {
      this.counters.ignored++;
      done(0);
      return;
    }
    const message: ExternalGatewayMessage = {
      gatewayId: parsed.gatewayId,
      topic,
      kind: parsed.kind,
      ...(parsed.commandId !== undefined ? { commandId: parsed.commandId } : {}),
      payload,
      qos,
      retain,
      isWill: false,
    };
    this.handler(message).then(
      () => {
        this.counters.acknowledged++;
        done(0);
        this.emit('stored', message);
      },
      (err: unknown) => {
        // MQTT has no negative PUBACK that makes the broker resend: an error reason code would count as
        // delivered. Dropping the connection leaves the message unacknowledged in the session instead.
        this.counters.handlerFailures++;
        this.emit('handler-failure', err, message);
        this.client.stream?.destroy();
      },
    );
  }

  /** Publishes a command to a gateway through the external broker (QoS 1, resolves after the broker's PUBACK). */
  async sendCommand(gatewayId: string, command: CommandPayload): Promise<void> {
    await this.client.publishAsync(buildTopic('cmd', gatewayId, command.id), Buffer.from(encodePayload('cmd', command)), PUBLISH_OPTIONS.cmd);
  }

  /**
   * Disconnects. `endSession` asks the broker to drop this instance's session (an instance that is retired
   * for good); otherwise the session waits for the next start with the same client id.
   */
  async close(options: { endSession?: boolean } = {}): Promise<void> {
    if (options.endSession && this.client.connected) {
      await this.client.endAsync(false, { properties: { sessionExpiryInterval: 0 } });
      return;
    }
    await this.client.endAsync(false);
  }

  /** Simulates a crash for tests and tools: the socket goes away without a DISCONNECT or any further ack. */
  destroyConnection(): void {
    this.client.options.reconnectPeriod = 0;
    this.client.stream?.destroy();
  }
}
