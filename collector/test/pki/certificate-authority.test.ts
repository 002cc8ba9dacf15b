/** Certificates are checked with Node's own X509 (OpenSSL), not with node-forge that made them. */
import t from 'tap';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { CertificateAuthority, createKeyAndCsr, EXTENDED_KEY_USAGE, isPkiError, loadOrCreateCa, type PkiErrorCode } from '../../src/pki/index.js';

const codeOf = (fn: () => unknown): PkiErrorCode | 'no error' | 'foreign error' => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return isPkiError(e) ? e.code : 'foreign error';
  }
};

const ca = CertificateAuthority.create({ commonName: 'test CA' });
const caX509 = new X509Certificate(ca.certPem);

t.test('the CA certificate is a self-signed CA that OpenSSL accepts as an issuer', async (t) => {
  t.equal(caX509.ca, true);
  t.ok(caX509.verify(caX509.publicKey), 'self-signed');
  t.match(caX509.subject, /CN=test CA/);
  t.ok(caX509.checkPrivateKey(createPrivateKey(ca.keyPem)));
  const days = (Date.parse(caX509.validTo) - Date.parse(caX509.validFrom)) / 86_400_000;
  t.ok(days > 3649 && days < 3651, `${days} days`);
});

t.test('server certificate: SAN 127.0.0.1, localhost and the host name; serverAuth', async (t) => {
  const server = ca.issueServerCertificate({ hostName: 'collector.example.net' });
  const x = new X509Certificate(server.certPem);
  t.ok(x.verify(caX509.publicKey), 'signed by the CA');
  t.ok(x.checkIssued(caX509), 'issuer checks out (keyCertSign on the CA)');
  t.equal(x.ca, false);
  t.equal(x.checkIP('127.0.0.1'), '127.0.0.1');
  t.equal(x.checkHost('localhost'), 'localhost');
  t.equal(x.checkHost('collector.example.net'), 'collector.example.net');
  t.equal(x.checkHost('other.example.net'), undefined);
  t.same(x.keyUsage, [EXTENDED_KEY_USAGE.serverAuth]);
  t.ok(x.checkPrivateKey(createPrivateKey(server.keyPem)));
  const byIp = new X509Certificate(ca.issueServerCertificate({ hostName: '10.1.2.3' }).certPem);
  t.equal(byIp.checkIP('10.1.2.3'), '10.1.2.3', 'an IP host name becomes an IP SAN');
});

t.test('gateway certificate from a CSR: CN = gateway id, clientAuth, the gateway keeps its key', async (t) => {
  const { keyPem, csrPem } = createKeyAndCsr('gw-01');
  t.notMatch(csrPem, /PRIVATE KEY/, 'the CSR carries no private key');
  const certPem = ca.signGatewayCsr(csrPem, 'gw-01', { validityDays: 30 });
  const x = new X509Certificate(certPem);
  t.ok(x.verify(caX509.publicKey));
  t.ok(x.checkIssued(caX509));
  t.equal(x.subject, 'CN=gw-01');
  t.same(x.keyUsage, [EXTENDED_KEY_USAGE.clientAuth]);
  t.ok(x.checkPrivateKey(createPrivateKey(keyPem)), 'certificate is for the key the gateway made');
  const days = (Date.parse(x.validTo) - Date.now()) / 86_400_000;
  t.ok(days > 29.9 && days <= 30, `${days} days left`);
});

t.test('bad CSRs are refused with codes', async (t) => {
  const { csrPem } = createKeyAndCsr('gw-02');
  t.equal(codeOf(() => ca.signGatewayCsr(csrPem, 'gw-03')), 'CSR_SUBJECT', 'CN must be the gateway id');
  t.equal(codeOf(() => ca.signGatewayCsr(csrPem, 'gw/+')), 'GATEWAY_ID_INVALID');
  t.equal(codeOf(() => ca.signGatewayCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----', 'gw-02')), 'CSR_INVALID');
  t.equal(codeOf(() => ca.signGatewayCsr('not pem', 'gw-02')), 'CSR_INVALID');
  // Change the subject after signing: the signature no longer covers the request (a forged CSR).
  const csr = forge.pki.certificationRequestFromPem(csrPem);
  csr.setSubject([{ name: 'commonName', value: 'gw-evil' }]);
  (csr as { certificationRequestInfo: unknown }).certificationRequestInfo = null; // forge re-serialises the cached info otherwise
  const forged = forge.pki.certificationRequestToPem(csr);
  t.match(forged, /BEGIN CERTIFICATE REQUEST/);
  t.equal(codeOf(() => ca.signGatewayCsr(forged, 'gw-evil')), 'CSR_SIGNATURE');
  // And a flipped bit in the signature itself.
  const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  der[der.length - 1] ^= 0x01;
  const flipped = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
  t.equal(codeOf(() => ca.signGatewayCsr(flipped, 'gw-02')), 'CSR_SIGNATURE');
  t.equal(codeOf(() => createKeyAndCsr('bad id')), 'GATEWAY_ID_INVALID');
});

t.test('loading checks the pair and the CA flag', async (t) => {
  t.equal(codeOf(() => CertificateAuthority.fromPem({ keyPem: ca.keyPem, certPem: ca.certPem })), 'no error');
  const other = CertificateAuthority.create();
  t.equal(codeOf(() => CertificateAuthority.fromPem({ keyPem: other.keyPem, certPem: ca.certPem })), 'CA_INVALID', 'key of another CA');
  const server = ca.issueServerCertificate();
  t.equal(codeOf(() => CertificateAuthority.fromPem(server)), 'CA_INVALID', 'a leaf certificate is not a CA');
  t.equal(codeOf(() => CertificateAuthority.fromPem({ keyPem: 'x', certPem: 'y' })), 'CA_INVALID');
});

t.test('loadOrCreateCa creates once, then loads the same CA; the key file is private', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-ca-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const first = loadOrCreateCa(join(dir, 'pki'));
  t.equal(first.created, true);
  t.equal(statSync(join(dir, 'pki', 'ca.key.pem')).mode & 0o777, 0o600);
  const second = loadOrCreateCa(join(dir, 'pki'));
  t.equal(second.created, false);
  t.equal(second.ca.certPem, first.ca.certPem);
  t.equal(readFileSync(join(dir, 'pki', 'ca.cert.pem'), 'utf8'), first.ca.certPem);
  const leaf = new X509Certificate(second.ca.signGatewayCsr(createKeyAndCsr('gw-9').csrPem, 'gw-9'));
  t.ok(leaf.verify(new X509Certificate(first.ca.certPem).publicKey), 'the reloaded CA signs as the original');
});
