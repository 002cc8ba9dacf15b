/**
 * Shared pieces of the end-to-end tests (collector/test/e2e, agent/test/e2e): free ports, temp dirs,
 * agent configs, child-process runners, and read-only looks into the agent outbox and the collector database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = join(ROOT, 'fixtures', 'telegrams');

export function tempDir(t: { teardown(fn: () => void): void }, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wmbus-e2e-${prefix}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A port that was free a moment ago (for a process that must come back on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value; fails with `what` after `ms`. */
export async function waitFor<T>(check: () => T | Promise<T>, ms: number, what: string, everyMs = 50): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface AgentYaml {
  gatewayId: string;
  dataDir: string;
  url: string;
  tls?: { key: string; cert: string; ca: string };
  username?: string;
  password?: string;
  /** Emulated iM871A replaying the fixtures at this rate; none when omitted (the agent only drains its outbox). */
  rate?: number;
  batchRows?: number;
  batchDelayMs?: number;
}

/** An agent config as an installer writes it (YAML), for parseConfig or the runner. */
export function agentYaml(o: AgentYaml): string {
  return [
    'version: 1',
    `gatewayId: ${o.gatewayId}`,
    `dataDir: ${o.dataDir}`,
    o.rate
      ? `sticks:\n  - id: emulated-im871a\n    kind: im871a\n    emulate: { fixtures: ${FIXTURES}, telegramsPerSecond: ${o.rate}, loop: true }`
      : 'sticks: []',
    // No agent-side dedupe: every replayed telegram is a row, so the stream never pauses between loops.
    'pipeline: { dedupeWindowSeconds: 0 }',
    'outbox: { commitIntervalMs: 50 }',
    'uplink:',
    `  url: ${o.url}`,
    o.tls ? `  tls: { key: ${o.tls.key}, cert: ${o.tls.cert}, ca: ${o.tls.ca} }` : '',
    o.username ? `  username: ${o.username}\n  password: ${o.password ?? ''}` : '',
    `  batchRows: ${o.batchRows ?? 50}`,
    `  batchDelayMs: ${o.batchDelayMs ?? 100}`,
    '  statsIntervalSeconds: 5',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export interface Child {
  proc: ChildProcess;
  /** Lines the child printed so far. */
  lines: string[];
  /** Resolves with the first line that parses as JSON with `key`. */
  json<T = Record<string, unknown>>(key: string, ms?: number): Promise<T>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs a TypeScript runner script as a child process (tsx, source conditions), like a real deployment would. */
export function runChild(t: { teardown(fn: () => void | Promise<void>): void }, script: string, args: string[]): Child {
  const proc = spawn(process.execPath, ['--import=tsx', '--conditions=wmbus-source', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const child: Child = {
    proc,
    lines,
    async json<T>(key: string, ms = 20_000): Promise<T> {
      return (await waitFor(
        () => {
          if (proc.exitCode !== null) throw new Error(`${script} exited with ${proc.exitCode}: ${stderr}`);
          for (const l of lines) {
            try {
              const v = JSON.parse(l) as Record<string, unknown>;
              if (key in v) return v as T;
            } catch {
              // not a JSON line
            }
          }
          return undefined;
        },
        ms,
        `${key} from ${script}`,
      )) as T;
    },
    async kill(signal = 'SIGKILL') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
  t.teardown(() => child.kill());
  return child;
}

/** Every committed outbox row of an agent (opened read-only; the agent may be dead or alive). */
export function outboxRows(dataDir: string): { seq: number; sent: boolean }[] {
  const db = new Database(join(dataDir, 'outbox.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT seq, sent_at FROM outbox ORDER BY seq').all() as { seq: number; sent_at: number | null }[]).map((r) => ({ seq: r.seq, sent: r.sent_at !== null }));
  } finally {
    db.close();
  }
}

export interface CollectorView {
  /** seq → how many raw telegrams of the gateway carry it. */
  seqs: Map<number, number>;
  readings: number;
  /** (meter, dedupe key) pairs with more than one reading: a transmission stored twice. */
  duplicateReadings: number;
  /** Decoded raw telegrams without a reading. */
  orphans: number;
}

/** What the collector database holds for a gateway (read-only; the collector may be dead or alive). */
export function collectorView(collectorDataDir: string, gatewayId: string): CollectorView {
  const db = new Database(join(collectorDataDir, 'collector.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const seqs = new Map<number, number>();
    for (const r of db.prepare('SELECT seq, count(*) AS n FROM raw_telegrams WHERE gateway_id = ? GROUP BY seq').all(gatewayId) as { seq: number; n: number }[]) seqs.set(r.seq, r.n);
    const readings = (db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
    const duplicateReadings = (db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM readings GROUP BY meter, dedupe_key HAVING count(*) > 1)').get() as { n: number }).n;
    const orphans = (db.prepare("SELECT count(*) AS n FROM raw_telegrams WHERE decode_status = 'ok' AND reading IS NULL").get() as { n: number }).n;
    return { seqs, readings, duplicateReadings, orphans };
  } finally {
    db.close();
  }
}

/** Writes `text` to <dir>/<name> and returns the path. */
export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** The meter keys of the fixture telegrams, by link address (as a billing company gets them from the supplier). */
export async function fixtureKeys(): Promise<{ manufacturer: string; id: string; key: Buffer }[]> {
  const { loadFixtureTelegrams } = await import('@wmbus/agent');
  const keys = new Map<string, { manufacturer: string; id: string; key: Buffer }>();
  for (const f of loadFixtureTelegrams(FIXTURES)) {
    if (!f.key || f.key.length !== 32) continue;
    const b = Buffer.from(f.hex, 'hex');
    const m = b[2]! | (b[3]! << 8);
    const manufacturer = String.fromCharCode(((m >> 10) & 31) + 64, ((m >> 5) & 31) + 64, (m & 31) + 64);
    const id = [...b.subarray(4, 8)].reverse().map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
    keys.set(`${manufacturer}:${id}`, { manufacturer, id, key: Buffer.from(f.key, 'hex') });
  }
  return [...keys.values()];
}
