/**
 * The agent's composition root: config → outbox, key store, sticks, pipeline, uplink. No parsing or
 * protocol logic lives here; it only wires the parts and owns their lifecycle.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_REGISTRY, type CommandPayload } from '@wmbus/protocol';
import type { AgentConfig, StickConfig } from './config/schema.js';
import { KeyStore } from './keys/key-store.js';
import { Outbox } from './store/index.js';
import { Pipeline } from './pipeline/pipeline.js';
import { StickDriver } from './sticks/stick-driver.js';
import { STICKS } from './sticks/registry.js';
import { serialLink, childProcessLink, type LinkOpener } from './transport/binding.js';
import { MqttUplink } from './uplink/mqtt-uplink.js';
import { WiredMaster } from './wired/master.js';
import { emulatedStick, loadFixtureTelegrams, type EmulatedStick } from './emulated-stick.js';

export class AgentCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RunningAgent extends EventEmitter {
  readonly config: AgentConfig;
  readonly outbox: Outbox;
  readonly keys: KeyStore;
  readonly pipeline: Pipeline;
  readonly sticks: StickDriver[];
  readonly wired: WiredMaster[];
  readonly uplink: MqttUplink | undefined;
  stop(): Promise<void>;
}

function stickOpener(s: StickConfig, emulated: Map<string, EmulatedStick>): LinkOpener {
  const baudRate = s.baudRate ?? STICKS[s.kind].baudRate;
  if (s.emulate) {
    const e = emulatedStick(s.kind, baudRate);
    emulated.set(s.id, e);
    return e.open;
  }
  if (s.command) return childProcessLink('/bin/sh', ['-c', s.command]);
  return serialLink({ path: s.port!, baudRate });
}

export interface StartOptions {
  /** Where emulated sticks find their fixtures folder (default: the working directory). */
  fixturesRoot?: string;
  /** Key file to use instead of <dataDir>/keys.json (the scan command reads the real keys from a scratch dir). */
  keysFile?: string;
}

export async function startAgent(config: AgentConfig, options: StartOptions = {}): Promise<RunningAgent> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const outbox = Outbox.open({
    path: join(config.dataDir, 'outbox.db'),
    gatewayId: config.gatewayId,
    commitIntervalMs: config.outbox.commitIntervalMs,
    maxBytes: config.outbox.maxBytes,
    maxAgeMs: config.outbox.maxAgeDays * 86_400_000,
    maxBacklogRows: config.outbox.maxBacklogRows,
  });
  const keys = KeyStore.open(options.keysFile ?? join(config.dataDir, 'keys.json'));
  const formatsFile = join(config.dataDir, 'compact-formats.json');
  const formats = DEFAULT_REGISTRY.compactFormatStore();
  if (existsSync(formatsFile)) {
    for (const list of Object.values(JSON.parse(readFileSync(formatsFile, 'utf8')) as Record<string, string[]>)) for (const f of list) formats.learn(Buffer.from(f, 'hex'));
  }
  const lookup = Object.assign((id: string, m: string) => keys.lookup(id, m), { has: (id: string) => keys.has(id) });
  const pipeline = new Pipeline({ outbox, keys: lookup, filters: config.pipeline.filters, dedupeWindowMs: config.pipeline.dedupeWindowSeconds * 1000, formats });

  const emulated = new Map<string, EmulatedStick>();
  const sticks = config.sticks.map(
    (s) =>
      new StickDriver({
        protocol: STICKS[s.kind].protocol,
        open: stickOpener(s, emulated),
        stickId: s.id,
        linkModes: s.linkModes,
        silenceTimeoutMs: s.silenceTimeoutSeconds * 1000,
      }),
  );
  const agent = new EventEmitter() as RunningAgent;
  for (const stick of sticks) {
    stick.on('telegram', (t) => pipeline.handle(t));
    stick.on('failure', (e) => agent.emit('stick-failure', e));
    stick.on('ready', (info) => agent.emit('stick-ready', stick, info));
  }
  pipeline.on('error', (e) => agent.emit('pipeline-error', e));
  const wired = config.wired.map((w) => {
    const master = new WiredMaster({
      open: serialLink({ path: w.port, baudRate: w.baudRate, dataBits: 8, parity: w.parity, stopBits: 1 }),
      busId: w.id,
      baudRate: w.baudRate,
      retries: w.retries,
      pollIntervalMs: w.pollIntervalSeconds * 1000,
      meters: w.meters.map((m) => ({
        ...(m.name ? { name: m.name } : {}),
        ...(m.primaryAddress !== undefined ? { primaryAddress: m.primaryAddress } : {}),
        ...(m.secondaryAddress ? { secondaryAddress: { id: m.secondaryAddress.toUpperCase(), ...(m.manufacturer ? { manufacturer: m.manufacturer.toUpperCase() } : {}) } } : {}),
      })),
    });
    master.on('telegram', (t) => pipeline.handle(t));
    master.on('failure', (e) => agent.emit('wired-failure', e));
    return master;
  });

  const onCommand = async (c: CommandPayload): Promise<void> => {
    if (c.type === 'add-key') {
      keys.add(c.meter.id, Buffer.from(c.key).toString('hex'), c.meter.manufacturer);
      pipeline.redecode(c.meter.id);
    } else if (c.type === 'remove-key') keys.remove(c.meter.id, c.meter.manufacturer);
    else throw new AgentCommandError('COMMAND_UNSUPPORTED', `${c.type} is not supported by this agent version`);
  };
  const uplink = config.uplink
    ? new MqttUplink({
        url: config.uplink.url,
        gatewayId: config.gatewayId,
        outbox,
        ...(config.uplink.tls
          ? { tls: { key: readFileSync(config.uplink.tls.key, 'utf8'), cert: readFileSync(config.uplink.tls.cert, 'utf8'), ca: readFileSync(config.uplink.tls.ca, 'utf8') } }
          : {}),
        ...(config.uplink.username ? { username: config.uplink.username, password: config.uplink.password ?? '' } : {}),
        batchRows: config.uplink.batchRows,
        batchDelayMs: config.uplink.batchDelayMs,
        window: config.uplink.window,
        statsIntervalMs: config.uplink.statsIntervalSeconds * 1000,
        dataDir: config.dataDir,
        onCommand,
        stats: () => ({
          counters: flatten({ pipeline: pipeline.counters, sticks: Object.fromEntries(sticks.map((s, i) => [config.sticks[i]!.id, s.counters])) }),
          sticks: sticks.map((s, i) => ({ id: config.sticks[i]!.id, state: s.info ? 'ok' : 'opening', ...(s.info ? { linkModes: s.info.linkModes.filter((m) => /^(S1|S1m|S2|T1|T2|C1|C2|R2|N1|N2|F2)$/.test(m)) } : {}) })) as never,
        }),
      })
    : undefined;

  Object.assign(agent, { config, outbox, keys, pipeline, sticks, wired, uplink });
  for (const master of wired) master.start().catch((e) => agent.emit('wired-failure', e));
  uplink?.start();
  for (const stick of sticks) {
    stick.start().catch((e) => agent.emit('stick-failure', e));
  }
  for (const [id, e] of emulated) {
    const s = config.sticks.find((x) => x.id === id)!;
    const telegrams = loadFixtureTelegrams(resolve(options.fixturesRoot ?? '.', s.emulate!.fixtures));
    sticks[config.sticks.indexOf(s)]!.once('ready', () => void e.run(telegrams.map((t) => t.hex), s.emulate!.telegramsPerSecond, s.emulate!.loop));
  }
  const saveFormats = () => {
    const tmp = `${formatsFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(formats.toJSON()), { mode: 0o600 });
    renameSync(tmp, formatsFile);
  };
  const formatTimer = setInterval(saveFormats, 60_000);
  agent.stop = async () => {
    clearInterval(formatTimer);
    for (const e of emulated.values()) e.stop();
    await Promise.all([...sticks.map((s) => s.stop()), ...wired.map((w) => w.stop())]);
    await uplink?.stop();
    saveFormats();
    outbox.close();
  };
  return agent;
}

function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, number> = {}): Record<string, number> {
  for (const [k, v] of Object.entries(obj)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) out[name] = v;
    else if (v && typeof v === 'object') flatten(v as Record<string, unknown>, name, out);
  }
  return out;
}

