/**
 * wmbus-agent: the installer's command line.
 *   run --config FILE                     run the agent (sticks → pipeline → outbox → uplink)
 *   scan --config FILE [--seconds N] [--json]   live table of the meters the sticks hear
 *   keys add ID KEY [--manufacturer M] | import FILE.csv | list [--json] | remove ID   (--config FILE or --data-dir DIR)
 *   config check FILE                     validate a config file, every problem at once
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load.js';
import { KeyStore, KeyStoreError } from '../keys/key-store.js';
import { startAgent } from '../agent.js';
import type { HeardMeter } from '../pipeline/pipeline.js';
import { deviceTypeName } from '@wmbus/protocol';
import { enroll, EnrollError } from '../enroll/enroll.js';

const USAGE = `usage:
  wmbus-agent run --config FILE
  wmbus-agent scan --config FILE [--seconds N] [--json]
  wmbus-agent keys add METER_ID KEY [--manufacturer XYZ] (--config FILE | --data-dir DIR)
  wmbus-agent keys import FILE.csv                        (--config FILE | --data-dir DIR)
  wmbus-agent keys list [--json]                          (--config FILE | --data-dir DIR)
  wmbus-agent keys remove METER_ID                        (--config FILE | --data-dir DIR)
  wmbus-agent config check FILE
  wmbus-agent enroll --collector URL --token TOKEN (--config FILE | --gateway-id ID --data-dir DIR)
`;

interface Io {
  stdout: Writable;
  stderr: Writable;
}

export async function runAgentCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await run(rest, io);
      case 'scan':
        return await scan(rest, io);
      case 'keys':
        return keysCommand(rest, io);
      case 'config':
        return configCommand(rest, io);
      case 'enroll':
        return await enrollCommand(rest, io);
      default:
        io.stderr.write(USAGE);
        return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof KeyStoreError || e instanceof EnrollError) {
      io.stderr.write(`${e.message}\n`);
      return 1;
    }
    if (e instanceof TypeError && /parseArgs|option|argument/i.test(e.message)) {
      io.stderr.write(`${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

function configCommand(argv: string[], io: Io): number {
  const [sub, file] = argv;
  if (sub !== 'check' || !file) {
    io.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig(file);
  io.stdout.write(`${file}: ok — gateway ${config.gatewayId}, ${config.sticks.length} stick(s), data in ${config.dataDir}, ${config.uplink ? `uplink ${config.uplink.url}` : 'no uplink (telegrams stay in the outbox)'}\n`);
  return 0;
}

function keyStoreFrom(values: { config?: string; 'data-dir'?: string }): KeyStore {
  const dir = values['data-dir'] ?? (values.config ? loadConfig(values.config).dataDir : undefined);
  if (!dir) throw new KeyStoreError('KEY_FILE', 'give --config FILE or --data-dir DIR');
  return KeyStore.open(join(dir, 'keys.json'));
}

function keysCommand(argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, manufacturer: { type: 'string' }, json: { type: 'boolean' } },
  });
  const store = keyStoreFrom(values);
  switch (sub) {
    case 'add': {
      const [id, key] = positionals;
      if (!id || !key) break;
      const replaced = store.add(id, key, values.manufacturer);
      io.stdout.write(`${replaced ? 'replaced' : 'added'} key for ${id}${values.manufacturer ? ` (${values.manufacturer})` : ''}\n`);
      return 0;
    }
    case 'import': {
      const [file] = positionals;
      if (!file) break;
      const n = store.importCsv(readFileSync(file, 'utf8'));
      io.stdout.write(`imported ${n} key(s); ${store.size} in the key store\n`);
      return 0;
    }
    case 'list': {
      const list = store.list();
      if (values.json) io.stdout.write(JSON.stringify(list, null, 2) + '\n');
      else for (const k of list) io.stdout.write(`${k.id} ${(k.manufacturer ?? '---').padEnd(3)} AES-${k.bits} fingerprint ${k.fingerprint} added ${k.added}\n`);
      return 0;
    }
    case 'remove': {
      const [id] = positionals;
      if (!id) break;
      io.stdout.write(store.remove(id, values.manufacturer) ? `removed key for ${id}\n` : `no key for ${id}\n`);
      return 0;
    }
  }
  io.stderr.write(USAGE);
  return 2;
}

async function enrollCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { collector: { type: 'string' }, token: { type: 'string' }, config: { type: 'string' }, 'gateway-id': { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const config = values.config ? loadConfig(values.config) : undefined;
  const gatewayId = values['gateway-id'] ?? config?.gatewayId;
  const dataDir = values['data-dir'] ?? config?.dataDir;
  if (!values.collector || !values.token || !gatewayId || !dataDir) {
    io.stderr.write(USAGE);
    return 2;
  }
  const r = await enroll({ collectorUrl: values.collector, token: values.token, gatewayId, dataDir });
  io.stdout.write(`enrolled ${gatewayId}: key ${r.keyFile} (stays on this gateway), certificate ${r.certFile}\n`);
  io.stdout.write(`uplink block for the config:\nuplink:\n  url: ${r.mqttUrl ?? 'mqtts://COLLECTOR:8883'}\n  tls:\n    key: ${r.keyFile}\n    cert: ${r.certFile}\n    ca: ${r.caFile}\n`);
  return 0;
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } } });
  if (!values.config) {
    io.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig(values.config);
  const agent = await startAgent(config);
  agent.on('stick-ready', (_stick, info) => io.stdout.write(`stick ready: ${info.model ?? ''} ${info.firmware ?? ''} link modes ${info.linkModes.join('+')}\n`));
  agent.on('stick-failure', (e: Error) => io.stderr.write(`stick: ${e.message}\n`));
  agent.on('pipeline-error', (e: Error) => io.stderr.write(`pipeline: ${e.message}\n`));
  agent.uplink?.on('connect', () => io.stdout.write(`uplink connected to ${config.uplink!.url}\n`));
  agent.uplink?.on('disconnect', () => io.stdout.write('uplink disconnected; telegrams wait in the outbox\n'));
  sdNotify('READY=1');
  const watchdog = watchdogInterval();
  const ping = watchdog ? setInterval(() => sdNotify('WATCHDOG=1'), watchdog) : undefined;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  sdNotify('STOPPING=1');
  clearInterval(ping);
  await agent.stop();
  return 0;
}

async function scan(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, seconds: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.config) {
    io.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig(values.config);
  // A scan must not touch the real outbox: it runs against a throw-away one, with the real keys.
  const scratch = mkdtempSync(join(tmpdir(), 'wmbus-scan-'));
  const keysFile = join(config.dataDir, 'keys.json');
  const agent = await startAgent(
    { ...config, dataDir: scratch, uplink: undefined, pipeline: { ...config.pipeline, filters: { ...config.pipeline.filters, unknownMeters: 'keep' } } },
    { keysFile },
  );
  const seconds = Number(values.seconds ?? (values.json ? 60 : 0));
  const live = !values.json && (io.stdout as NodeJS.WriteStream).isTTY;
  const draw = () => {
    if (live) io.stdout.write('\x1b[2J\x1b[H');
    io.stdout.write(scanTable([...agent.pipeline.heard.values()]));
  };
  const timer = values.json ? undefined : setInterval(draw, 1000);
  await new Promise<void>((resolve) => {
    if (seconds > 0) setTimeout(resolve, seconds * 1000);
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  const heard = [...agent.pipeline.heard.values()];
  await agent.stop();
  rmSync(scratch, { recursive: true, force: true });
  if (values.json) io.stdout.write(JSON.stringify(heard, null, 2) + '\n');
  else draw();
  return 0;
}

export function scanTable(rows: HeardMeter[]): string {
  const header = 'id        mfct ver type                  rssi  count enc key  driver       last value         status';
  const lines = rows
    .sort((a, b) => b.count - a.count)
    .map((m) =>
      [
        m.id.padEnd(9),
        m.manufacturer.padEnd(4),
        m.version.toString(16).padStart(2, '0').padEnd(3),
        deviceTypeName(m.deviceType).slice(0, 21).padEnd(21),
        (m.rssiDbm === null ? '' : m.rssiDbm.toFixed(0)).padStart(5),
        String(m.count).padStart(6),
        (m.encrypted ? 'yes' : 'no').padEnd(3),
        (m.encrypted ? (m.keyKnown ? 'yes' : 'NO') : '-').padEnd(4),
        (m.driver ?? '').padEnd(12),
        (m.lastValue ?? '').padEnd(18),
        m.lastStatus,
      ].join(' '),
    );
  return [header, ...lines].join('\n') + '\n';
}

/** systemd notification (Type=notify): through systemd-notify, only when NOTIFY_SOCKET is set. */
function sdNotify(state: string): void {
  if (!process.env.NOTIFY_SOCKET) return;
  import('node:child_process').then(({ spawn }) => spawn('systemd-notify', [`--pid=${process.pid}`, state], { stdio: 'ignore' }).on('error', () => undefined));
}

function watchdogInterval(): number | undefined {
  const usec = Number(process.env.WATCHDOG_USEC);
  return Number.isFinite(usec) && usec > 0 ? Math.max(1000, usec / 2000) : undefined;
}
