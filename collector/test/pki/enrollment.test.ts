import t from 'tap';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CertificateAuthority,
  createKeyAndCsr,
  enrollGateway,
  EnrollmentTokens,
  hashToken,
  isPkiError,
  JsonFileTokenStore,
  MemoryTokenStore,
  type PkiErrorCode,
} from '../../src/pki/index.js';

const codeOf = (fn: () => unknown): PkiErrorCode | 'no error' | 'foreign error' => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return isPkiError(e) ? e.code : 'foreign error';
  }
};

t.test('a token is single use, bound to its gateway, and expires', async (t) => {
  let now = 1_764_000_000_000;
  const tokens = new EnrollmentTokens({ store: new MemoryTokenStore(), ttlMs: 60_000, now: () => now });
  const a = tokens.issue('gw-a');
  t.equal(a.expiresAt, now + 60_000);
  t.match(a.token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
  t.not(tokens.issue('gw-a').token, a.token, 'every token is new');
  t.equal(codeOf(() => tokens.redeem(a.token, 'gw-b')), 'TOKEN_GATEWAY_MISMATCH');
  t.equal(codeOf(() => tokens.redeem(a.token, 'gw-a')), 'no error');
  t.equal(codeOf(() => tokens.redeem(a.token, 'gw-a')), 'TOKEN_USED');
  t.equal(codeOf(() => tokens.redeem('made-up', 'gw-a')), 'TOKEN_UNKNOWN');
  const b = tokens.issue('gw-b');
  now += 59_999;
  t.equal(codeOf(() => tokens.check(b.token, 'gw-b')), 'no error');
  now += 1;
  t.equal(codeOf(() => tokens.redeem(b.token, 'gw-b')), 'TOKEN_EXPIRED');
  t.equal(codeOf(() => tokens.issue('+')), 'GATEWAY_ID_INVALID');
});

t.test('the JSON file store keeps only hashes and survives a restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wmbus-tokens-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'tokens.json');
  const tokens = new EnrollmentTokens({ store: new JsonFileTokenStore(path) });
  const used = tokens.issue('gw-1');
  const fresh = tokens.issue('gw-2');
  tokens.redeem(used.token, 'gw-1');
  const text = readFileSync(path, 'utf8');
  t.notOk(text.includes(used.token) || text.includes(fresh.token), 'no clear-text token on disk');
  t.ok(text.includes(hashToken(fresh.token)));
  const restarted = new EnrollmentTokens({ store: new JsonFileTokenStore(path) });
  t.equal(codeOf(() => restarted.redeem(used.token, 'gw-1')), 'TOKEN_USED', 'use survives a restart');
  t.equal(codeOf(() => restarted.redeem(fresh.token, 'gw-2')), 'no error');
});

t.test('enrollment: token + CSR gives a client certificate; a bad CSR does not burn the token', async (t) => {
  const ca = CertificateAuthority.create();
  const tokens = new EnrollmentTokens({ store: new MemoryTokenStore() });
  const { token } = tokens.issue('gw-7');
  const wrong = createKeyAndCsr('gw-8');
  t.equal(codeOf(() => enrollGateway(ca, tokens, { token, csrPem: wrong.csrPem })), 'TOKEN_GATEWAY_MISMATCH');
  t.equal(codeOf(() => enrollGateway(ca, tokens, { token, csrPem: 'garbage' })), 'CSR_INVALID');
  const { csrPem } = createKeyAndCsr('gw-7');
  const result = enrollGateway(ca, tokens, { token, csrPem });
  t.equal(result.gatewayId, 'gw-7');
  t.equal(result.caCertPem, ca.certPem);
  t.equal(new X509Certificate(result.certPem).subject, 'CN=gw-7');
  t.ok(new X509Certificate(result.certPem).verify(new X509Certificate(ca.certPem).publicKey));
  t.equal(codeOf(() => enrollGateway(ca, tokens, { token, csrPem })), 'TOKEN_USED', 'the token worked once');
});
