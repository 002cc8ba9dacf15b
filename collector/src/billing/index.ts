// Public surface of the billing core: pure functions over plain data (no database, no HTTP).
export * from './errors.js';
export * from './calendar.js';
export * from './degree-days.js';
export * from './reading.js';
export * from './reset.js';
export * from './value-lookup.js';
export * from './period-end.js';
export * from './computed-reading.js';
export * from './tenant-change.js';
export * from './evaporative-hca.js';
export * from './estimates.js';
export * from './consumption.js';
export * from './plausibility.js';
export * from './legal-parameters.js';
export * from './cost-split.js';
export * from './warm-water-heat.js';
export * from './money.js';
