/**
 * Security layers against the public vectors of radio.md § 8.2 (expected values stated there, each with
 * its public source: OMS examples via lvogt/wireless-mbus-parser test specs, jmbus DecryptionTest).
 */
import t from 'tap';
import { fromHex, toHex } from '../src/util/hex.js';
import { mode5Iv, decryptCbc, mode7Keys, aflMac, decryptMode7 } from '../src/wmbus/security.js';
import { parseLink } from '../src/wmbus/link.js';
import { parseEllHeader, ellCtrIv, ellDecrypt, ellPayloadCrcOk } from '../src/wmbus/ell.js';
import { parseAfl } from '../src/wmbus/afl.js';
import { parseTpl } from '../src/wmbus/tpl.js';

t.test('V1 mode 5: CRCs removed, IV from the DLL address and ACC, plaintext starts 2F2F', async (t) => {
  const link = parseLink(fromHex('2E44931578563412330333637A2A0020255923C95AAA26D1B2E7493BC2AD013EC4A6F6D3529B520EDFF0EA6DEFC955B29D6D69EBF3EC8A'));
  t.equal(link.crcFormat, 'A');
  t.equal(toHex(link.telegram), '2E4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3');
  t.equal(link.address.manufacturer, 'ELS');
  t.equal(link.address.id, '12345678');
  const tpl = parseTpl(link.telegram, 10);
  t.equal(tpl.securityMode, 5);
  t.equal(tpl.encryptedBlocks, 2);
  const iv = mode5Iv(link.telegram.subarray(2, 10), tpl.acc!);
  t.equal(toHex(iv), '93157856341233032A2A2A2A2A2A2A2A');
  const plain = decryptCbc(fromHex('0102030405060708090A0B0C0D0E0F11'), iv, link.telegram.subarray(tpl.end, tpl.end + 32));
  t.equal(toHex(plain.subarray(0, 19)), '2F2F0C1427048502046D32371F1502FD170000');
});

t.test('V2 mode 7: KDF gives the published Kenc/Kmac, MAC verifies, negative case fails', async (t) => {
  const b = fromHex('434493157856341233038C2075900F002C25B30A000021924D4F2FB66E017A75002007109058475F4BC91DF878B80A1B0F98B629024AAC727942BFC549233C0140829B93');
  const key = fromHex('000102030405060708090A0B0C0D0E0F');
  const ell = parseEllHeader(b, 10);
  t.equal(ell.headerLength, 3);
  const afl = parseAfl(b, 13);
  t.equal(afl.fc, 0x2c00);
  t.equal(afl.mcl, 0x25);
  t.equal(toHex(afl.mac!), '21924D4F2FB66E01');
  const mcr = b.subarray(afl.mcrPos!, afl.mcrPos! + 4);
  const { kenc, kmac } = mode7Keys(key, mcr, b.subarray(4, 8));
  t.equal(toHex(kenc), 'ECCF39D475D730B8284FDFDC1995D52F');
  t.equal(toHex(kmac), 'C9CD19FF5A9AAD5A6BBDA13BD2C4C7AD');
  const tpl = parseTpl(b, afl.end);
  t.equal(tpl.securityMode, 7);
  t.equal(tpl.cfe, 0x10);
  t.equal(toHex(aflMac(kmac, afl.mcl!, mcr, undefined, b.subarray(afl.end), 8)), '21924D4F2FB66E01');
  const plain = decryptMode7(kenc, b.subarray(tpl.end, tpl.end + 32));
  t.equal(toHex(plain.subarray(0, 19)), '2F2F0C1427048502046D32371F1502FD170000');

  const tampered = b.slice();
  tampered[afl.end + 7] ^= 0x10;
  t.not(toHex(aflMac(kmac, afl.mcl!, mcr, undefined, tampered.subarray(afl.end), 8)), '21924D4F2FB66E01');
});

t.test('V5 ELL AES-CTR: relayed bit masked in the IV, payload CRC verifies, wrong key fails the CRC', async (t) => {
  const b = fromHex('24442D2C692845631B168D3050209CD621B006B1140AEF4953AE5B86FAFC0B00E70705B846');
  const ell = parseEllHeader(b, 10);
  t.equal(ell.encryption, 1);
  const iv = ellCtrIv(b, ell, 10);
  t.equal(toHex(iv), '2D2C692845631B1620209CD621000000');
  const plain = ellDecrypt(fromHex('4E5508544202058100DFEFA06B0934A5'), iv, b.subarray(17));
  t.equal(toHex(plain), '132B7802FF2000000413803C070044139F380700');
  t.ok(ellPayloadCrcOk(plain));
  const wrong = ellDecrypt(fromHex('4E5508544202058100DFEFA06B0934AF'), iv, b.subarray(17));
  t.notOk(ellPayloadCrcOk(wrong));
});
