/** Reads, defaults and validates the agent configuration; reports every problem at once. */
import { readFileSync } from 'node:fs';
// Named imports, not the Value namespace: the service bundle then carries only these three operators.
import { Errors } from '@sinclair/typebox/errors';
import { Clone, Default } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { AgentConfig } from './schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseConfig(text: string, file = 'config'): AgentConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConfigError(file, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  if (raw === null || typeof raw !== 'object') throw new ConfigError(file, ['the file must hold a mapping (gatewayId, sticks, …)']);
  const withDefaults = Default(AgentConfig, Clone(raw));
  const problems = [...Errors(AgentConfig, withDefaults)].map((e) => `${e.path || '/'}: ${e.message}${e.value !== undefined && typeof e.value !== 'object' ? ` (got ${JSON.stringify(e.value)})` : ''}`);
  const config = withDefaults as AgentConfig;
  if (!problems.length) {
    const ids = new Set<string>();
    config.sticks.forEach((s, i) => {
      if (ids.has(s.id)) problems.push(`/sticks/${i}/id: stick id "${s.id}" used twice`);
      ids.add(s.id);
      const sources = [s.port, s.command, s.emulate].filter((x) => x !== undefined).length;
      if (sources !== 1) problems.push(`/sticks/${i}: give exactly one of port, command (rtlwmbus) or emulate`);
      if (s.command !== undefined && s.kind !== 'rtlwmbus') problems.push(`/sticks/${i}/command: only rtlwmbus sticks run a command`);
    });
    if (config.sticks.length + config.wired.length === 0) problems.push('/sticks: give at least one stick or wired bus');
    config.wired.forEach((w, i) =>
      w.meters.forEach((m, j) => {
        if ((m.primaryAddress === undefined) === (m.secondaryAddress === undefined)) problems.push(`/wired/${i}/meters/${j}: give exactly one of primaryAddress or secondaryAddress`);
      }),
    );
    if (config.uplink?.url.startsWith('mqtts://') && !config.uplink.tls) problems.push('/uplink/tls: mqtts needs key, cert and ca (run wmbus-agent enroll)');
  }
  if (problems.length) throw new ConfigError(file, problems);
  return config;
}

export function loadConfig(file: string): AgentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [`cannot read: ${(e as Error).message}`]);
  }
  return parseConfig(text, file);
}
