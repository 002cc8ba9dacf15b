/** The one typed map from topic kind to payload schema and type (zigbee2mqtt's lib/types/api.ts idea). */
import type { Schema } from './schema.js';
import type { TopicKind } from './topics.js';
import { commandAckSchema, commandSchema, type CommandAckPayload, type CommandPayload } from './payloads/command.js';
import { statsSchema, type StatsPayload } from './payloads/stats.js';
import { statusSchema, type StatusPayload } from './payloads/status.js';
import { uplinkBatchSchema, type UplinkBatch } from './payloads/uplink.js';

export interface TopicPayloads {
  up: UplinkBatch;
  status: StatusPayload;
  stats: StatsPayload;
  cmd: CommandPayload;
  'cmd-ack': CommandAckPayload;
}

export const PAYLOAD_SCHEMAS: { readonly [K in TopicKind]: Schema<TopicPayloads[K]> } = {
  up: uplinkBatchSchema,
  status: statusSchema,
  stats: statsSchema,
  cmd: commandSchema,
  'cmd-ack': commandAckSchema,
};

/** Largest encoded payload accepted per kind (a full batch of 1000 decoded telegrams fits in `up`). */
export const MAX_PAYLOAD_BYTES: { readonly [K in TopicKind]: number } = {
  up: 4 * 1024 * 1024,
  status: 1024,
  stats: 64 * 1024,
  cmd: 1024 * 1024,
  'cmd-ack': 4 * 1024,
};

/** Retained flag and QoS each kind is published with (architecture.md § 4). */
export const PUBLISH_OPTIONS: { readonly [K in TopicKind]: { qos: 1; retain: boolean } } = {
  up: { qos: 1, retain: false },
  status: { qos: 1, retain: true },
  stats: { qos: 1, retain: false },
  cmd: { qos: 1, retain: false },
  'cmd-ack': { qos: 1, retain: false },
};
