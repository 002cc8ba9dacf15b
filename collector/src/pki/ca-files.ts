/** Keeps the CA in a directory: ca.key.pem (mode 0600) and ca.cert.pem; created on first start. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateAuthority, type CreateCaOptions } from './certificate-authority.js';

export function loadOrCreateCa(dir: string, options: CreateCaOptions = {}): { ca: CertificateAuthority; created: boolean } {
  const keyPath = join(dir, 'ca.key.pem');
  const certPath = join(dir, 'ca.cert.pem');
  if (existsSync(keyPath) && existsSync(certPath)) {
    return { ca: CertificateAuthority.fromPem({ keyPem: readFileSync(keyPath, 'utf8'), certPem: readFileSync(certPath, 'utf8') }), created: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = CertificateAuthority.create(options);
  // Key first with flag 'wx': never overwrite an existing key (a half-written earlier run is reported, not replaced).
  writeFileSync(keyPath, ca.keyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(certPath, ca.certPem, { mode: 0o644, flag: 'wx' });
  return { ca, created: true };
}
