import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { WmbusError, isWmbusError } from '../errors.js';
import { fromHex, toHex } from '../util/hex.js';
import { decodeTelegram, type DecodedTelegram } from '../wmbus/decode.js';
import { stringifyDecoded } from '../wmbus/to-json.js';
import { explainTelegram } from '../wmbus/explain.js';
import { replayFixtures } from './replay.js';
import { interpret } from '../meters/interpret.js';
import { DEFAULT_REGISTRY } from '../meters/registry.js';

const USAGE = `usage:
  wmbus decode [--key HEX] [--explain] HEX   decode one telegram (wireless with or without CRCs, or wired)
  wmbus decode --jsonl                       read {"hex","key"} lines on stdin, answer one JSON line each
  wmbus replay [PATH]                        decode the fixture telegrams under PATH (default fixtures/telegrams)
  wmbus drivers [--json]                     list the meter drivers and what they detect
`;

export function parseKey(text: string | null | undefined): Uint8Array | null {
  if (text === undefined || text === null || text === '' || text.toUpperCase() === 'NOKEY') return null;
  const key = fromHex(text);
  // 16 bytes AES-128; 8 bytes DES for legacy security mode 2.
  if (key.length !== 16 && key.length !== 8) throw new WmbusError('INPUT_KEY', `${key.length} bytes`);
  return key;
}

export function errorJson(e: unknown): { code: string; message: string } {
  if (isWmbusError(e)) return { code: e.code, message: e.message };
  // Not a coded error: a bug. Say so instead of crashing the stream.
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export async function runCli(argv: string[], stdin: Readable, stdout: Writable, stderr: Writable): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'decode') return decodeCommand(rest, stdin, stdout, stderr);
  if (command === 'replay') return replayFixtures(rest[0] ?? 'fixtures/telegrams', stdout, stderr);
  if (command === 'drivers') return listDrivers(rest.includes('--json'), stdout);
  stderr.write(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}

async function decodeCommand(argv: string[], stdin: Readable, stdout: Writable, stderr: Writable): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { key: { type: 'string' }, explain: { type: 'boolean' }, jsonl: { type: 'boolean' } },
    });
  } catch (e) {
    stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.jsonl) return decodeJsonLines(stdin, stdout);
  const hex = args.positionals.join('');
  if (!hex) {
    stderr.write(USAGE);
    return 2;
  }
  try {
    const key = parseKey(args.values.key);
    const bytes = fromHex(hex);
    const decoded = decodeTelegram(bytes, { key, explain: !!args.values.explain, compactFormats: DEFAULT_REGISTRY.compactFormatStore() });
    if (args.values.explain) stdout.write(explainTelegram(bytes, decoded));
    else stdout.write(stringifyDecoded(publicForm(decoded, key), 2) + '\n');
    return 0;
  } catch (e) {
    stdout.write(JSON.stringify({ ok: false, error: errorJson(e) }, null, 2) + '\n');
    return 1;
  }
}

/**
 * What the CLI prints: the decoded telegram with its driver's reading (driver name, named fields, reading
 * view; records include what the driver read from manufacturer payloads), without the internal payload copy.
 */
export function publicForm(d: DecodedTelegram, key: Uint8Array | null = null): Record<string, unknown> {
  const { payload: _payload, annotations: _annotations, ...rest } = d;
  const meaning = interpret(d, DEFAULT_REGISTRY, { key });
  return {
    ok: true,
    ...rest,
    driver: meaning.driver,
    records: meaning.records,
    fields: meaning.fields,
    reading: meaning.reading,
    warnings: [...d.warnings, ...meaning.warnings],
  };
}

function listDrivers(json: boolean, stdout: Writable): number {
  const rows = DEFAULT_REGISTRY.drivers.map((d) => ({
    name: d.name,
    kind: d.kind,
    manufacturer: d.manufacturerName,
    description: d.description,
    detect: d.detect.map((x) => `${x.manufacturer},${x.version.toString(16).padStart(2, '0')},${x.deviceType.toString(16).padStart(2, '0')}`),
  }));
  if (json) stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else for (const r of rows) stdout.write(`${r.name.padEnd(16)} ${r.kind.padEnd(12)} ${r.description}  [${r.detect.join(' ')}]\n`);
  return 0;
}

/** One process serves many telegrams; learned compact formats are kept across lines. */
async function decodeJsonLines(stdin: Readable, stdout: Writable): Promise<number> {
  const formats = DEFAULT_REGISTRY.compactFormatStore();
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let answer: string;
    try {
      const req = JSON.parse(line) as { hex?: unknown; key?: unknown };
      if (typeof req.hex !== 'string') throw new WmbusError('INPUT_HEX', 'missing "hex"');
      const key = parseKey(typeof req.key === 'string' ? req.key : null);
      const decoded = decodeTelegram(fromHex(req.hex), { key, compactFormats: formats });
      answer = stringifyDecoded(publicForm(decoded, key));
    } catch (e) {
      answer = JSON.stringify({ ok: false, error: errorJson(e instanceof SyntaxError ? new WmbusError('INPUT_HEX', 'line is not JSON') : e) });
    }
    if (!stdout.write(answer + '\n')) await new Promise((r) => stdout.once('drain', r));
  }
  return 0;
}

export { toHex };
