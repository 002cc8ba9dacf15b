/**
 * Wired M-Bus request builders against bytes worked out by hand from the M-Bus documentation facts
 * (radio.md § 3.4): short frame `10 C A CS 16`, long frame `68 L L 68 C A CI data CS 16`,
 * CS = C + A (+ CI + data) modulo 256. Each checksum is summed in the comment beside it.
 */
import t from 'tap';
import { fromHex, parseWired } from '@wmbus/protocol';
import { reqUd2, secondaryAddressBytes, secondaryAddressMatches, selectSecondary, sndNke } from '../../src/wired/framing.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

t.test('SND_NKE and REQ_UD2 short frames', async (t) => {
  t.equal(hex(sndNke(1)), '1040014116', 'CS = 40 + 01 = 41');
  t.equal(hex(sndNke(0xfd)), '1040FD3D16', 'CS = 40 + FD = 13D → 3D');
  t.equal(hex(reqUd2(1, true)), '107B017C16', 'FCB set: C = 7B, CS = 7B + 01 = 7C');
  t.equal(hex(reqUd2(1, false)), '105B015C16', 'FCB clear: C = 5B, CS = 5B + 01 = 5C');
  t.equal(hex(reqUd2(0x17, true)), '107B179216', 'CS = 7B + 17 = 92');
  t.equal(hex(reqUd2(0xfd, true)), '107BFD7816', 'CS = 7B + FD = 178 → 78');
  t.throws(() => sndNke(256), { name: 'WiredRequestError', code: 'WIRED_REQUEST' });
  t.throws(() => reqUd2(-1, true), { code: 'WIRED_REQUEST' });
});

t.test('secondary selection: SND_UD to FD, CI 52, id BCD LSB first, FF wildcards', async (t) => {
  // id 12345678, everything else wildcard: 68 0B 0B 68 | 53 FD 52 | 78 56 34 12 FF FF FF FF | CS 16
  // CS = 53+FD+52+78+56+34+12+4×FF = 6B2 → B2
  t.equal(hex(selectSecondary({ id: '12345678' })), '680B0B6853FD5278563412FFFFFFFFB216');
  // A mask narrowing the first digit only: '1FFFFFFF' → id bytes FF FF FF 1F
  t.equal(hex(secondaryAddressBytes({ id: '1FFFFFFF' })), 'FFFFFF1FFFFFFFFF');
  // The full address of the aptmbusna meter: id 00683775, APA = (1<<10)|(16<<5)|1 = 0601 (LE 01 06),
  // version 15, medium 07 — exactly the bytes of its answer's CI 72 header (fixtures/telegrams/aptmbusna/W.json).
  const full = selectSecondary({ id: '00683775', manufacturer: 'APA', version: 0x15, medium: 0x07 });
  // CS = 53+FD+52+75+37+68+00+01+06+15+07 = 2D9 → D9
  t.equal(hex(full), '680B0B6853FD527537680001061507D916');
  const answer = fromHex('685656680800727537680001061507CCE800000C7875376800046D1DB458340413F73E0000023B0D00441385010000426C41340227090203FD171C030004FF0A0404000002FF0B000003FF0C1300B20F00042C1B1B00010200003716');
  t.same(hex(full.subarray(7, 15)), hex(answer.subarray(7, 15)));
  const parsed = parseWired(full);
  t.equal(parsed.kind, 'long', "the protocol's own parser accepts the built frame");
  t.equal(parsed.ci, 0x52);
  t.throws(() => selectSecondary({ id: '1234567' }), { code: 'WIRED_REQUEST' }, 'seven digits');
  t.throws(() => selectSecondary({ id: '1234567A' }), { code: 'WIRED_REQUEST' }, 'A is not a digit or wildcard');
  t.throws(() => selectSecondary({ id: '12345678', manufacturer: 'AP' }), { code: 'WIRED_REQUEST' });
});

t.test('selection masks match nibble by nibble (id) and byte by byte (the rest)', async (t) => {
  const meter = fromHex('7537680001061507'); // aptmbusna
  t.ok(secondaryAddressMatches(secondaryAddressBytes({ id: 'FFFFFFFF' }), meter));
  t.ok(secondaryAddressMatches(secondaryAddressBytes({ id: '0FFFFFFF' }), meter));
  t.ok(secondaryAddressMatches(secondaryAddressBytes({ id: '006FFFFF' }), meter));
  t.notOk(secondaryAddressMatches(secondaryAddressBytes({ id: '007FFFFF' }), meter));
  t.ok(secondaryAddressMatches(secondaryAddressBytes({ id: 'FFFFFFF5' }), meter), 'last digit');
  t.notOk(secondaryAddressMatches(secondaryAddressBytes({ id: 'FFFFFF5F' }), meter));
  t.ok(secondaryAddressMatches(secondaryAddressBytes({ id: '00683775', manufacturer: 'APA' }), meter));
  t.notOk(secondaryAddressMatches(secondaryAddressBytes({ id: '00683775', manufacturer: 'KAM' }), meter));
  t.notOk(secondaryAddressMatches(secondaryAddressBytes({ id: '00683775', medium: 4 }), meter));
});
