export * from './errors.js';
export * from './repository.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.js';
export { openDatabase, type OpenDatabaseOptions } from './open-database.js';
export { SqliteRepository, assertMeterAddress } from './sqlite-repository.js';
