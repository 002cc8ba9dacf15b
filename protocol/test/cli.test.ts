/** The wmbus command as a user runs it (from source through tsx): decode, --explain, --jsonl, errors, drivers. */
import t from 'tap';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const cli = fileURLToPath(new URL('../src/cli/wmbus.ts', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import=tsx', '--conditions=wmbus-source', cli, ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

// radio.md § 8.2 V1 (OMS example, frame A with CRCs) and its key.
const V1 = '2E44931578563412330333637A2A0020255923C95AAA26D1B2E7493BC2AD013EC4A6F6D3529B520EDFF0EA6DEFC955B29D6D69EBF3EC8A';
const V1_KEY = '0102030405060708090A0B0C0D0E0F11';

t.test('decode prints JSON with records, driver and reading view', async (t) => {
  const r = await run(['decode', '--key', V1_KEY, V1]);
  t.equal(r.code, 0);
  const out = JSON.parse(r.stdout);
  t.equal(out.ok, true);
  t.equal(out.meter.id, '12345678');
  t.ok(out.records.some((x: { value: unknown; unit: string }) => x.value === 28504.27 && x.unit === 'm3'));
  t.equal(out.reading.kind, 'gas');
});

t.test('--explain annotates every layer with its bytes', async (t) => {
  const r = await run(['decode', '--explain', '--key', V1_KEY, V1]);
  t.equal(r.code, 0);
  t.match(r.stdout, /frame A, CRCs verified and removed/);
  t.match(r.stdout, /manufacturer ELS/);
  t.match(r.stdout, /TPL short header.*mode 5, 2 blocks/);
  t.match(r.stdout, /0C14 27048502 Volume = 28504\.27 m3/);
});

t.test('--explain and replay show a date-time the meter marks invalid as such', async (t) => {
  // relhca/MyRelHCA (shared corpus, wmbusmeters cases): 046D 9C021732 has the IV bit set.
  const hex = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/telegrams/relhca/MyRelHCA.json', import.meta.url)), 'utf8')).hex;
  const r = await run(['decode', '--explain', hex]);
  t.equal(r.code, 0);
  t.match(r.stdout, /046D 9C021732 Date and time = 2024-02-23T02:28 \(marked invalid: IV bit\)/);
  const replay = await run(['replay', fileURLToPath(new URL('../../fixtures/telegrams/relhca', import.meta.url))]);
  t.match(replay.stdout, /datetime=2024-02-23T02:28 \(invalid\)/);
});

t.test('errors are coded JSON and a non-zero exit', async (t) => {
  const r = await run(['decode', V1]);
  t.equal(r.code, 1);
  t.equal(JSON.parse(r.stdout).error.code, 'KEY_MISSING');
  const bad = await run(['decode', 'XYZ']);
  t.equal(JSON.parse(bad.stdout).error.code, 'INPUT_HEX');
});

t.test('--jsonl answers one line per request, in order, and keeps learned compact formats', async (t) => {
  const child = spawn(process.execPath, ['--import=tsx', '--conditions=wmbus-source', cli, 'decode', '--jsonl']);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  // radio.md § 8.4: compact frame before and after its full frame.
  const compact = '3F442D2C06357260190C8D207C71032F21255C79DD829283011117650000BFA80000D24F0000B1FB00000000E919FF18F7640000E8FA00000B000000DB111C0B';
  const full = '5C442D2C06357260190C8D207B70032F21271D7802F9FF15011104061765000004EEFF07BFA8000004EEFF08D24F00000414B1FB000002FD170000026CE919426CFF184406F76400004414E8FA0000043B0B0000000259DB11025D1C0B';
  for (const hex of [compact, full, compact]) child.stdin.write(JSON.stringify({ hex, key: null }) + '\n');
  child.stdin.write('not json\n');
  child.stdin.end();
  await new Promise((r) => child.on('close', r));
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  t.equal(lines.length, 4);
  // The shipped Kamstrup formats may already know this signature; either way the compact frame must decode
  // after its full frame.
  t.equal(lines[1].ok, true);
  t.equal(lines[2].ok, true);
  t.equal(lines[2].records.length, lines[1].records.length);
  t.equal(lines[3].ok, false);
});

t.test('drivers lists the catalogue', async (t) => {
  const r = await run(['drivers', '--json']);
  const list = JSON.parse(r.stdout) as { name: string; detect: string[] }[];
  t.ok(list.length > 50);
  t.ok(list.some((d) => d.name === 'qcaloric' && d.detect.includes('QDS,35,08')));
});
