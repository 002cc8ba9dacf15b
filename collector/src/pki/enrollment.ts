/**
 * Enrollment: a gateway with a one-time token and a CSR gets its client certificate. The CSR is verified
 * before the token is used up, so a broken request does not burn the installer's token.
 */
import type { CertificateAuthority } from './certificate-authority.js';
import { csrCommonName, parseCsr } from './certificate-authority.js';
import type { EnrollmentTokens } from './enrollment-tokens.js';
import { PkiError } from './errors.js';

export interface EnrollmentResult {
  gatewayId: string;
  certPem: string;
  /** The CA certificate the gateway must trust for the collector's server certificate. */
  caCertPem: string;
}

export function enrollGateway(
  ca: CertificateAuthority,
  tokens: EnrollmentTokens,
  request: { token: string; csrPem: string; validityDays?: number },
): EnrollmentResult {
  const gatewayId = csrCommonName(parseCsr(request.csrPem));
  if (gatewayId === undefined) throw new PkiError('CSR_SUBJECT', 'CSR has no common name');
  tokens.check(request.token, gatewayId);
  const certPem = ca.signGatewayCsr(request.csrPem, gatewayId, request.validityDays !== undefined ? { validityDays: request.validityDays } : {});
  tokens.redeem(request.token, gatewayId);
  return { gatewayId, certPem, caCertPem: ca.certPem };
}
