/** Test fixtures for the broker tests: a CA, the server certificate, gateway certificates, mqtt.js clients. */
import { readFileSync } from 'node:fs';
import { connect, connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { CertificateAuthority, createKeyAndCsr } from '../../src/pki/index.js';
import { GatewayBroker, type GatewayBrokerOptions, type ListeningAddresses } from '../../src/broker/index.js';

export const ca = CertificateAuthority.create({ commonName: 'broker test CA' });
export const serverCert = ca.issueServerCertificate({ hostName: 'collector.test' });

const gatewayCerts = new Map<string, { keyPem: string; certPem: string }>();
/** A gateway's key and certificate, made the real way: key + CSR on the "gateway", signed by the CA. */
export function gatewayCredentials(gatewayId: string, authority: CertificateAuthority = ca): { keyPem: string; certPem: string } {
  const cacheKey = `${gatewayId}@${authority.certPem.length}:${authority.certPem.slice(-80)}`;
  let creds = gatewayCerts.get(cacheKey);
  if (!creds) {
    const { keyPem, csrPem } = createKeyAndCsr(gatewayId);
    creds = { keyPem, certPem: authority.signGatewayCsr(csrPem, gatewayId) };
    gatewayCerts.set(cacheKey, creds);
  }
  return creds;
}

export async function startBroker(extra: Partial<GatewayBrokerOptions> = {}): Promise<{ broker: GatewayBroker; addresses: ListeningAddresses }> {
  const broker = await GatewayBroker.create({
    tls: { host: '127.0.0.1', port: 0, keyPem: serverCert.keyPem, certPem: serverCert.certPem, caPem: ca.certPem },
    ...extra,
  });
  const addresses = await broker.listen();
  return { broker, addresses };
}

/** Connects over TLS as `gatewayId` (client id = gateway id unless overridden). */
export function connectTls(port: number, gatewayId: string, options: IClientOptions = {}): Promise<MqttClient> {
  const { keyPem, certPem } = gatewayCredentials(gatewayId);
  return connectAsync(`mqtts://127.0.0.1:${port}`, {
    clientId: gatewayId,
    key: keyPem,
    cert: certPem,
    ca: ca.certPem,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...options,
  });
}

export function golden(path: string): Buffer {
  return Buffer.from(readFileSync(new URL(`../../../fixtures/mqtt/${path}`, import.meta.url), 'utf8').trim(), 'hex');
}

export function goldenJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/mqtt/${path}`, import.meta.url), 'utf8'));
}

/** Fails a test instead of hanging it when something never happens. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

export function nextMessage(client: MqttClient): Promise<{ topic: string; payload: Buffer }> {
  return new Promise((resolve) => client.once('message', (topic, payload) => resolve({ topic, payload })));
}

export function closed(client: MqttClient): Promise<void> {
  return new Promise((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));
}

/** A promise with its resolve/reject exposed, to hold a handler open until the test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * How a connection attempt ends: 'connected', 'error: …' or 'closed'. mqtt.js' connectAsync never settles
 * when the server ends the TLS session after the handshake without an error reaching the client (as with
 * a client certificate from another CA under TLS 1.3), so refusals are observed through the events.
 */
export function connectOutcome(url: string, options: IClientOptions): Promise<string> {
  return new Promise((resolve) => {
    const client = connect(url, { reconnectPeriod: 0, connectTimeout: 3000, ...options });
    const finish = (outcome: string) => {
      client.removeAllListeners();
      client.on('error', () => {});
      client.end(true);
      resolve(outcome);
    };
    client.once('connect', () => finish('connected'));
    client.once('error', (e) => finish(`error: ${e.message}`));
    client.once('close', () => finish('closed'));
  });
}
