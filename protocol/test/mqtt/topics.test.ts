import t from 'tap';
import { allGatewaysFilter, buildTopic, commandFilter, isMqttContractError, parseTopic, tryParseTopic, type MqttErrorCode } from '@wmbus/protocol';

const codeOf = (fn: () => unknown): MqttErrorCode | 'no error' | 'foreign error' => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return isMqttContractError(e) ? e.code : 'foreign error';
  }
};

t.test('builds the five topic kinds under the versioned prefix', async (t) => {
  t.equal(buildTopic('up', 'gw-01'), 'wmbus/v1/gw/gw-01/up');
  t.equal(buildTopic('status', 'gw-01'), 'wmbus/v1/gw/gw-01/status');
  t.equal(buildTopic('stats', 'gw-01'), 'wmbus/v1/gw/gw-01/stats');
  t.equal(buildTopic('cmd', 'gw-01', 'c1'), 'wmbus/v1/gw/gw-01/cmd/c1');
  t.equal(buildTopic('cmd-ack', 'gw-01', 'c1'), 'wmbus/v1/gw/gw-01/cmd-ack/c1');
});

t.test('parse inverts build', async (t) => {
  t.same(parseTopic('wmbus/v1/gw/Pi_7.a/up'), { kind: 'up', gatewayId: 'Pi_7.a' });
  t.same(parseTopic('wmbus/v1/gw/gw-01/cmd-ack/01JD8Z'), { kind: 'cmd-ack', gatewayId: 'gw-01', commandId: '01JD8Z' });
  for (const topic of [buildTopic('stats', 'a'), buildTopic('cmd', 'a', 'b')]) t.equal(tryParseTopic(topic) !== undefined, true, topic);
});

t.test('wildcards and bad ids are refused with codes', async (t) => {
  t.equal(codeOf(() => buildTopic('up', '+')), 'GATEWAY_ID_INVALID');
  t.equal(codeOf(() => buildTopic('up', '#')), 'GATEWAY_ID_INVALID');
  t.equal(codeOf(() => buildTopic('up', 'a/b')), 'GATEWAY_ID_INVALID', 'a slash would change the topic level');
  t.equal(codeOf(() => buildTopic('up', '')), 'GATEWAY_ID_INVALID');
  t.equal(codeOf(() => buildTopic('up', '-lead')), 'GATEWAY_ID_INVALID');
  t.equal(codeOf(() => buildTopic('up', 'x'.repeat(64))), 'GATEWAY_ID_INVALID');
  t.equal(codeOf(() => buildTopic('up', 'x'.repeat(63))), 'no error');
  t.equal(codeOf(() => buildTopic('cmd', 'gw', '#')), 'COMMAND_ID_INVALID');
  t.equal(codeOf(() => buildTopic('cmd', 'gw', undefined as unknown as string)), 'COMMAND_ID_INVALID');
  t.equal(codeOf(() => buildTopic('nope' as 'up', 'gw')), 'TOPIC_INVALID');
  t.equal(codeOf(() => parseTopic('wmbus/v1/gw/+/up')), 'TOPIC_WILDCARD');
  t.equal(codeOf(() => parseTopic('wmbus/v1/gw/a/#')), 'TOPIC_WILDCARD');
  t.equal(codeOf(() => parseTopic('wmbus/v2/gw/a/up')), 'TOPIC_INVALID');
  t.equal(codeOf(() => parseTopic('wmbus/v1/gw/a/down')), 'TOPIC_INVALID');
  t.equal(codeOf(() => parseTopic('wmbus/v1/gw/a/up/extra')), 'TOPIC_INVALID');
  t.equal(codeOf(() => parseTopic('wmbus/v1/gw/a/cmd')), 'COMMAND_ID_INVALID');
  t.equal(codeOf(() => parseTopic('wmbus/v1/gw/a/cmd/x/y')), 'TOPIC_INVALID');
  t.equal(codeOf(() => parseTopic('wmbus/v1/gw//up')), 'GATEWAY_ID_INVALID');
  t.equal(tryParseTopic('$SYS/broker/uptime'), undefined);
});

t.test('subscription filters are separate and contain wildcards on purpose', async (t) => {
  t.equal(allGatewaysFilter('up'), 'wmbus/v1/gw/+/up');
  t.equal(allGatewaysFilter('cmd-ack'), 'wmbus/v1/gw/+/cmd-ack/+');
  t.equal(commandFilter('gw-01'), 'wmbus/v1/gw/gw-01/cmd/+');
  t.equal(codeOf(() => commandFilter('+')), 'GATEWAY_ID_INVALID');
});
