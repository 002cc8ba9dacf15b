/**
 * Writes fixtures/mqtt/<kind>/<case>.cbor.hex for every <case>.json that has none yet.
 * Run: node --import=tsx --conditions=wmbus-source protocol/test/mqtt/make-golden.ts
 *
 * Existing .cbor.hex files are never rewritten: a golden encoding is frozen once committed (the additive
 * rule in protocol/src/mqtt/index.ts). After generating, check the new bytes by hand or with
 * cbor-walk.ts before committing them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePayload, fromJsonForm, TOPIC_KINDS, type TopicKind } from '@wmbus/protocol';

const root = new URL('../../../fixtures/mqtt/', import.meta.url).pathname;
for (const kind of TOPIC_KINDS as readonly TopicKind[]) {
  const dir = join(root, kind);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const target = join(dir, name.replace(/\.json$/, '.cbor.hex'));
    if (existsSync(target)) continue;
    const payload = fromJsonForm(kind, JSON.parse(readFileSync(join(dir, name), 'utf8')));
    writeFileSync(target, Buffer.from(encodePayload(kind, payload)).toString('hex') + '\n');
    console.log(`wrote ${target}`);
  }
}
