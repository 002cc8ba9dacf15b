/**
 * A collector as its own process, for the crash tests (SIGKILL). Arguments: dataDir mqttsPort httpPort
 * [gatewayId,...]. WMBUS_DECODE_THREAD=off decodes on the main thread, WMBUS_COMMIT_WAIT_MS sets the group-commit wait (benchmark comparisons). Prints one JSON line: its URLs, a one-time enrollment token per gateway id and an
 * admin API key, then keeps running until killed (SIGUSR2 prints the ingest counters).
 */
import { startCollector } from '../../src/index.js';
import { fixtureKeys } from './site-helpers.js';

const [dataDir, mqttsPort, httpPort, gateways = ''] = process.argv.slice(2);
const collector = await startCollector({
  dataDir: dataDir!,
  http: { host: '127.0.0.1', port: Number(httpPort) },
  mqtts: { host: '127.0.0.1', port: Number(mqttsPort) },
  publicHost: 'localhost',
  decodeThread: process.env.WMBUS_DECODE_THREAD !== 'off',
  ...(process.env.WMBUS_COMMIT_WAIT_MS !== undefined ? { maxCommitWaitMs: Number(process.env.WMBUS_COMMIT_WAIT_MS) } : {}),
});
for (const k of await fixtureKeys()) collector.ingestor.addMeterKey(k, k.key);
const tokens = Object.fromEntries(gateways.split(',').filter(Boolean).map((id) => [id, collector.tokens.issue(id).token]));
const adminKey = collector.apiKeys.create('admin', 'e2e').key;
console.log(JSON.stringify({ httpUrl: collector.httpUrl, mqttsUrl: collector.mqttsUrl.replace('localhost', '127.0.0.1'), tokens, adminKey }));
// SIGUSR2: one JSON line with the ingest queue's counters (bench:e2e reads the group-commit factor).
process.on('SIGUSR2', () => console.log(JSON.stringify({ ingestCounters: collector.ingestCounters })));
process.once('SIGTERM', () => void collector.close().then(() => process.exit(0)));
