/**
 * The meter address and dedupe key read from raw bytes without decrypting, checked against the decoder
 * over every wireless telegram in fixtures/telegrams, and across the ways sticks deliver one telegram.
 */
import t from 'tap';
import { decodeTelegram, fromHex } from '@wmbus/protocol';
import { canonicalWireless, linkIdentity } from '../../src/ingest/index.js';
import { allFixtures, fixture, withFrameACrcs } from './helpers.js';

t.test('the link address equals the decoder\'s DLL address for every decodable wireless fixture', async (t) => {
  let compared = 0;
  for (const fx of allFixtures()) {
    for (const raw of fx.telegrams) {
      let decoded;
      try {
        decoded = decodeTelegram(raw, { key: fx.key });
      } catch {
        continue; // e.g. compact frames without their full frame: the address check needs a decodable one
      }
      const ours = linkIdentity(raw);
      if (decoded.frame === 'mbus') {
        t.equal(ours.address, null, `${fx.file}: wired frames have no DLL address`);
        continue;
      }
      const dll = decoded.link.address!;
      t.same(ours.address, { manufacturer: dll.manufacturer, id: dll.id, version: dll.version, deviceType: dll.deviceType }, fx.file);
      compared++;
    }
  }
  t.ok(compared > 100, `${compared} wireless fixtures compared`);
});

t.test('one transmission gives one dedupe key whatever the stick did to it; another transmission another key', async (t) => {
  const { raw } = fixture('kamwater/MyTapWater.json');
  const key = linkIdentity(raw).dedupeKey;
  t.equal(key.length, 24);
  const viaCul = withFrameACrcs(raw);
  t.same(canonicalWireless(viaCul), raw, 'frame-A CRCs and trailer removed');
  t.same(linkIdentity(viaCul).dedupeKey, key);
  t.same(linkIdentity(Uint8Array.of(...raw, 0x2c)).dedupeKey, key, 'a trailing RSSI byte is ignored');

  const nextAccess = Uint8Array.from(raw);
  nextAccess[11] = nextAccess[11]! + 1;
  t.not(Buffer.from(linkIdentity(nextAccess).dedupeKey).toString('hex'), Buffer.from(key).toString('hex'));
  const otherMeter = Uint8Array.from(raw);
  otherMeter[4] = otherMeter[4]! ^ 0x10;
  t.not(Buffer.from(linkIdentity(otherMeter).dedupeKey).toString('hex'), Buffer.from(key).toString('hex'));
});

t.test('frame B (L counts the CRC) is normalized to frame A meaning', async (t) => {
  // radio.md § 8 vector S10: a CUL frame-B line, KAM 74433944, CI 79 compact frame, CRC 5A97, trailer 80 31.
  const frameB = fromHex('23442D2C443943741B168D20B940B97903391C7934DD66E671005D2100005D2100005A978031');
  const canonical = canonicalWireless(frameB)!;
  t.equal(canonical[0], 0x21, 'L without the 2 CRC bytes');
  t.equal(canonical.length, 0x22);
  t.same(linkIdentity(frameB).address, { manufacturer: 'KAM', id: '74433944', version: 0x1b, deviceType: 0x16 });
});

t.test('bytes too short for a link header still get a key, and no address', async (t) => {
  const id = linkIdentity(Uint8Array.of(1, 2, 3));
  t.equal(id.address, null);
  t.equal(id.dedupeKey.length, 16);
});

t.test('random bytes never throw: every input gets a key, and an address only from a plausible link header', async (t) => {
  let seed = 0x2545f491;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  let withAddress = 0;
  for (let i = 0; i < 5000; i++) {
    const bytes = Uint8Array.from({ length: random() % 160 }, random);
    if (i % 3 === 0 && bytes.length > 0) bytes[0] = bytes.length - 1; // a consistent L-field now and then
    const id = linkIdentity(bytes);
    if (id.address) {
      withAddress++;
      if (!/^[0-9A-F]{8}$/.test(id.address.id) || bytes[0]! < 10) t.fail(`implausible address from ${Buffer.from(bytes).toString('hex')}`);
    }
    if (id.dedupeKey.length !== (id.address ? 24 : 16)) t.fail('key length');
  }
  t.ok(withAddress > 100, `${withAddress} of 5000 had a link header`);
});
