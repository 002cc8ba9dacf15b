export * from './billing/index.js';
