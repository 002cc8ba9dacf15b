import t from 'tap';
import { crc16En13757, crc16X25 } from '../src/wmbus/crc.js';
import { fromHex } from '../src/util/hex.js';

const ascii = new TextEncoder().encode('123456789');

t.test('check values of the catalogue of CRC algorithms', async (t) => {
  t.equal(crc16En13757(ascii), 0xc2b7);
  t.equal(crc16X25(ascii), 0x906e);
});

t.test('frame B CRC of the radio.md P3 vector', async (t) => {
  const frame = fromHex('1444AE0C7856341201078C2027780B134365877AC5');
  t.equal(crc16En13757(frame, 0, frame.length - 2), 0x7ac5);
});

t.test('iM871A ping response CRC (radio.md S3), little-endian on the wire', async (t) => {
  const frame = fromHex('A58102004CA3');
  t.equal(crc16X25(frame, 1, 4), 0xa34c);
});
