/** The config file: the shipped example is valid; a wrong file reports every problem at once. */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig, ConfigError } from '../../src/config/load.js';

const example = fileURLToPath(new URL('../../config.example.yaml', import.meta.url));

t.test('the commented example is a valid config with defaults filled in', async (t) => {
  const c = parseConfig(readFileSync(example, 'utf8'), example);
  t.equal(c.gatewayId, 'building-12-basement');
  t.same(c.sticks[0]!.linkModes, ['C1', 'T1']);
  t.equal(c.pipeline.dedupeWindowSeconds, 10);
  t.equal(c.uplink?.window, 4);
});

t.test('minimal config gets defaults', async (t) => {
  const c = parseConfig('version: 1\ngatewayId: gw1\nsticks:\n  - {id: s, kind: amber, port: /dev/ttyUSB0}\n');
  t.equal(c.dataDir, '/var/lib/wmbus-agent');
  t.equal(c.sticks[0]!.silenceTimeoutSeconds, 1800);
  t.equal(c.pipeline.filters.unknownMeters, 'keep');
  t.equal(c.outbox.commitIntervalMs, 1000);
});

t.test('every problem is reported at once', async (t) => {
  let error: ConfigError | undefined;
  try {
    parseConfig('version: 1\ngatewayId: "bad id!"\nsticks:\n  - {id: s, kind: foo, port: /dev/x}\noutbox: {commitIntervalMs: 5000}\nextra: 1\n', 'x.yaml');
  } catch (e) {
    error = e as ConfigError;
  }
  t.ok(error instanceof ConfigError);
  const text = error!.problems.join('\n');
  t.match(text, /\/gatewayId/);
  t.match(text, /\/sticks\/0\/kind/);
  t.match(text, /\/outbox\/commitIntervalMs/);
  t.ok(error!.problems.length >= 4, `${error!.problems.length} problems reported`);
});

t.test('cross-field checks: one source per stick, unique ids, mqtts needs TLS files', async (t) => {
  let error: ConfigError | undefined;
  try {
    parseConfig('version: 1\ngatewayId: g\nsticks:\n  - {id: a, kind: cul}\n  - {id: a, kind: cul, port: /dev/x, command: "x"}\nuplink: {url: "mqtts://h:8883"}\n');
  } catch (e) {
    error = e as ConfigError;
  }
  const text = error!.problems.join('\n');
  t.match(text, /sticks\/0: give exactly one of port/);
  t.match(text, /used twice/);
  t.match(text, /only rtlwmbus sticks run a command/);
  t.match(text, /mqtts needs key, cert and ca/);
});

t.test('not YAML at all', async (t) => {
  t.throws(() => parseConfig('version: [1\n'), ConfigError);
});

t.test('wired buses: defaults and one address per meter', async (t) => {
  const c = parseConfig('version: 1\ngatewayId: g\nwired:\n  - id: bus\n    port: /dev/ttyUSB1\n    meters:\n      - {primaryAddress: 5}\n      - {secondaryAddress: "00683775", manufacturer: APA}\n');
  t.equal(c.sticks.length, 0, 'a wired-only gateway needs no stick');
  t.equal(c.wired[0]!.baudRate, 2400);
  t.equal(c.wired[0]!.parity, 'even');
  let error: ConfigError | undefined;
  try {
    parseConfig('version: 1\ngatewayId: g\nwired:\n  - id: bus\n    port: /dev/x\n    meters:\n      - {primaryAddress: 5, secondaryAddress: "12345678"}\n');
  } catch (e) {
    error = e as ConfigError;
  }
  t.match(error?.problems.join('\n') ?? '', /exactly one of primaryAddress or secondaryAddress/);
  t.throws(() => parseConfig('version: 1\ngatewayId: g\n'), ConfigError, 'no stick and no bus');
});
