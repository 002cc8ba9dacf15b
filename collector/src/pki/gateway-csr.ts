/**
 * Gateway side of enrollment: the gateway makes its own key pair and a CSR with CN = its gateway id,
 * sends only the CSR (plus a one-time token) and keeps the key. Lives here until the agent takes it over.
 */
import forge from 'node-forge';
import { isValidGatewayId } from '@wmbus/protocol';
import { PkiError } from './errors.js';

export interface GatewayKeyAndCsr {
  /** Stays on the gateway (file mode 0600). */
  keyPem: string;
  csrPem: string;
}

export function createKeyAndCsr(gatewayId: string, options: { keyBits?: number } = {}): GatewayKeyAndCsr {
  if (!isValidGatewayId(gatewayId)) throw new PkiError('GATEWAY_ID_INVALID', JSON.stringify(gatewayId));
  const keys = forge.pki.rsa.generateKeyPair({ bits: options.keyBits ?? 2048, e: 0x10001 });
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([{ name: 'commonName', value: gatewayId }]);
  csr.sign(keys.privateKey, forge.md.sha256.create());
  return { keyPem: forge.pki.privateKeyToPem(keys.privateKey), csrPem: forge.pki.certificationRequestToPem(csr) };
}
