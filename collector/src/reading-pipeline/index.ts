// Reading pipeline: stored telegrams → billing readings (A, ZA, B, H1..H5, D6, D7) with audit ids.
export * from './types.js';
export { billingPeriod, type BillingPeriod } from './billing-period.js';
export { meterInfo, ratingFactor } from './meter-info.js';
export { StoredValues } from './stored-values.js';
export { ReadingPipeline, type EstimateKind, type PipelineOptions } from './reading-pipeline.js';
export { activeAt, dueValuesOf, nextDueDate } from './boundaries.js';
export { estimatedReading } from './estimated-reading.js';
export { PropertyReadings, type PeriodEndPage, type TenantChange, type TenancyConsumptionOut, type PositionConsumption, type SegmentOut, type TenancyPage } from './property-readings.js';
