/**
 * npm run bench:agent [-- --seconds N]: an emulated iM871A at full rate through the real agent path —
 * serialport (mock binding) → HCI framing → stick driver → duplicate removal → filters → decrypt/decode/
 * drivers → SQLite outbox with group commits — for N seconds (default 15). The emulator replays the
 * benchmark mix (fixtures/bench-mix.tsv, keys provisioned) as fast as the port takes it. The duplicate
 * window is 0 here because the mix repeats the same ten telegrams; with a window they would all be
 * (correctly) dropped as repeats.
 * `--rate N` offers N telegrams/s instead of full speed (memory at a sustained rate).
 * It runs from the service bundle (dist/bundle/bench-agent.cjs, built with wmbus-agent.cjs by
 * tools/build-bundle.ts), with the Environment= of systemd/wmbus-agent.service (V8 flags, malloc tuning) and
 * the module graph of `wmbus-agent run` loaded, so rss_mb is the service's. rss_mb is the peak RSS sampled
 * every 200 ms, in MiB (2^20 bytes, as ps and top count); context lines give, at that peak, RSS by kind of
 * mapping and PSS/USS (Linux only). A second phase then lets the disk refuse commits until the outbox's
 * in-memory backlog is full (`backlog` line: its heap and RSS, and that nothing was lost once the disk took
 * writes again); it proves the unit's heap limit holds that backlog. A third phase sends everything stored to
 * an MQTT broker (BENCH_MQTT_URL, default the local mqtt://127.0.0.1:1883) with the example config's uplink
 * settings, as a gateway drains its backlog after an outage (`uplink` line: time, heap and RSS; skipped when
 * no broker answers).
 * Last line: `agent telegrams_per_s=N rss_mb=N fsyncs_per_100=N` (from the first phase).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import Database from 'better-sqlite3';
// The module graph of `wmbus-agent run` (config, uplink, CLI), resident in the service whether or not this
// bench calls into it; only then is the RSS figure the service's. Re-exported so that the bundler keeps all
// of it (it drops code nothing refers to).
export { runAgentCli } from '../cli/commands.js';
import { parseConfig } from '../config/load.js';
import { Outbox } from '../store/index.js';
import { MqttUplink } from '../uplink/mqtt-uplink.js';
import { KeyStore } from '../keys/key-store.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { StickDriver } from '../sticks/stick-driver.js';
import { STICKS } from '../sticks/registry.js';
import { emulatedStick } from '../emulated-stick.js';
import { fromHex } from '@wmbus/protocol';
import { agentUnitEnvironment } from './service-environment.js';

const serviceEnv = agentUnitEnvironment();
// NODE_OPTIONS and MALLOC_* are read when the process starts, so the bench runs itself again with them.
const asService = process.env.WMBUS_BENCH_AS_SERVICE === '1';
if (!asService) {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ...serviceEnv, WMBUS_BENCH_AS_SERVICE: '1' },
  });
  process.exit(child.status ?? 1);
}

/** Rss/Pss/Private (USS) of this process in kB from /proc/self/smaps_rollup (Linux); empty elsewhere. */
function smapsRollup(): Record<string, number> {
  try {
    const out: Record<string, number> = {};
    for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+) kB/.exec(line);
      if (m) out[m[1]!] = Number(m[2]);
    }
    return out;
  } catch {
    return {};
  }
}

/**
 * Resident kB by kind of mapping (/proc/self/smaps): the node binary's own file pages, other files (shared
 * libraries, the SQLite addon), glibc's main malloc arena ([heap]) and anonymous memory, of which V8's heap
 * is the part v8.getHeapStatistics() reports as physical (the rest: other arenas, thread stacks, big mallocs).
 */
function rssByMapping(): Record<string, number> {
  const out = { node_binary: 0, other_files: 0, malloc_heap: 0, anon: 0, v8_heap: Math.round(getHeapStatistics().total_physical_size / 1024) };
  try {
    let kind: keyof typeof out = 'anon';
    for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) {
        const name = head[1]!;
        kind = name === process.execPath ? 'node_binary' : name === '[heap]' ? 'malloc_heap' : name.startsWith('/') ? 'other_files' : 'anon';
      } else if (line.startsWith('Rss:')) out[kind] += Number(/(\d+)/.exec(line)![1]);
    }
  } catch {
    return {};
  }
  return out;
}

/** Peak RSS and heap used of this process, sampled every intervalMs until stop(). */
function samplePeaks(intervalMs: number): { stop(): { rss: number; heapUsed: number } } {
  let rss = 0;
  let heapUsed = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heapUsed = Math.max(heapUsed, m.heapUsed);
  }, intervalMs);
  return { stop: () => (clearInterval(timer), { rss, heapUsed }) };
}

// No top-level await: this file is bundled as CommonJS with the service (tools/build-bundle.ts).
async function bench(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, rate: { type: 'string', default: '0' } } });
  /** Telegrams per second to offer; 0 = as fast as the agent takes them. */
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const mixFile = fileURLToPath(new URL('../../../fixtures/bench-mix.tsv', import.meta.url));
  const mix = readFileSync(mixFile, 'utf8').trim().split('\n').map((l) => l.split('\t'));

  const dir = mkdtempSync(join(tmpdir(), 'wmbus-bench-agent-'));
  // The service parses and validates its config at start; the example config's outbox settings apply here.
  const config = parseConfig(readFileSync(fileURLToPath(new URL('../../config.example.yaml', import.meta.url)), 'utf8'), 'config.example.yaml');
  const outbox = Outbox.open({
    path: join(dir, 'outbox.db'),
    gatewayId: 'bench',
    commitIntervalMs: config.outbox.commitIntervalMs,
    maxBytes: config.outbox.maxBytes,
    maxAgeMs: config.outbox.maxAgeDays * 86_400_000,
    maxBacklogRows: config.outbox.maxBacklogRows,
  });
  const keys = KeyStore.open(join(dir, 'keys.json'));
  for (const [, id, key] of mix) if (key && key !== 'NOKEY') keys.add(id!, key);
  const pipeline = new Pipeline({ outbox, keys: Object.assign((id: string, m: string) => keys.lookup(id, m), { has: (id: string) => keys.has(id) }), dedupeWindowMs: 0 });

  const stick = emulatedStick('im871a', STICKS.im871a.baudRate);
  const driver = new StickDriver({ protocol: STICKS.im871a.protocol, open: stick.open, stickId: 'bench', silenceTimeoutMs: 0 });
  let stored = 0;
  driver.on('telegram', (t) => {
    if (pipeline.handle(t) === 'stored') stored++;
  });
  await driver.start();

  // The stick's indication frames are built once (the mix repeats) and a burst goes to the port in one write,
  // as a UART FIFO delivers it. Replaying telegram by telegram made serialport's mock binding concatenate its
  // whole pending input on every frame (quadratic: ~100 MB/s of garbage Buffers) — emulator memory, not the
  // agent's, yet counted in this process's RSS.
  const frames = mix.map((m) => stick.emulator.model.indication(fromHex(m[3]!), 0xa5));
  // Rounds of the mix per burst (50 at full rate: the mock port then delivers large chunks; 10 when paced).
  const rounds = rate > 0 ? 10 : 50;
  const burst = Buffer.concat(Array.from({ length: rounds }, () => frames).flat());
  const perBurst = rounds * frames.length;
  let running = true;
  let peakRss = 0;
  let peakHeap = 0;
  let peakRollup: Record<string, number> = {};
  let peakMappings: Record<string, number> = {};
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) {
      peakRss = m.rss;
      peakRollup = smapsRollup();
      peakMappings = rssByMapping();
    }
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 200);
  // Flow control as a UART gives it: the next burst goes out once the host has taken the previous one, so
  // the memory figure is the agent's, not a queue of bytes the emulator wrote ahead.
  let sent = 0;
  const feed = async (done: () => boolean) => {
    const feedStart = performance.now();
    let sentHere = 0;
    while (!done()) {
      await stick.emulator.send(burst);
      sent += perBurst;
      sentHere += perBurst;
      while (!done() && driver.counters.telegrams < sent) await new Promise((r) => setImmediate(r));
      // Paced on a schedule from the start, so processing time does not lower the offered rate.
      if (rate > 0) await new Promise((r) => setTimeout(r, Math.max(0, feedStart + (1000 * sentHere) / rate - performance.now())));
    }
  };
  const feeding = feed(() => !running);

  const commitsBefore = outbox.stats().commits;
  const started = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  running = false;
  await feeding;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const storedAtEnd = stored;
  outbox.flush();
  const s = outbox.stats();
  const commits = s.commits - commitsBefore;
  clearInterval(sampler);

  // Backlog phase: the disk refuses every commit (a trigger set from a second connection, as a full or
  // failing disk would) while the stick keeps sending, until the outbox's in-memory backlog is full and it
  // refuses telegrams. The agent must live through that under the unit's V8 heap limit and commit the
  // whole backlog once the disk takes writes again.
  const admin = new Database(join(dir, 'outbox.db'));
  admin.exec("CREATE TRIGGER bench_refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'bench: the disk refuses'); END");
  let refused = 0;
  pipeline.on('error', () => refused++);
  const storedBefore = stored;
  const backlogSampler = samplePeaks(200);
  const backlogDeadline = performance.now() + 120_000;
  await feed(() => refused > 0 || performance.now() > backlogDeadline);
  const backlogPeakRss = backlogSampler.stop().rss;
  const backlogRows = outbox.stats().buffered;
  const heapAtFullBacklog = process.memoryUsage().heapUsed;
  admin.exec('DROP TRIGGER bench_refuse');
  admin.close();
  outbox.flush();
  const lostFromBacklog = stored - storedBefore - (outbox.stats().telegramsCommitted - s.telegramsCommitted);

  // Uplink phase: the whole outbox to a broker, the pace set by its acknowledgements.
  const brokerUrl = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  const backlogToSend = outbox.pendingCount();
  const settings = config.uplink ? { batchRows: config.uplink.batchRows, batchDelayMs: config.uplink.batchDelayMs, window: config.uplink.window } : {};
  const uplink = new MqttUplink({ url: brokerUrl, gatewayId: 'bench', outbox, ...settings });
  const uplinkSampler = samplePeaks(100);
  const uplinkStarted = performance.now();
  uplink.start();
  const connected = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5_000);
    uplink.once('connect', () => (clearTimeout(timer), resolve(true)));
  });
  while (connected && outbox.pendingCount() > 0 && performance.now() - uplinkStarted < 300_000) await new Promise((r) => setTimeout(r, 20));
  const uplinkSeconds = (performance.now() - uplinkStarted) / 1000;
  const uplinkPeaks = uplinkSampler.stop();
  await uplink.stop();
  const drained = backlogToSend - outbox.pendingCount();
  const uplinkLine = connected
    ? `uplink drained ${drained} of ${backlogToSend} telegrams to ${brokerUrl} in ${uplinkSeconds.toFixed(1)} s (${Math.round(drained / uplinkSeconds)}/s), peak heap_used_mb=${(uplinkPeaks.heapUsed / 1048576).toFixed(1)} rss_mb=${(uplinkPeaks.rss / 1048576).toFixed(1)}`
    : `uplink skipped: no broker answered at ${brokerUrl}`;

  await driver.stop();
  outbox.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`stick frames_ok=${driver.counters.framesOk} discarded_bytes=${driver.counters.discardedBytes} checksum_errors=${driver.counters.checksumErrors}`);
  console.log(`pipeline decoded=${pipeline.counters.decoded} undecoded=${JSON.stringify(pipeline.counters.undecoded)} stored=${storedAtEnd} committed=${s.telegramsCommitted} commits=${commits}`);
  console.log(`service_env ${Object.entries(serviceEnv).map(([k, v]) => `${k}="${v}"`).join(' ')}`);
  console.log(`node=${process.version} seconds=${elapsed.toFixed(1)} peak_heap_mb=${(peakHeap / 1048576).toFixed(1)}`);
  if (peakRollup.Rss !== undefined) {
    // At the RSS peak: PSS shares the node binary's file pages with other processes mapping it; USS
    // (private pages) is what this process alone costs; file-backed is mostly the node binary's own code.
    const mb = (kb: number | undefined) => ((kb ?? 0) / 1024).toFixed(1);
    const uss = (peakRollup.Private_Clean ?? 0) + (peakRollup.Private_Dirty ?? 0);
    const file = (peakRollup.Rss ?? 0) - (peakRollup.Anonymous ?? 0);
    console.log(`rss_at_peak_by_mapping_mb ${Object.entries(peakMappings).map(([k, v]) => `${k}=${mb(v)}`).join(' ')}`);
    console.log(`memory_at_peak pss_mb=${mb(peakRollup.Pss)} uss_mb=${mb(uss)} anon_mb=${mb(peakRollup.Anonymous)} file_backed_mb=${mb(file)}`);
  }
  console.log(
    `backlog disk_refusing: ${backlogRows} telegrams held in memory when the outbox refused more, heap_used_mb=${(heapAtFullBacklog / 1048576).toFixed(1)} rss_mb=${(backlogPeakRss / 1048576).toFixed(1)}; after the disk recovered lost=${lostFromBacklog}`,
  );
  console.log(uplinkLine);
  console.log(`agent telegrams_per_s=${Math.round(storedAtEnd / elapsed)} rss_mb=${(peakRss / 1048576).toFixed(1)} fsyncs_per_100=${((100 * commits) / Math.max(1, s.telegramsCommitted)).toFixed(2)}`);
}

if (asService) void bench();
