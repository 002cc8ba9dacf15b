// Property model (Liegenschaften, Nutzeinheiten, Nutzungen, Zähler-Stammdaten) on the collector database.
export * from './errors.js';
export * from './model.js';
export { BILLING_MIGRATIONS, BILLING_SCHEMA_VERSION, migrateBilling } from './migrations.js';
export { PropertiesStore, type NewMeter, type NewProperty, type NewUnit } from './properties-store.js';
