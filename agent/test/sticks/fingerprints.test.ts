import t from 'tap';
import { STICK_FINGERPRINTS, matchFingerprints } from '../../src/sticks/fingerprints.js';
import { STICKS } from '../../src/sticks/registry.js';

t.test('the ids the docs name map to the right kinds and baud rates', async (t) => {
  t.match(matchFingerprints({ vendorId: '10c4', productId: 'ea60' })[0], { kind: 'im871a', baudRate: 57600 });
  t.match(matchFingerprints({ vendorId: '10C4', productId: '87ED' })[0], { kind: 'im871a' }, 'RWE clone, case-insensitive');
  t.match(matchFingerprints({ vendorId: '03eb', productId: '204b' })[0], { kind: 'cul', baudRate: 38400 });
});

t.test('a shared FTDI id is ambiguous until a name decides', async (t) => {
  t.same(matchFingerprints({ vendorId: '0403', productId: '6001' }).map((f) => f.kind).sort(), ['amber', 'cul']);
  t.equal(matchFingerprints({ vendorId: '0403', productId: '6001', path: '/dev/serial/by-id/usb-SHK_NANO_CUL_868-if00-port0' })[0]!.kind, 'cul');
  t.same(matchFingerprints({ vendorId: '1234', productId: '5678' }), []);
});

t.test('every fingerprint names its source and a kind with a driver; baud rates agree with the registry', async (t) => {
  for (const fp of STICK_FINGERPRINTS) {
    t.ok(fp.source.length > 10, `${fp.kind} has a source`);
    t.equal(fp.baudRate, STICKS[fp.kind].baudRate, `${fp.kind} baud rate`);
  }
});
