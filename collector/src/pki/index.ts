export * from './errors.js';
export * from './certificate-authority.js';
export * from './ca-files.js';
export * from './gateway-csr.js';
export * from './enrollment-tokens.js';
export * from './token-store.js';
export * from './enrollment.js';
