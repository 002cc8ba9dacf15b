/**
 * The meter address and dedupe key read from raw bytes without decrypting, checked against the decoder
 * over every wireless telegram in fixtures/telegrams, and across the ways sticks deliver one telegram.
 */
import { createHash } from 'node:crypto';
import t from 'tap';
import { decodeTelegram, fromHex } from '@wmbus/protocol';
import { canonicalWireless, linkIdentity } from '../../src/ingest/index.js';
import { sha256Into } from '../../src/ingest/sha256.js';
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

const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();
const looksWired = (b: Uint8Array): boolean =>
  (b[0] === 0x68 && b.length >= 4 && b[1] === b[2] && b[3] === 0x68) || (b[0] === 0x10 && b.length === 5) || (b[0] === 0xe5 && b.length === 1);
/** The key as stored keys were computed (node:crypto): address bytes + SHA-256(CI..end), or SHA-256(raw) without a link header. */
function expectedKey(raw: Uint8Array): Buffer {
  const telegram = looksWired(raw) ? null : canonicalWireless(raw);
  return telegram ? Buffer.concat([telegram.subarray(2, 10), sha256(telegram.subarray(10)).subarray(0, 16)]) : sha256(raw).subarray(0, 16);
}

t.test('the dedupe key is the address bytes and SHA-256 of CI..end, as stored keys were computed', async (t) => {
  let compared = 0;
  for (const fx of allFixtures()) {
    for (const raw of fx.telegrams) {
      if (Buffer.compare(Buffer.from(linkIdentity(raw).dedupeKey), expectedKey(raw)) !== 0) t.fail(`${fx.file}: ${Buffer.from(raw).toString('hex')}`);
      compared++;
    }
  }
  t.ok(compared > 100, `${compared} fixtures compared`);
});

t.test('sha256Into equals node:crypto for every length across the block boundaries', async (t) => {
  const src = Uint8Array.from({ length: 400 }, (_, i) => (i * 151 + 7) & 0xff);
  const out = new Uint8Array(40);
  for (let start = 0; start < 3; start++) {
    for (let end = start; end <= src.length; end++) {
      sha256Into(src, start, end, out, 5);
      const expected = sha256(src.subarray(start, end));
      if (Buffer.compare(Buffer.from(out.subarray(5, 37)), expected) !== 0) t.fail(`bytes ${start}..${end}`);
    }
  }
  sha256Into(src, 0, 70, out, 0, 16);
  t.same(Buffer.from(out.subarray(0, 16)), sha256(src.subarray(0, 70)).subarray(0, 16), 'a 16-byte prefix');
  t.equal(Buffer.from(out.subarray(16, 37)).toString('hex'), sha256(src.subarray(2, 400)).subarray(11, 32).toString('hex'), 'bytes after the prefix untouched');
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
    if (Buffer.compare(Buffer.from(id.dedupeKey), expectedKey(bytes)) !== 0) t.fail(`key of ${Buffer.from(bytes).toString('hex')}`);
  }
  t.ok(withAddress > 100, `${withAddress} of 5000 had a link header`);
});
