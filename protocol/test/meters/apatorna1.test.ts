/**
 * Apator NA-1: its manufacturer block is encrypted with the meter key, which the driver hook gets through
 * interpret's context. Real telegram and expected values: fixtures/telegrams/apatorna1/ApNa1.json
 * (wmbusmeters/wmbusmeters: drivers/src/apatorna1.xmq tests).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { decodeTelegram } from '../../src/wmbus/decode.js';
import { interpret } from '../../src/meters/interpret.js';
import { fromHex } from '../../src/util/hex.js';

const fx = JSON.parse(readFileSync(new URL('../../../fixtures/telegrams/apatorna1/ApNa1.json', import.meta.url), 'utf8')) as { hex: string; key: string };
const decoded = decodeTelegram(fromHex(fx.hex));

t.test('with the key: total, meter time and the last month-end reading with its date', async (t) => {
  const r = interpret(decoded, undefined, { key: fromHex(fx.key) });
  t.same(r.warnings, []);
  t.equal(r.reading.current?.value, 345.312);
  t.equal(r.reading.meterTime?.slice(0, 16), '2024-03-23T15:22');
  t.same(r.reading.history.map((h) => [h.date, h.value]), [['2024-02-29', 300.619]]);
  t.equal(r.fields.find((f) => f.name === 'historic_age')?.value, 545 * 3600);
});

t.test('without a key: a coded warning, no values, no exception', async (t) => {
  const r = interpret(decoded);
  t.equal(r.driver, 'apatorna1');
  t.match(r.warnings.join('\n'), /^KEY_MISSING/);
  t.equal(r.reading.current, undefined);
});

t.test('a wrong key gives no crash (values are then noise the caller cannot tell from data)', async (t) => {
  t.doesNotThrow(() => interpret(decoded, undefined, { key: new Uint8Array(16).fill(1) }));
});
