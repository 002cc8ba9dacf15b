/**
 * wmbus-collector: the operator's command line.
 *   serve [--data-dir DIR] [--http-host H] [--http-port N] [--mqtts-port N] [--public-host NAME]
 *   gateway add NAME [--data-dir DIR] [--hours N]     one-time enrollment token for a gateway
 *   apikey create --role admin|billing [--name N] [--data-dir DIR]
 *   apikey list | revoke ID [--data-dir DIR]
 */
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ApiKeys, API_ROLES, type ApiRole } from '../http/api-keys.js';
import { EnrollmentTokens, JsonFileTokenStore, PkiError } from '../pki/index.js';
import { startCollector } from '../server.js';
import { mkdirSync } from 'node:fs';

const USAGE = `usage:
  wmbus-collector serve [--data-dir DIR] [--http-host H] [--http-port N] [--mqtts-port N] [--public-host NAME]
  wmbus-collector gateway add GATEWAY_ID [--hours 24] [--data-dir DIR]
  wmbus-collector apikey create --role admin|billing [--name NAME] [--data-dir DIR]
  wmbus-collector apikey list [--data-dir DIR]
  wmbus-collector apikey revoke ID [--data-dir DIR]
`;
const DEFAULT_DATA_DIR = '/var/lib/wmbus-collector';

interface Io {
  stdout: Writable;
  stderr: Writable;
}

export async function runCollectorCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await serve(rest, io);
    if (command === 'gateway') return gateway(rest, io);
    if (command === 'apikey') return apikey(rest, io);
  } catch (e) {
    if (e instanceof PkiError || (e instanceof TypeError && /argument|option/i.test(e.message))) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  io.stderr.write(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

function gateway(argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'data-dir': { type: 'string' }, hours: { type: 'string' } } });
  if (sub !== 'add' || !positionals[0]) {
    io.stderr.write(USAGE);
    return 2;
  }
  const dir = join(values['data-dir'] ?? DEFAULT_DATA_DIR, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tokens = new EnrollmentTokens({ store: new JsonFileTokenStore(join(dir, 'enrollment-tokens.json')) });
  const t = tokens.issue(positionals[0], Number(values.hours ?? 24) * 3_600_000);
  io.stdout.write(`${t.token}\n`);
  io.stderr.write(`one-time token for gateway ${positionals[0]}, valid until ${new Date(t.expiresAt).toISOString()}\non the gateway: wmbus-agent enroll --collector https://COLLECTOR --token ${t.token} --config /etc/wmbus-agent/config.yaml\n`);
  return 0;
}

function apikey(argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'data-dir': { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
  const keys = ApiKeys.open(join(values['data-dir'] ?? DEFAULT_DATA_DIR, 'api-keys.json'));
  if (sub === 'create') {
    if (!API_ROLES.includes(values.role as ApiRole)) {
      io.stderr.write(`--role must be one of ${API_ROLES.join(', ')}\n`);
      return 2;
    }
    const k = keys.create(values.role as ApiRole, values.name);
    io.stdout.write(`${k.key}\n`);
    io.stderr.write(`API key ${k.id} (${values.role}) created; it is shown only now. Use it as: Authorization: Bearer <key>\n`);
    return 0;
  }
  if (sub === 'list') {
    for (const k of keys.list()) io.stdout.write(`${k.id} ${k.role.padEnd(7)} ${k.name} ${k.createdAt}\n`);
    return 0;
  }
  if (sub === 'revoke' && positionals[0]) {
    io.stdout.write(keys.revoke(positionals[0]) ? `revoked ${positionals[0]}\n` : `no key ${positionals[0]}\n`);
    return 0;
  }
  io.stderr.write(USAGE);
  return 2;
}

async function serve(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, 'http-host': { type: 'string' }, 'http-port': { type: 'string' }, 'mqtts-port': { type: 'string' }, 'public-host': { type: 'string' } },
  });
  const collector = await startCollector({
    dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
    http: { host: values['http-host'] ?? '127.0.0.1', port: Number(values['http-port'] ?? 8080) },
    mqtts: { port: Number(values['mqtts-port'] ?? 8883) },
    ...(values['public-host'] ? { publicHost: values['public-host'] } : {}),
    logger: true,
  });
  io.stdout.write(`collector: HTTP ${collector.httpUrl} (OpenAPI at /docs), MQTT ${collector.mqttsUrl}\n`);
  notify('READY=1');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  notify('STOPPING=1');
  await collector.close();
  return 0;
}

function notify(state: string): void {
  if (!process.env.NOTIFY_SOCKET) return;
  void import('node:child_process').then(({ spawn }) => spawn('systemd-notify', [`--pid=${process.pid}`, state], { stdio: 'ignore' }).on('error', () => undefined));
}
