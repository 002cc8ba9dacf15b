export * from './gateway-broker.js';
export * from './authorization.js';
export * from './identity.js';
