/**
 * The Environment= assignments of systemd/wmbus-agent.service (NODE_OPTIONS, malloc tuning), so that
 * bench:agent and the tests run the agent with the settings the service runs it with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Systemd syntax: one or more NAME=VALUE words per Environment= line, a word with spaces in double quotes. */
export function serviceEnvironment(unitText: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of unitText.split('\n')) {
    const m = /^\s*Environment=(.*)$/.exec(line);
    if (!m) continue;
    for (const word of m[1]!.match(/"[^"]*"|\S+/g) ?? []) {
      const assignment = word.startsWith('"') ? word.slice(1, -1) : word;
      const eq = assignment.indexOf('=');
      if (eq > 0) env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
  }
  return env;
}

/** The agent unit's environment; the unit sits at systemd/ in the repository (two folders above dist/tools). */
export function agentUnitEnvironment(): Record<string, string> {
  return serviceEnvironment(readFileSync(fileURLToPath(new URL('../../../systemd/wmbus-agent.service', import.meta.url)), 'utf8'));
}
