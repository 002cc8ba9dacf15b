/**
 * The collector's own certificate authority (node-forge). It signs the collector's TLS server certificate
 * and one client certificate per gateway (CN = gateway id), which the broker checks for mutual TLS.
 * Extensions follow architecture.md § 6 (mTLS row): CA with basicConstraints + keyCertSign, server with
 * SAN 127.0.0.1 + localhost + the host name and serverAuth, gateway with clientAuth.
 * Gateway private keys never come here: gateways send a CSR (gateway-csr.ts).
 */
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import { isValidGatewayId } from '@wmbus/protocol';
import { PkiError } from './errors.js';

export interface KeyAndCertificate {
  keyPem: string;
  certPem: string;
}

export interface CreateCaOptions {
  commonName?: string;
  validityDays?: number;
  keyBits?: number;
  now?: Date;
}

const DAY_MS = 86_400_000;
/** Certificates start a little in the past so a gateway whose clock lags slightly still accepts them. */
const BACKDATE_MS = 5 * 60_000;

const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
export const EXTENDED_KEY_USAGE = { serverAuth: OID_SERVER_AUTH, clientAuth: OID_CLIENT_AUTH } as const;

/** A positive 128-bit serial (RFC 5280 § 4.1.2.2: unique per CA, at most 20 octets, positive). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, now: Date, days: number): void {
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
}

/** RSA key pair; node-forge uses Node's native generateKeyPairSync when available, so this is fast. */
function generateKeys(bits: number): forge.pki.rsa.KeyPair {
  return forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 });
}

export class CertificateAuthority {
  private constructor(
    private readonly key: forge.pki.rsa.PrivateKey,
    private readonly cert: forge.pki.Certificate,
    /** The CA certificate in PEM, for trust stores (broker `ca`, gateway `ca`). */
    readonly certPem: string,
    readonly keyPem: string,
  ) {}

  /** Creates a new CA: key pair and a self-signed certificate. Persist `keyPem` and `certPem` (files.ts). */
  static create(options: CreateCaOptions = {}): CertificateAuthority {
    const now = options.now ?? new Date();
    const keys = generateKeys(options.keyBits ?? 2048);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = randomSerial();
    validity(cert, now, options.validityDays ?? 3650);
    const subject = [
      { name: 'commonName', value: options.commonName ?? 'wmbus collector CA' },
      { name: 'organizationName', value: 'wmbus-stack' },
    ];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    return CertificateAuthority.fromPem({ keyPem: forge.pki.privateKeyToPem(keys.privateKey), certPem: forge.pki.certificateToPem(cert) });
  }

  /** Loads a CA from PEM; checks that the key belongs to the certificate and that it is a CA. */
  static fromPem({ keyPem, certPem }: KeyAndCertificate): CertificateAuthority {
    let key: forge.pki.rsa.PrivateKey;
    let cert: forge.pki.Certificate;
    try {
      key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
      cert = forge.pki.certificateFromPem(certPem);
    } catch (e) {
      throw new PkiError('CA_INVALID', (e as Error).message);
    }
    const x509 = new X509Certificate(certPem);
    if (!x509.ca) throw new PkiError('CA_INVALID', 'certificate is not a CA (basicConstraints cA is not set)');
    if (!x509.checkPrivateKey(createPrivateKey(keyPem))) throw new PkiError('CA_INVALID', 'private key does not match the certificate');
    return new CertificateAuthority(key, cert, certPem, keyPem);
  }

  private issue(
    publicKey: forge.pki.PublicKey,
    commonName: string,
    days: number,
    now: Date,
    extensions: object[],
  ): string {
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = randomSerial();
    validity(cert, now, days);
    cert.setSubject([{ name: 'commonName', value: commonName }]);
    cert.setIssuer(this.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      ...extensions,
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.cert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    cert.sign(this.key, forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
  }

  /**
   * The collector's TLS server certificate: SAN IP 127.0.0.1, DNS localhost and `hostName` (a DNS name or
   * an IP address), extended key usage serverAuth. The key is created here: it is the collector's own.
   */
  issueServerCertificate(options: { hostName?: string; validityDays?: number; keyBits?: number; now?: Date } = {}): KeyAndCertificate {
    const keys = generateKeys(options.keyBits ?? 2048);
    const altNames: { type: number; value?: string; ip?: string }[] = [
      { type: 7, ip: '127.0.0.1' },
      { type: 2, value: 'localhost' },
    ];
    const host = options.hostName;
    if (host && host !== 'localhost' && host !== '127.0.0.1') altNames.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });
    const certPem = this.issue(keys.publicKey, host ?? 'localhost', options.validityDays ?? 825, options.now ?? new Date(), [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ]);
    return { keyPem: forge.pki.privateKeyToPem(keys.privateKey), certPem };
  }

  /**
   * Signs a gateway's CSR after verifying its signature (proof that the requester holds the key) and that
   * its common name is `gatewayId`. Returns the client certificate (clientAuth, CN = gateway id).
   */
  signGatewayCsr(csrPem: string, gatewayId: string, options: { validityDays?: number; now?: Date } = {}): string {
    if (!isValidGatewayId(gatewayId)) throw new PkiError('GATEWAY_ID_INVALID', JSON.stringify(gatewayId));
    const csr = parseCsr(csrPem);
    const cn = csrCommonName(csr);
    if (cn !== gatewayId) throw new PkiError('CSR_SUBJECT', `CSR names ${JSON.stringify(cn)}, expected ${JSON.stringify(gatewayId)}`);
    if (!csr.publicKey) throw new PkiError('CSR_INVALID', 'no public key');
    return this.issue(csr.publicKey, gatewayId, options.validityDays ?? 825, options.now ?? new Date(), [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ]);
  }
}

/** Parses a CSR and verifies its self-signature; coded errors only. */
export function parseCsr(csrPem: string): forge.pki.CertificateSigningRequest {
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch (e) {
    throw new PkiError('CSR_INVALID', (e as Error).message);
  }
  let verified = false;
  try {
    verified = csr.verify();
  } catch {
    verified = false;
  }
  if (!verified) throw new PkiError('CSR_SIGNATURE');
  return csr;
}

export function csrCommonName(csr: forge.pki.CertificateSigningRequest): string | undefined {
  const value = csr.subject.getField('CN')?.value as unknown;
  return typeof value === 'string' ? value : undefined;
}
