/**
 * Behaviour of the Kamstrup / electricity / sensor drivers beyond "every expected value is read" (that is the
 * catalogue test): info codes become normalized status flags with the reference decoder's texts, Kamstrup
 * compact frames decode without a prior full frame, manufacturer VIFs are remapped with the right units.
 * Expected statuses come from the fixtures (wmbusmeters' output), never from this code.
 */
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeTelegram } from '../../src/wmbus/decode.js';
import { CompactFormatStore } from '../../src/wmbus/compact-formats.js';
import { interpret } from '../../src/meters/interpret.js';
import { DEFAULT_REGISTRY } from '../../src/meters/registry.js';
import { remapRecords, temperatureDifferenceInCelsius } from '../../src/meters/remap.js';
import { fromHex } from '../../src/util/hex.js';
import { isWmbusError } from '../../src/errors.js';
import type { DataRecord } from '../../src/wmbus/types.js';

const fixturesDir = fileURLToPath(new URL('../../../fixtures/telegrams/', import.meta.url));
interface Fixture {
  hex?: string;
  telegrams?: string[];
  key: string | null;
  expected: Record<string, unknown>;
}
const load = (rel: string): Fixture => JSON.parse(readFileSync(fixturesDir + rel, 'utf8')) as Fixture;

function read(rel: string, formats = DEFAULT_REGISTRY.compactFormatStore()) {
  const fx = load(rel);
  let last;
  for (const hex of fx.telegrams ?? [fx.hex!]) last = decodeTelegram(fromHex(hex), { key: fx.key ? fromHex(fx.key) : null, compactFormats: formats });
  return { fx, result: interpret(last!) };
}

t.test('Kamstrup info codes give the reference status texts and normalized flags', async (t) => {
  // Every Kamstrup fixture whose reference status is made of named info-code bits (OK or words).
  for (const driver of ['kamheat', 'kamwater', 'kampress']) {
    const formats = DEFAULT_REGISTRY.compactFormatStore();
    for (const f of readdirSync(fixturesDir + driver).sort()) {
      const { fx, result } = read(`${driver}/${f}`, formats);
      const status = String(fx.expected.status);
      if (/^ERROR_FLAGS_/.test(status)) continue; // bits the reference decoder does not name either
      const want = status === 'OK' ? [] : status.split(' ');
      t.same(result.reading.status.texts, want, `${driver}/${f}: ${status}`);
    }
  }
  t.same(read('kamwater/MyTapWater.json').result.reading.status.flags, ['dry'], 'DRY → dry');
  t.same(read('kamheat/303_wrong_flow.json').result.reading.status.flags, ['reverse_flow'], 'WRONG_FLOW_DIRECTION → reverse_flow');
  t.same(read('kamheat/Heater.json').result.reading.status.flags, ['error'], 'sensor range / V1 communication → error');
});

t.test('kamwater: how long an info code has lasted', async (t) => {
  const { fx, result } = read('kamwater/MyTapWater.json');
  const dry = result.records.find((r) => r.quantity === 'time_dry');
  t.equal(dry?.value, fx.expected.time_dry, 'time_dry as the reference decoder gives it');
  t.notOk(result.records.some((r) => r.quantity === 'time_leaking'), 'no duration for a code that is not set');
  t.same(result.fields.find((f) => f.name === 'time_dry')?.value, '22-31 days');
});

t.test('kamwater compact frame 0x36d4 decodes without a full frame, thanks to the shipped format', async (t) => {
  const fx = load('kamwater/MoreWater.json');
  const bytes = fromHex(fx.hex!);
  let code: string | undefined;
  try {
    decodeTelegram(bytes, { key: null, compactFormats: new CompactFormatStore() });
  } catch (e) {
    code = isWmbusError(e) ? e.code : String(e);
  }
  t.equal(code, 'COMPACT_FORMAT_UNKNOWN', 'an empty store cannot decode it');
  const result = interpret(decodeTelegram(bytes, { key: null, compactFormats: DEFAULT_REGISTRY.compactFormatStore() }));
  t.equal(result.driver, 'kamwater');
  t.same(result.reading.current, { value: fx.expected.total_m3, unit: 'm3' }, 'current volume');
  t.same(result.reading.dueDate, { value: fx.expected.target_m3, unit: 'm3', date: fx.expected.target_date }, 'due-date volume with its date');
});

t.test('kamheat: forward/return energy in m3°C and the VA/VB pulse inputs', async (t) => {
  const heat = read('kamheat/Heat.json');
  const fwd = heat.result.records.find((r) => r.quantity === 'forward_energy')!;
  t.match(fwd, { value: heat.fx.expected.forward_energy_m3c, unit: 'm3°C', header: '04FF07', source: 'driver' });
  const heato = read('kamheat/Heato.json');
  t.match(heato.result.fields.find((f) => f.name === 'pulse_input_a'), { value: heato.fx.expected.va_counter, unit: 'count' });
  t.match(heato.result.fields.find((f) => f.name === 'pulse_input_b'), { value: heato.fx.expected.vb_counter, unit: 'count' });
});

t.test('iem3000 and ime: reactive energy is varh, not Wh', async (t) => {
  const s3 = read('iem3000/Schneider3.json');
  t.match(s3.result.fields.find((f) => f.name === 'total_reactive_energy_consumption'), { value: 33717656, unit: 'varh' });
  t.notOk(s3.result.records.some((r) => r.source === 'driver' && r.quantity === 'reactive_energy' && r.unit === 'Wh'));
  const ime = read('ime/MyMeter.json');
  t.match(ime.result.fields.find((f) => f.name === 'total_active_energy'), { value: 7972380, unit: 'Wh' }, '797238 × 0.01 kWh');
});

const rec = (over: Partial<DataRecord>): DataRecord => ({
  offset: 0, length: 7, header: '04FF07', data: '2B010000', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous',
  quantity: 'manufacturer_specific', description: 'Manufacturer specific', value: 299, unit: 'raw', ...over,
});

t.test('remapRecords', async (t) => {
  const rules = [
    { vif: 'EEFF07', quantity: 'a', description: 'A', unit: 'count' },
    { vif: 'FF07', quantity: 'b', description: 'B', unit: 'm3°C', factor: 2 },
    { vif: '', from: 'energy', subunit: 1, quantity: 'reactive_energy', description: 'R', unit: 'varh' },
  ];
  const out = remapRecords(
    [
      rec({}),
      rec({ header: '04EEFF07', quantity: 'hca', unit: 'HCA', modifiers: ['manufacturer specific', 'manufacturer VIFE 07'] }),
      rec({ header: '44FF07', storage: 1, value: null }),
      rec({ header: '874083FF09', quantity: 'energy', unit: 'Wh', subunit: 1, value: 5, modifiers: ['manufacturer VIFE 09'] }),
      rec({ header: '0403', quantity: 'energy', unit: 'Wh', subunit: 0, value: 5 }),
      rec({ header: '0DFF07', value: 'text', unit: 'text' }),
    ],
    rules,
  );
  t.same(out.map((r) => [r.quantity, r.value, r.unit, r.storage, r.modifiers]), [
    ['b', 598, 'm3°C', 0, undefined],
    ['a', 299, 'count', 0, undefined],
    ['b', null, 'm3°C', 1, undefined],
    ['reactive_energy', 5, 'varh', 0, ['manufacturer VIFE 09']],
  ], 'first matching rule wins, factor applied, null kept, modifiers kept only for `from` rules, text and unmatched left out');
  t.ok(out.every((r) => r.source === 'driver'));
  t.same(temperatureDifferenceInCelsius([rec({ quantity: 'temperature_difference', unit: 'K', value: -6.2 })]).map((r) => [r.value, r.unit]), [[-6.2, '°C']]);
});

t.test('tsd2 (Techem smoke detector): status byte and previous billing date from the CI A0 payload', async (t) => {
  for (const f of ['Smokey.json', 'Smokey_2.json', 'Smokey_3.json']) {
    const { fx, result } = read(`tsd2/${f}`);
    const status = String(fx.expected.status);
    t.same(result.reading.status.texts, status === 'OK' ? [] : [status], `${f}: ${status}`);
    t.equal(result.fields.find((x) => x.name === 'previous_billing_date')?.value, fx.expected.prev_date, `${f}: prev date`);
  }
  t.same(read('tsd2/Smokey_2.json').result.reading.status.flags, ['smoke']);
  const short = read('tsd2/Smokey_4.json').result;
  t.equal(short.driver, 'tsd2');
  t.match(short.warnings, [/^DRIVER_PAYLOAD: .*tsd2: payload of 2 bytes/], 'a truncated payload is a coded warning, not a crash');
  t.notOk(short.fields.some((x) => x.name === 'previous_billing_date'));
});

t.test('lansensm: the smoke bit of the error flags is a smoke alarm, not a device error', async (t) => {
  for (const f of readdirSync(fixturesDir + 'lansensm').sort()) {
    const { fx, result } = read(`lansensm/${f}`);
    const status = String(fx.expected.status);
    t.same(result.reading.status.texts, status === 'OK' ? [] : status.split(' '), `${f}: ${status}`);
    t.same(result.reading.status.flags, status === 'SMOKE' ? ['smoke'] : [], `${f}: flags`);
  }
});
