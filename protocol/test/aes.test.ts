import t from 'tap';
import { aesCmac } from '../src/wmbus/aes.js';
import { fromHex, toHex } from '../src/util/hex.js';

// RFC 4493 § 4 test vectors (radio.md § 8.2 V9).
const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');

t.test('AES-CMAC of the empty message', async (t) => {
  t.equal(toHex(aesCmac(key, new Uint8Array(0))), 'BB1D6929E95937287FA37D129B756746');
});

t.test('AES-CMAC of one complete block', async (t) => {
  t.equal(toHex(aesCmac(key, fromHex('6bc1bee22e409f96e93d7e117393172a'))), '070A16B46B4D4144F79BDD9DD04A287C');
});

t.test('AES-CMAC of 40 bytes (partial last block)', async (t) => {
  const m = fromHex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411');
  t.equal(toHex(aesCmac(key, m)), 'DFA66747DE9AE63030CA32611497C827');
});

t.test('AES-CMAC of 64 bytes (four complete blocks)', async (t) => {
  const m = fromHex(
    '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
  );
  t.equal(toHex(aesCmac(key, m)), '51F0BEBF7E3B9D92FC49741779363CFE');
});
