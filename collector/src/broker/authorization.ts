/**
 * What a gateway may do on the broker, as pure functions of its identity and a topic:
 * publish only below its own `wmbus/v1/gw/<id>/` (up, status, stats, cmd-ack), retain only its status,
 * and subscribe only to its own commands. Everything else is refused and counted by the broker.
 */
import { GATEWAY_PUBLISH_KINDS, TOPIC_PREFIX, tryParseTopic } from '@wmbus/protocol';

export type PublishDecision = { ok: true } | { ok: false; reason: string };

export function authorizeGatewayPublish(gatewayId: string, topic: string, retain: boolean): PublishDecision {
  const parsed = tryParseTopic(topic);
  if (!parsed) return { ok: false, reason: `not a contract topic: ${topic}` };
  if (parsed.gatewayId !== gatewayId) return { ok: false, reason: `gateway ${gatewayId} may not publish for gateway ${parsed.gatewayId}` };
  if (!GATEWAY_PUBLISH_KINDS.includes(parsed.kind)) return { ok: false, reason: `gateways do not publish ${parsed.kind}` };
  // Only the connection state is retained (architecture.md § 4); a retained batch would replay to every subscriber.
  if (retain && parsed.kind !== 'status') return { ok: false, reason: `${parsed.kind} may not be retained` };
  return { ok: true };
}

/** The command subscriptions a gateway may hold: its `cmd/#`, `cmd/+` or one concrete command topic. */
export function authorizeGatewaySubscribe(gatewayId: string, filter: string): boolean {
  const own = `${TOPIC_PREFIX}/gw/${gatewayId}/cmd/`;
  if (filter === `${own}#` || filter === `${own}+`) return true;
  const parsed = tryParseTopic(filter);
  return parsed !== undefined && parsed.kind === 'cmd' && parsed.gatewayId === gatewayId;
}

/** A will must be the gateway's own retained-able status topic, so a will cannot be used to bypass publish rules. */
export function authorizeWill(gatewayId: string, will: { topic: string; retain?: boolean } | undefined | null): PublishDecision {
  if (!will) return { ok: true };
  const parsed = tryParseTopic(will.topic);
  if (!parsed || parsed.kind !== 'status' || parsed.gatewayId !== gatewayId) return { ok: false, reason: `will topic ${will.topic} is not ${gatewayId}'s status` };
  return { ok: true };
}
