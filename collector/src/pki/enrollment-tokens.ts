/**
 * One-time enrollment tokens: an operator issues a token for a gateway id and hands it to the installer;
 * the gateway presents it once with its CSR. Only a SHA-256 of the token is stored (the token carries
 * 256 random bits, so a fast hash suffices and a stolen store reveals no usable token). Tokens expire and
 * are single use; the store's markUsed is the single point that makes "single use" hold.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isValidGatewayId } from '@wmbus/protocol';
import { PkiError } from './errors.js';
import type { EnrollmentTokenStore } from './token-store.js';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export interface EnrollmentTokensOptions {
  store: EnrollmentTokenStore;
  /** Default lifetime of a token. */
  ttlMs?: number;
  /** Injected clock (ms since epoch) so expiry is testable without waiting. */
  now?: () => number;
}

export class EnrollmentTokens {
  private readonly store: EnrollmentTokenStore;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: EnrollmentTokensOptions) {
    this.store = options.store;
    this.ttlMs = options.ttlMs ?? 24 * 3_600_000;
    this.now = options.now ?? Date.now;
  }

  /** Returns the token in clear text; it is not stored and cannot be shown again. */
  issue(gatewayId: string, ttlMs = this.ttlMs): { token: string; expiresAt: number } {
    if (!isValidGatewayId(gatewayId)) throw new PkiError('GATEWAY_ID_INVALID', JSON.stringify(gatewayId));
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = createdAt + ttlMs;
    this.store.insert({ tokenHash: hashToken(token), gatewayId, createdAt, expiresAt });
    return { token, expiresAt };
  }

  /** Checks a token without using it up (e.g. before doing expensive work). */
  check(token: string, gatewayId: string): void {
    const record = typeof token === 'string' ? this.store.find(hashToken(token)) : undefined;
    if (!record) throw new PkiError('TOKEN_UNKNOWN');
    if (record.usedAt !== undefined) throw new PkiError('TOKEN_USED');
    if (this.now() >= record.expiresAt) throw new PkiError('TOKEN_EXPIRED');
    if (record.gatewayId !== gatewayId) throw new PkiError('TOKEN_GATEWAY_MISMATCH');
  }

  /** Uses the token up; throws a coded PkiError if it is unknown, used, expired or for another gateway. */
  redeem(token: string, gatewayId: string): void {
    this.check(token, gatewayId);
    if (!this.store.markUsed(hashToken(token), this.now())) throw new PkiError('TOKEN_USED');
  }
}
