/**
 * Uplink drain micro-benchmark, without a broker: the agent's CPU per telegram to claim a batch from a
 * backlog, turn it into the `up` payload (CBOR, validated) and mark it sent after the (pretended) PUBACK,
 * committed in group commits as the outbox's timer would. This is the agent's own share of bench:e2e,
 * minus mqtt.js and TLS.
 *
 *   npm run bench:drain -- [--telegrams 1000000] [--batch 1000]
 *     [--commit-every 16] [--decoded none|reading] [--keep]
 *
 * The backlog is filled once through Outbox.enqueue (like bench:e2e: the wireless fixtures, T1, RSSI,
 * kept raw as NOT_DECODED, or with a driver's reading view in CBOR as the pipeline stores it) into a template file
 * in the temp folder, which later runs copy (--keep leaves it for the next run). Each phase is timed with
 * process.cpuUsage (user + system), so the figure holds on a shared machine; GC falls into the phase that
 * triggered it. Last line: `drain cpu_us_per_telegram=N claim=N payload=N ack=N commit=N`.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encode } from 'cbor-x';
import { loadFixtureTelegrams } from '../agent/src/index.js';
import { Outbox } from '../agent/src/store/index.js';
import { uplinkPayload } from '../agent/src/uplink/batch.js';
import { FIXTURES } from '../collector/test/e2e/site-helpers.js';

const { values } = parseArgs({
  options: {
    telegrams: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '1000' },
    'commit-every': { type: 'string', default: '16' },
    decoded: { type: 'string', default: 'none' },
    keep: { type: 'boolean', default: false },
  },
});
const total = Number(values.telegrams);
const batchRows = Number(values.batch);
const commitEvery = Number(values['commit-every']);
const decodedKind = values.decoded;
if (decodedKind !== 'none' && decodedKind !== 'reading') throw new Error('--decoded none|reading');

const template = join(tmpdir(), `wmbus-bench-drain-${total}-${decodedKind}.db`);
if (!existsSync(template)) {
  const fixtures = [...new Set(loadFixtureTelegrams(FIXTURES).map((f) => f.hex))].map((hex) => Buffer.from(hex, 'hex'));
  const fill = Outbox.open({ path: template, gatewayId: 'bench-gw', maxBytes: null, maxAgeMs: null, maxSentAgeMs: null });
  const base = Date.now() - total * 250;
  for (let i = 0; i < total; i++) {
    const reading = { total_m3: 1234.567 + i / 1000, target_m3: 1200.125, flow_temperature_c: 21.5, current_status: 'OK' };
    fill.enqueue({
      raw: fixtures[i % fixtures.length]!,
      receivedAt: base + i * 250,
      rssiDbm: -70,
      linkMode: 'T1',
      stickId: 'bench',
      ...(decodedKind === 'none' ? { decodeStatus: 'NOT_DECODED' } : { decoded: encode({ driver: 'multical21', reading }), decodeStatus: 'ok' }),
    });
  }
  fill.close(); // checkpoints: the template is one file
}

const dir = mkdtempSync(join(tmpdir(), 'wmbus-bench-drain-'));
const path = join(dir, 'outbox.db');
copyFileSync(template, path);
const outbox = Outbox.open({ path, gatewayId: 'bench-gw', maxBytes: null, maxAgeMs: null, maxSentAgeMs: null, commitIntervalMs: 3_600_000 });

const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const spent = { claim: 0, payload: 0, ack: 0, commit: 0 };
let telegrams = 0;
let payloadBytes = 0;
let batches = 0;
for (;;) {
  let t = cpu();
  // What MqttUplink.pump does per batch before publishing.
  outbox.oldestUnsentAge();
  if (outbox.pendingCount() === 0) break;
  const rows = outbox.claimUplinkBatch(batchRows, 512 * 1024);
  let u = cpu();
  spent.claim += u - t;
  if (rows.length === 0) break;
  const { payload, seqs } = uplinkPayload(rows, Date.now());
  t = cpu();
  spent.payload += t - u;
  // ... and after its PUBACK.
  outbox.ackSent(seqs);
  u = cpu();
  spent.ack += u - t;
  if (++batches % commitEvery === 0) {
    outbox.flush();
    spent.commit += cpu() - u;
  }
  telegrams += rows.length;
  payloadBytes += payload.byteLength;
}
const u = cpu();
outbox.flush();
spent.commit += cpu() - u;
const unsent = outbox.stats().unsent;
outbox.close();
rmSync(dir, { recursive: true, force: true });
if (!values.keep) rmSync(template, { force: true });
if (telegrams !== total || unsent !== 0) throw new Error(`drained ${telegrams} of ${total}, ${unsent} left unsent`);

const per = (us: number): string => (us / telegrams).toFixed(2);
const all = spent.claim + spent.payload + spent.ack + spent.commit;
console.log(`drained ${telegrams} telegrams (decoded=${decodedKind}) in ${batches} batches of ${batchRows}, a commit every ${commitEvery}, ${(payloadBytes / telegrams).toFixed(1)} payload bytes/telegram`);
console.log(`cpu ${(all / 1e6).toFixed(2)} s: claim ${per(spent.claim)} + payload ${per(spent.payload)} + ack ${per(spent.ack)} + commit ${per(spent.commit)} µs/telegram`);
console.log(`drain cpu_us_per_telegram=${per(all)} claim=${per(spent.claim)} payload=${per(spent.payload)} ack=${per(spent.ack)} commit=${per(spent.commit)}`);
