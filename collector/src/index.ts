export * from './billing/index.js';
export { startCollector, type CollectorOptions, type RunningCollector } from './server.js';
export { buildApp, type AppOptions } from './http/app.js';
export { ApiKeys } from './http/api-keys.js';
