/**
 * End-to-end drain benchmark: 1,000,000 telegrams buffered in an agent outbox, then the uplink started
 * against a collector in its own process (embedded broker, TLS with a client certificate from a real
 * enrollment) and timed until the collector has acknowledged — i.e. committed — every one.
 *
 *   node --import=tsx --conditions=wmbus-source scripts/bench-e2e.ts [--telegrams 1000000] [--batch 1000] [--window 16]
 *     [--collector-node-args '--max-semi-space-size=32']
 *
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the collector process there (one per thread).
 * WMBUS_DECODE_THREAD=off runs the collector with decoding on its main thread, WMBUS_COMMIT_WAIT_MS=0 without
 * waiting for batches still being decoded to share a commit, for comparison.
 *
 * Telegrams: the wireless fixtures (fixtures/telegrams, their keys given to the collector). Plaintext ones
 * (duplicates removed) get a different access number (ACC) in each round, so their bytes differ and the
 * collector's decode cache does not hide the decoding; encrypted ones cannot be altered and repeat. Receive
 * times are 250 ms apart (three days of telegrams from a few hundred meters), so a telegram comes round
 * again after more than the collector's 60 s dedupe window: every decodable telegram becomes its own reading. Both readings and raw telegrams
 * stored are counted. Last line: `e2e telegrams_per_s=N drain_1m_s=N collector_readings_per_s=N`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { enroll, loadFixtureTelegrams } from '../agent/src/index.js';
import { Outbox } from '../agent/src/store/index.js';
import { MqttUplink } from '../agent/src/uplink/mqtt-uplink.js';
import { freePort, FIXTURES } from '../collector/test/e2e/site-helpers.js';

const { values } = parseArgs({
  options: {
    telegrams: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '1000' },
    window: { type: 'string', default: '16' },
    // e.g. '--max-semi-space-size=32': fewer young-generation collections in the allocation-heavy ingest.
    'collector-node-args': { type: 'string', default: '' },
  },
});
const total = Number(values.telegrams);
const dir = mkdtempSync(join(tmpdir(), 'wmbus-bench-e2e-'));
const gatewayId = 'bench-gw';
/** Receive times this far apart: a fixture comes round again after > 60 s, outside the dedupe window. */
const STEP_MS = 250;

/** Byte offset of the access number after the link header (L C M A CI; radio.md § 2.8), and whether the telegram is plaintext. */
function accOffset(raw: Buffer): { acc: number; plain: boolean } | undefined {
  const ci = raw[10];
  if (ci === 0x7a && raw.length >= 15) return { acc: 11, plain: ((raw.readUInt16LE(13) >> 8) & 0x1f) === 0 };
  if (ci === 0x72 && raw.length >= 23) return { acc: 19, plain: ((raw.readUInt16LE(21) >> 8) & 0x1f) === 0 };
  return undefined;
}

/** utime + stime of a /proc …/stat line, in seconds (clock ticks, 100/s); the name may hold spaces, so after its ')'. */
const statCpuSeconds = (stat: string): number => {
  const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

const cpuOf = (pid: number): number => statCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));

/** Bytes a process caused to be written to the storage layer so far (Linux /proc/<pid>/io write_bytes). */
const diskWrittenOf = (pid: number | 'self'): number => Number(/^write_bytes: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);

/** CPU seconds of each thread of a process (Linux /proc), by thread id, with its name. */
const threadCpuOf = (pid: number): Map<string, { name: string; cpu: number }> => {
  const threads = new Map<string, { name: string; cpu: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      threads.set(tid, { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpu: statCpuSeconds(stat) });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
};

/** Threads that used at least 0.5 s between two readings, busiest first: "name(tid) 12.3 s". */
const busyThreads = (before: Map<string, { name: string; cpu: number }>, after: Map<string, { name: string; cpu: number }>): string =>
  [...after]
    .map(([tid, t]) => ({ label: `${t.name}(${tid})`, cpu: t.cpu - (before.get(tid)?.cpu ?? 0) }))
    .filter((t) => t.cpu >= 0.5)
    .sort((a, b) => b.cpu - a.cpu)
    .map((t) => `${t.label} ${t.cpu.toFixed(1)} s`)
    .join(', ');

const collectorNodeArgs = values['collector-node-args'].split(' ').filter(Boolean);
const child = spawn(process.execPath, [...collectorNodeArgs, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import=tsx', '--conditions=wmbus-source', 'collector/test/e2e/collector-runner.ts', join(dir, 'collector'), String(await freePort()), String(await freePort()), gatewayId], { stdio: ['ignore', 'pipe', 'inherit'] });
/** JSON lines the collector printed, in order (its start line, then answers to SIGUSR2). */
const collectorLines: Record<string, unknown>[] = [];
let lineWaiter: (() => void) | undefined;
let stdoutBuf = '';
child.stdout!.on('data', (d: Buffer) => {
  stdoutBuf += d.toString();
  let nl;
  while ((nl = stdoutBuf.indexOf('\n')) >= 0) {
    const line = stdoutBuf.slice(0, nl);
    stdoutBuf = stdoutBuf.slice(nl + 1);
    if (line.startsWith('{')) collectorLines.push(JSON.parse(line) as Record<string, unknown>);
    lineWaiter?.();
  }
});
const nextCollectorLine = (count: number): Promise<Record<string, unknown>> =>
  new Promise((resolve) => {
    const check = () => {
      if (collectorLines.length >= count) resolve(collectorLines[count - 1]!);
      else lineWaiter = check;
    };
    check();
  });
const info = await new Promise<{ httpUrl: string; mqttsUrl: string; tokens: Record<string, string> }>((resolve, reject) => {
  void nextCollectorLine(1).then((l) => resolve(l as { httpUrl: string; mqttsUrl: string; tokens: Record<string, string> }));
  child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
});
try {
  const e = await enroll({ collectorUrl: info.httpUrl, token: info.tokens[gatewayId]!, gatewayId, dataDir: join(dir, 'agent') });

  // Fill the outbox directly (enqueue commits every 1,000 rows in one transaction).
  const fixtures = [...new Set(loadFixtureTelegrams(FIXTURES).map((f) => f.hex))].map((hex) => Buffer.from(hex, 'hex'));
  const outbox = Outbox.open({ path: join(dir, 'agent', 'outbox.db'), gatewayId, maxBytes: null, maxAgeMs: null, maxSentAgeMs: null });
  let t0 = performance.now();
  const base = Date.now() - total * STEP_MS;
  let plainVariants = 0;
  for (let i = 0; i < total; i++) {
    const round = Math.floor(i / fixtures.length);
    let raw = fixtures[i % fixtures.length]!;
    const at = accOffset(raw);
    if (at?.plain) {
      raw = Buffer.from(raw);
      raw[at.acc] = (raw[at.acc]! + round) & 0xff;
      if (round === 0) plainVariants++;
    }
    outbox.enqueue({ raw, receivedAt: base + i * STEP_MS, rssiDbm: -70, linkMode: 'T1', stickId: 'bench', decodeStatus: 'NOT_DECODED' });
  }
  outbox.flush();
  console.log(`outbox     ${total} telegrams (${fixtures.length} fixtures, ${plainVariants} plaintext with varied ACC) filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const uplink = new MqttUplink({
    url: info.mqttsUrl,
    gatewayId,
    outbox,
    tls: { key: readFileSync(e.keyFile, 'utf8'), cert: readFileSync(e.certFile, 'utf8'), ca: readFileSync(e.caFile, 'utf8') },
    batchRows: Number(values.batch),
    batchDelayMs: 100,
    window: Number(values.window),
    statsIntervalMs: 3_600_000,
  });
  let acked = 0;
  uplink.on('acked', (n: number) => (acked += n));
  const cpu0 = { agent: process.cpuUsage(), collector: cpuOf(child.pid!), threads: threadCpuOf(child.pid!) };
  const written0 = { agent: diskWrittenOf('self'), collector: diskWrittenOf(child.pid!) };
  t0 = performance.now();
  uplink.start();
  const loads: number[] = [];
  let lastReport = t0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      if (performance.now() - lastReport >= 10_000) {
        lastReport = performance.now();
        loads.push(loadavg()[0]!);
        console.log(`progress   ${acked} acknowledged after ${((lastReport - t0) / 1000).toFixed(0)} s, load ${loadavg()[0]!.toFixed(2)}`);
      }
      if (acked >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 20);
  });
  const seconds = (performance.now() - t0) / 1000;
  const agentCpu = process.cpuUsage(cpu0.agent);
  const collectorCpu = cpuOf(child.pid!) - cpu0.collector;
  const written = { agent: diskWrittenOf('self') - written0.agent, collector: diskWrittenOf(child.pid!) - written0.collector };
  const collectorThreads = busyThreads(cpu0.threads, threadCpuOf(child.pid!));
  child.kill('SIGUSR2');
  const { ingestCounters } = (await nextCollectorLine(2)) as { ingestCounters: { commits: number; batches: number } };
  loads.push(loadavg()[0]!);
  await uplink.stop();
  outbox.close();

  const db = new Database(join(dir, 'collector', 'collector.db'), { readonly: true });
  const raws = (db.prepare('SELECT count(*) AS n FROM raw_telegrams').get() as { n: number }).n;
  const readings = (db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
  const undecoded = db.prepare("SELECT decode_status AS s, count(*) AS n FROM raw_telegrams WHERE decode_status <> 'ok' GROUP BY 1").all() as { s: string; n: number }[];
  const rowBytes = db.prepare('SELECT avg(length(reading)) AS reading, (SELECT avg(length(raw)) FROM raw_telegrams) AS raw FROM readings').get() as { reading: number; raw: number };
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  console.log(`collector  ${raws} raw telegrams, ${readings} readings, raw only: ${undecoded.map((u) => `${u.s} ${u.n}`).join(', ') || 'none'}`);
  console.log(`store      ${((pages * pageSize) / raws).toFixed(0)} bytes of database file a telegram; reading view JSON ${rowBytes.reading.toFixed(0)} bytes, raw telegram ${rowBytes.raw.toFixed(0)} bytes on average`);
  console.log(`threads    collector: ${collectorThreads}`);
  console.log(`commits    ${ingestCounters.batches} batches in ${ingestCounters.commits} commits (${(ingestCounters.batches / Math.max(1, ingestCounters.commits)).toFixed(2)} per commit)`);
  // Written back during the drain; what is still dirty in the page cache at the end is not counted yet.
  console.log(`disk       written during the drain: agent ${(written.agent / 1e6).toFixed(0)} MB, collector ${(written.collector / 1e6).toFixed(0)} MB (${(written.collector / total).toFixed(0)} bytes a telegram)`);
  console.log(`cpu        agent ${((agentCpu.user + agentCpu.system) / 1e6).toFixed(1)} s, collector ${collectorCpu.toFixed(1)} s over ${seconds.toFixed(1)} s wall (2 cores)`);
  console.log(`load       1-min load average during the drain: ${loads.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`settings   batch ${values.batch} rows, window ${values.window}, collector decode thread ${process.env.WMBUS_DECODE_THREAD === 'off' ? 'off' : 'on'}, commit wait ${process.env.WMBUS_COMMIT_WAIT_MS ?? 'default'} ms${collectorNodeArgs.length ? `, collector node ${collectorNodeArgs.join(' ')}` : ''}`);
  console.log(`e2e telegrams_per_s=${Math.round(total / seconds)} drain_1m_s=${((seconds * 1_000_000) / total).toFixed(1)} collector_readings_per_s=${Math.round(readings / seconds)}`);
} finally {
  // SIGTERM: the runner closes the collector and exits, so a --cpu-prof profile gets written.
  child.kill(process.env.BENCH_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
