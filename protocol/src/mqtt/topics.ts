/**
 * Topic names of the contract. Everything lives under one versioned prefix, one subtree per gateway
 * (ChirpStack's `gateway/{id}/...` families, architecture.md § 1.7):
 *
 *   wmbus/v1/gw/<gatewayId>/up               gateway → collector  telegram batches (QoS 1)
 *   wmbus/v1/gw/<gatewayId>/status           gateway → collector  retained online/offline, also the will
 *   wmbus/v1/gw/<gatewayId>/stats            gateway → collector  periodic counters
 *   wmbus/v1/gw/<gatewayId>/cmd/<commandId>  collector → gateway  a command
 *   wmbus/v1/gw/<gatewayId>/cmd-ack/<id>     gateway → collector  its acknowledgement
 *
 * Build functions refuse `+`, `#` and malformed ids, so a topic built here can never act as a
 * wildcard (zigbee2mqtt's `publish()` does the same); subscription filters have their own functions.
 */
import { MqttContractError } from './errors.js';

export const TOPIC_PREFIX = 'wmbus/v1';

export const TOPIC_KINDS = ['up', 'status', 'stats', 'cmd', 'cmd-ack'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];
/** Kinds whose topic ends in a command id. */
export type CommandTopicKind = 'cmd' | 'cmd-ack';
export type GatewayTopicKind = Exclude<TopicKind, CommandTopicKind>;

/** Kinds a gateway publishes (the rest, `cmd`, only the collector publishes). */
export const GATEWAY_PUBLISH_KINDS: readonly TopicKind[] = ['up', 'status', 'stats', 'cmd-ack'];

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export const isValidGatewayId = (id: unknown): id is string => typeof id === 'string' && ID_RE.test(id);
export const isValidCommandId = (id: unknown): id is string => typeof id === 'string' && ID_RE.test(id);

export function assertGatewayId(id: unknown): asserts id is string {
  if (!isValidGatewayId(id)) throw new MqttContractError('GATEWAY_ID_INVALID', JSON.stringify(id));
}

function assertCommandId(id: unknown): asserts id is string {
  if (!isValidCommandId(id)) throw new MqttContractError('COMMAND_ID_INVALID', JSON.stringify(id));
}

export interface ParsedTopic {
  kind: TopicKind;
  gatewayId: string;
  /** Present for `cmd` and `cmd-ack`. */
  commandId?: string;
}

export function buildTopic(kind: GatewayTopicKind, gatewayId: string): string;
export function buildTopic(kind: CommandTopicKind, gatewayId: string, commandId: string): string;
export function buildTopic(kind: TopicKind, gatewayId: string, commandId?: string): string {
  if (!(TOPIC_KINDS as readonly string[]).includes(kind)) throw new MqttContractError('TOPIC_INVALID', `unknown kind ${JSON.stringify(kind)}`);
  assertGatewayId(gatewayId);
  const base = `${TOPIC_PREFIX}/gw/${gatewayId}/${kind}`;
  if (kind === 'cmd' || kind === 'cmd-ack') {
    assertCommandId(commandId);
    return `${base}/${commandId}`;
  }
  if (commandId !== undefined) throw new MqttContractError('TOPIC_INVALID', `kind ${kind} takes no command id`);
  return base;
}

/** Parses a concrete topic (as received with a message); throws MqttContractError. */
export function parseTopic(topic: string): ParsedTopic {
  if (typeof topic !== 'string') throw new MqttContractError('TOPIC_INVALID', 'not a string');
  if (topic.includes('+') || topic.includes('#')) throw new MqttContractError('TOPIC_WILDCARD', topic);
  const parts = topic.split('/');
  const [root, version, gw, gatewayId, kind, commandId, ...rest] = parts;
  if (`${root}/${version}` !== TOPIC_PREFIX || gw !== 'gw' || rest.length > 0 || kind === undefined) {
    throw new MqttContractError('TOPIC_INVALID', topic);
  }
  assertGatewayId(gatewayId);
  if (kind === 'cmd' || kind === 'cmd-ack') {
    assertCommandId(commandId);
    return { kind, gatewayId, commandId };
  }
  if ((TOPIC_KINDS as readonly string[]).includes(kind) && commandId === undefined) {
    return { kind: kind as GatewayTopicKind, gatewayId };
  }
  throw new MqttContractError('TOPIC_INVALID', topic);
}

/** Like parseTopic but returns undefined instead of throwing (for hot paths such as broker hooks). */
export function tryParseTopic(topic: string): ParsedTopic | undefined {
  try {
    return parseTopic(topic);
  } catch {
    return undefined;
  }
}

/** Subscription filter for one kind across all gateways, e.g. `wmbus/v1/gw/+/up` (collector side). */
export function allGatewaysFilter(kind: TopicKind): string {
  if (!(TOPIC_KINDS as readonly string[]).includes(kind)) throw new MqttContractError('TOPIC_INVALID', `unknown kind ${JSON.stringify(kind)}`);
  return kind === 'cmd' || kind === 'cmd-ack' ? `${TOPIC_PREFIX}/gw/+/${kind}/+` : `${TOPIC_PREFIX}/gw/+/${kind}`;
}

/** The filter a gateway subscribes to for its own commands: `wmbus/v1/gw/<id>/cmd/+`. */
export function commandFilter(gatewayId: string): string {
  assertGatewayId(gatewayId);
  return `${TOPIC_PREFIX}/gw/${gatewayId}/cmd/+`;
}
