/**
 * The MQTT contract between gateway agent and collector (architecture.md § 3 rule 6, § 4).
 *
 * EVOLUTION RULE — changes only add. A new field is optional for readers (older gateways do not send it);
 * a field is never removed, renamed, retyped or given a new meaning, and an enum value is never reused.
 * A field that must be replaced stays and gets a `_legacy` twin, the replacement a new name (ChirpStack's
 * gw.proto discipline). Readers ignore fields they do not know. `v` (SCHEMA_VERSION) would change only for
 * a breaking change, which this rule rules out; readers refuse any `v` they do not know.
 * Every new field or case gets a golden fixture in fixtures/mqtt/<payload>/; existing fixtures never change.
 */
export * from './errors.js';
export * from './topics.js';
export * from './api.js';
export * from './codec.js';
export { SCHEMA_VERSION, LINK_MODES, FRAME_FORMATS, type LinkMode, type FrameFormat, type MeterSelector } from './payloads/common.js';
export type { JsonValue } from './schema.js';
export { type StatusPayload } from './payloads/status.js';
export { STICK_STATES, type StatsPayload } from './payloads/stats.js';
export { type CommandPayload, type CommandType, type CommandAckPayload } from './payloads/command.js';
export { type UplinkBatch, type UplinkTelegram, type ReadingView } from './payloads/uplink.js';
