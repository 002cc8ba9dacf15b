export { startAgent, type RunningAgent, type StartOptions } from './agent.js';
export { parseConfig, loadConfig, ConfigError } from './config/load.js';
export type { AgentConfig } from './config/schema.js';
export { enroll, createKeyAndCsr, EnrollError } from './enroll/enroll.js';
export { KeyStore } from './keys/key-store.js';
export { loadFixtureTelegrams } from './emulated-stick.js';
