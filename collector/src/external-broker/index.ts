export * from './external-broker-ingest.js';
