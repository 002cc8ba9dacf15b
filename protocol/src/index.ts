export const VERSION = "0.1.0";
export * from './wmbus/crc.js';
export * from './util/hex.js';
export * from './errors.js';
export * from './mqtt/index.js';
