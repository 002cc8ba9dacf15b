#!/usr/bin/env node
// npm start: the whole site on one machine, on embedded defaults.
//   collector (embedded MQTT broker with TLS client certificates, SQLite, HTTP API)
//   + one gateway agent, enrolled with a one-time token, whose emulated iM871A stick replays fixtures/
// Readings arrive over MQTT and can be fetched over HTTP within seconds. Data lives in ./data/site.
// Environment: PORT (HTTP, default 8080; a free one is taken when it is busy), RATE (telegrams/s, default 20).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { startCollector } from '@wmbus/collector';
import { startAgent, enroll, parseConfig, loadFixtureTelegrams } from '@wmbus/agent';
import { readAddress } from '@wmbus/protocol';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'data', 'site');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const gatewayId = 'site-gateway-1';

const portFree = (port) =>
  new Promise((resolve) => {
    const s = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
const wanted = Number(process.env.PORT ?? 8080);
const httpPort = (await portFree(wanted)) ? wanted : 0;

const collector = await startCollector({ dataDir: join(dataDir, 'collector'), http: { host: '127.0.0.1', port: httpPort }, mqtts: { host: '127.0.0.1', port: 0 } });
console.log(`collector  HTTP ${collector.httpUrl}  (OpenAPI: ${collector.httpUrl}/docs)  MQTT ${collector.mqttsUrl}`);

// The fixture telegrams and the keys of their meters (as a billing company gets them from the meter supplier).
const fixtures = loadFixtureTelegrams(join(root, 'fixtures', 'telegrams'));
const keys = new Map();
for (const f of fixtures) {
  if (!f.key || f.key.length !== 32) continue;
  const { manufacturer, id } = readAddress(Buffer.from(f.hex, 'hex'), 2).address;
  keys.set(`${manufacturer}:${id}`, { manufacturer, id, key: f.key });
}
for (const k of keys.values()) collector.ingestor.addMeterKey({ manufacturer: k.manufacturer, id: k.id }, Buffer.from(k.key, 'hex'));

// An API key for this demo (billing role: read-only), kept so the printed curl line keeps working.
const keyFile = join(dataDir, 'billing-api-key.txt');
const apiKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : collector.apiKeys.create('billing', 'npm start demo').key;
writeFileSync(keyFile, apiKey + '\n', { mode: 0o600 });

// Enrollment as an installer does it: token from the collector, key pair and CSR made on the gateway.
const agentDir = join(dataDir, 'agent');
if (!existsSync(join(agentDir, 'gateway.crt'))) {
  const { token } = collector.tokens.issue(gatewayId);
  await enroll({ collectorUrl: collector.httpUrl, token, gatewayId, dataDir: agentDir });
  console.log(`gateway    ${gatewayId} enrolled (its private key stays in ${agentDir})`);
}
const config = parseConfig(
  `version: 1
gatewayId: ${gatewayId}
dataDir: ${agentDir}
sticks:
  - id: emulated-im871a
    kind: im871a
    emulate: { fixtures: fixtures/telegrams, telegramsPerSecond: ${Number(process.env.RATE ?? 20)}, loop: true }
uplink:
  url: ${collector.mqttsUrl}
  tls: { key: ${join(agentDir, 'gateway.key')}, cert: ${join(agentDir, 'gateway.crt')}, ca: ${join(agentDir, 'ca.crt')} }
  batchDelayMs: 500
  statsIntervalSeconds: 10
`,
  'site config',
);
const agent = await startAgent(config, { fixturesRoot: root });
agent.on('stick-ready', (_s, info) => console.log(`stick      emulated ${info.model ?? 'iM871A'} ready, link modes ${info.linkModes.join('+')}`));
// The collector pushes the meter keys to the gateway as commands (acknowledged on cmd-ack).
agent.uplink.once('connect', async () => {
  console.log(`uplink     ${gatewayId} connected with its client certificate`);
  let n = 0;
  for (const k of keys.values()) {
    await collector.broker.sendCommand(gatewayId, { v: 1, id: `key-${++n}`, issuedAt: Date.now(), type: 'add-key', meter: { manufacturer: k.manufacturer, id: k.id }, key: Buffer.from(k.key, 'hex') });
  }
  console.log(`keys       ${n} meter keys sent to the gateway`);
});

console.log(`\nreadings   curl -s -H 'Authorization: Bearer ${apiKey}' ${collector.httpUrl}/api/v1/readings/latest`);
console.log(`           curl -s -H 'Authorization: Bearer ${apiKey}' '${collector.httpUrl}/api/v1/readings/latest?format=csv'`);
console.log(`           curl -s -H 'Authorization: Bearer ${apiKey}' ${collector.httpUrl}/api/v1/meters\n`);
const tick = setInterval(() => {
  const c = collector.repo.counts();
  const a = agent.pipeline.counters;
  console.log(`site       stick→agent ${a.received} telegrams (${a.duplicates} repeats dropped), outbox pending ${agent.outbox.pendingCount()}, collector: ${c.meters} meters, ${c.readings} readings, ${c.rawTelegrams} raw, ${c.undecoded} undecoded`);
}, 5000);

const stop = async () => {
  clearInterval(tick);
  await agent.stop();
  await collector.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
