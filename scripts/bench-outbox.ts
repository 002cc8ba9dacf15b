/**
 * Outbox benchmark: enqueue throughput, fsyncs per 100 telegrams, database bytes per telegram, RSS.
 *
 *   node --import=tsx --conditions=wmbus-source scripts/bench-outbox.ts [--telegrams N] [--decoded none|reading|records]
 *
 * Telegrams: the 10-telegram public mix of radio.md § 8.6 (shared/corpus/bench-mix.tsv), else the
 * agent's test fixtures. `--decoded` chooses what rides along as the opaque decoded BLOB (CBOR):
 * none (kept raw, e.g. KEY_MISSING), reading (a driver's reading view, default), records (the view
 * plus every DIF/VIF record in the shape of protocol's DataRecord — the heaviest form).
 * fsyncs are counted by running the same workload under `strace -c` when strace is installed,
 * otherwise estimated as one per commit (synchronous=FULL: one WAL fsync per commit).
 * Last line: `outbox telegrams_per_s=N fsyncs_per_100=N bytes_per_telegram=N`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'cbor-x';
import { fromHex } from '@wmbus/protocol';
import { Outbox, type OutboxEntry } from '../agent/src/store/outbox.js';
import { TELEGRAMS, telegramBytes } from '../agent/test/store/fixtures/telegrams.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function loadTelegrams(): Uint8Array[] {
  const mix = join(REPO_ROOT, '..', 'shared', 'corpus', 'bench-mix.tsv');
  if (existsSync(mix)) {
    return readFileSync(mix, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => fromHex(l.split('\t')[3]!));
  }
  return TELEGRAMS.map(telegramBytes);
}

function decodedFor(kind: string, i: number): Uint8Array | null {
  if (kind === 'none') return null;
  const reading = { total_m3: 1234.567 + i / 1000, target_m3: 1200.125, flow_temperature_c: 21.5, current_status: 'OK' };
  if (kind === 'reading') return encode({ driver: 'multical21', reading });
  const record = (header: string, data: string, quantity: string, value: number, unit: string, storage = 0) => ({
    offset: 19, length: header.length / 2 + data.length / 2, header, data, storage, tariff: 0, subunit: 0,
    function: 'instantaneous', quantity, description: quantity, value, unit,
  });
  return encode({
    driver: 'multical21',
    records: [
      record('0413', '5AE01200', 'volume', 1234.567, 'm3'),
      record('4413', 'B0D01200', 'volume', 1200.125, 'm3', 1),
      record('615B', '15', 'flow temperature', 21, '°C'),
      record('6167', '14', 'external temperature', 20, '°C'),
    ],
    reading,
  });
}

interface Run {
  telegrams: number;
  seconds: number;
  cpuSeconds: number;
  commits: number;
  fileBytes: number;
  maxRssMb: number;
  decodedBytes: number;
}

/** The workload: enqueue as fast as the loop allows, yielding every 1000 so timers run as in the agent. */
async function workload(n: number, decodedKind: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const path = join(dir, 'outbox.db');
  const telegrams = loadTelegrams();
  const outbox = Outbox.open({ path, gatewayId: 'bench', maxAgeMs: null });
  const decodedSamples = Array.from({ length: 16 }, (_, i) => decodedFor(decodedKind, i));
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const entry: OutboxEntry = {
      raw: telegrams[i % telegrams.length]!,
      manufacturer: 'KAM',
      meterId: String(10_000_000 + (i % 1000)),
      version: 0x1b,
      deviceType: 0x16,
      rssiDbm: -70 - (i % 25),
      linkMode: 'C1',
      stickId: 'im871a-0',
      decoded: decodedSamples[i % 16]!,
      decodeStatus: decodedKind === 'none' ? 'KEY_MISSING' : 'ok',
    };
    outbox.enqueue(entry);
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  outbox.flush();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const commits = outbox.stats().commits;
  outbox.close(); // checkpoints the WAL into the main file
  const fileBytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    telegrams: n,
    seconds,
    cpuSeconds,
    commits,
    fileBytes,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    decodedBytes: decodedSamples[0]?.length ?? 0,
  };
}

/** Runs the workload in a child under strace and counts fsync + fdatasync calls; null without strace. */
function countFsyncs(n: number, decodedKind: string): number | null {
  const which = spawnSync('sh', ['-c', 'command -v strace'], { encoding: 'utf8' });
  if (which.status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-strace-'));
  const out = join(dir, 'strace.txt');
  const r = spawnSync(
    'strace',
    ['-f', '-c', '-o', out, '-e', 'trace=fsync,fdatasync', process.execPath, '--import=tsx', '--conditions=wmbus-source', SELF, '--child', '--telegrams', String(n), '--decoded', decodedKind],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0 || !existsSync(out)) {
    console.error(`strace run failed: status ${r.status} ${r.error ?? ''} ${r.stderr.slice(-500)}`);
    return null;
  }
  let calls = 0;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/);
    const name = cols[cols.length - 1];
    if (name === 'fsync' || name === 'fdatasync') calls += Number(cols[3]);
  }
  rmSync(dir, { recursive: true, force: true });
  return calls;
}

/** At the real rate (1,000 meters every 2 min ≈ 8.3/s) for a few seconds: commits per 100 telegrams. */
async function realRate(seconds: number): Promise<{ telegrams: number; commits: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-rate-'));
  const outbox = Outbox.open({ path: join(dir, 'outbox.db'), gatewayId: 'bench' });
  const telegrams = loadTelegrams();
  let n = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    outbox.enqueue({ raw: telegrams[n % telegrams.length]!, decoded: decodedFor('reading', n), decodeStatus: 'ok' });
    n++;
    await new Promise((r) => setTimeout(r, 120));
  }
  outbox.flush();
  const commits = outbox.stats().commits;
  outbox.close();
  rmSync(dir, { recursive: true, force: true });
  return { telegrams: n, commits };
}

const n = Number(arg('telegrams', '1000000'));
const decodedKind = arg('decoded', 'reading');
if (process.argv.includes('--child')) {
  await workload(n, decodedKind);
} else {
  const run = await workload(n, decodedKind);
  const perSecond = Math.round(run.telegrams / run.seconds);
  const bytesPerTelegram = Math.round(run.fileBytes / run.telegrams);
  const straceN = Math.min(n, 200_000);
  const fsyncs = countFsyncs(straceN, decodedKind);
  const fsyncsPer100 = fsyncs === null ? (run.commits / run.telegrams) * 100 : (fsyncs / straceN) * 100;
  const rate = await realRate(Number(arg('rate-seconds', '6')));
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`telegrams: ${run.telegrams} (decoded=${decodedKind}, ${run.decodedBytes} bytes of CBOR each)`);
  console.log(`enqueue + commit: ${run.seconds.toFixed(2)} s = ${perSecond} telegrams/s, ${run.commits} commits (${((run.commits / run.telegrams) * 100).toFixed(3)} per 100)`);
  // Wall time depends on how much CPU the machine really gives (a shared VM may give far less than
  // its cores); CPU time per telegram is the steadier figure to compare across machines.
  console.log(`cpu: ${run.cpuSeconds.toFixed(2)} s = ${((run.cpuSeconds / run.telegrams) * 1e6).toFixed(1)} µs per telegram (${Math.round(run.telegrams / run.cpuSeconds)} telegrams per CPU-second)`);
  console.log(`fsyncs: ${fsyncs === null ? 'strace not installed: estimated from commits' : `${fsyncs} fsync+fdatasync for ${straceN} telegrams (strace -c)`}`);
  console.log(`database: ${run.fileBytes} bytes = ${bytesPerTelegram} bytes/telegram = ${((bytesPerTelegram * 1e6) / 1024 ** 2).toFixed(0)} MiB per million`);
  console.log(`max RSS: ${run.maxRssMb.toFixed(0)} MiB`);
  console.log(`real rate (one telegram per 120 ms): ${rate.telegrams} telegrams, ${rate.commits} commits = ${((rate.commits / rate.telegrams) * 100).toFixed(1)} commits per 100`);
  console.log(`outbox telegrams_per_s=${perSecond} fsyncs_per_100=${fsyncsPer100.toFixed(3)} bytes_per_telegram=${bytesPerTelegram}`);
}
