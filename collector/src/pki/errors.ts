/** Coded errors of the collector's certificate authority and enrollment (stable codes, never reused). */
import { CodedError } from '@wmbus/protocol';

export const PKI_ERROR_CATALOGUE = {
  CA_INVALID: 'CA key and certificate do not form a usable certificate authority',
  CSR_INVALID: 'certificate signing request cannot be parsed',
  CSR_SIGNATURE: 'certificate signing request signature does not verify (the requester does not hold the key)',
  CSR_SUBJECT: 'certificate signing request common name is not the expected gateway id',
  GATEWAY_ID_INVALID: 'gateway id is not valid (1-63 characters of A-Z a-z 0-9 . _ -, see @wmbus/protocol topics)',
  TOKEN_UNKNOWN: 'enrollment token is not known',
  TOKEN_EXPIRED: 'enrollment token has expired',
  TOKEN_USED: 'enrollment token was already used',
  TOKEN_GATEWAY_MISMATCH: 'enrollment token was issued for another gateway',
} as const satisfies Record<string, string>;

export type PkiErrorCode = keyof typeof PKI_ERROR_CATALOGUE;

export class PkiError extends CodedError<PkiErrorCode> {
  override readonly name = 'PkiError';

  constructor(code: PkiErrorCode, detail?: string) {
    super(PKI_ERROR_CATALOGUE, code, detail);
  }
}

export const isPkiError = (e: unknown): e is PkiError => e instanceof PkiError;
