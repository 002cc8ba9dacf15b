import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRtlWmbusParser } from '../../src/sticks/rtlwmbus/framing.js';
import { rtlWmbusTelegrams } from '../../src/sticks/rtlwmbus/telegram.js';
import { rtlWmbusProtocol } from '../../src/sticks/rtlwmbus/driver.js';
import { StickDriver } from '../../src/sticks/stick-driver.js';
import { childProcessLink } from '../../src/transport/binding.js';
import type { NormalizedTelegram } from '../../src/sticks/types.js';
import { capture, collect, feedChunked, frames, toHexUpper } from './helpers.js';

const fixture = capture<{ lines: string[] }>('rtlwmbus', 's12-s14-lines');
const [S12, S13, S14, COMMENT] = fixture.lines as [string, string, string, string];
const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

t.test('S12/S13 accepted, S14 (CRC_OK = 0) dropped and counted, comment passed as text', async (t) => {
  const stream = ascii([S12, S14, COMMENT, S13].join('\n') + '\n');
  const events = feedChunked(createRtlWmbusParser(), stream, [17]);
  const fs = frames(events);
  t.equal(fs.length, 2);
  t.same(events.filter((e) => e.kind === 'garbage'), [{ kind: 'garbage', bytes: S14.length + 1, reason: 'checksum' }]);
  t.same(events.filter((e) => e.kind === 'text'), [{ kind: 'text', text: COMMENT }]);
  const [t12] = rtlWmbusTelegrams(fs[0]!, 'sdr', new Date(0));
  t.equal(t12!.linkMode, 'T1');
  t.equal(t12!.rssiRaw, 97, 'PACKET_RSSI column, unitless');
  t.equal(t12!.rssiDbm, undefined);
  t.equal(t12!.telegram[0], 0x6e);
  t.equal(toHexUpper(t12!.telegram.subarray(4, 8)), '88888888');
  t.equal(t12!.stickTs, new Date(2019, 3, 3, 19, 0, 42).getTime());
  const [t13] = rtlWmbusTelegrams(fs[1]!, 'sdr', new Date(0));
  t.equal(t13!.linkMode, 'C1');
  t.equal(toHexUpper(t13!.telegram), S13.split(';0x')[1]!.toUpperCase());
});

t.test('-v demodulator prefix, several telegrams per line, stderr noise', async (t) => {
  const hex = S13.split(';0x')[1]!;
  const line = `rla;${S13};0x${hex}\n`;
  const events = createRtlWmbusParser().feed(ascii(`Found 1 device(s)\n${line}`), 0);
  t.same(events[0], { kind: 'text', text: 'Found 1 device(s)' });
  const [f] = frames(events);
  t.equal(rtlWmbusTelegrams(f!, 's', new Date(0)).length, 2);
});

t.test('through a child process (cat of a capture), as `rtl_sdr | rtl_wmbus` would be run', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rtlwmbus-'));
  const file = join(dir, 'capture.txt');
  writeFileSync(file, [S12, S14, S13].join('\n') + '\n');
  const driver = new StickDriver({ protocol: rtlWmbusProtocol, stickId: 'sdr0', open: childProcessLink('cat', [file]), reopenDelayMs: 60_000 });
  t.teardown(() => driver.stop());
  const got = collect<NormalizedTelegram>(driver, 'telegram', 2);
  await driver.start();
  const telegrams = await got;
  t.same(telegrams.map((x) => x.linkMode), ['T1', 'C1']);
  await new Promise((r) => setTimeout(r, 50));
  t.equal(driver.counters.checksumErrors, 1);
  t.equal(driver.counters.reopens, 1, 'the process ending counts as a closed port');
});
