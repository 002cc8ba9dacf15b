/**
 * An agent as its own process, for the crash test (SIGKILL): reads the config file given as the only
 * argument, starts the agent from it, prints {"started":true}, and runs until killed.
 */
import { loadConfig, startAgent } from '../../src/index.js';

const agent = await startAgent(loadConfig(process.argv[2]!), { fixturesRoot: '/' });
console.log(JSON.stringify({ started: true, gatewayId: agent.config.gatewayId }));
process.once('SIGTERM', () => void agent.stop().then(() => process.exit(0)));
