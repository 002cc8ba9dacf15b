/** Who is connecting: the CN of a verified TLS client certificate, or (plain TCP) the MQTT username. */
import { TLSSocket } from 'node:tls';
import { isValidGatewayId } from '@wmbus/protocol';

export type IdentityResult = { ok: true; gatewayId: string; via: 'tls' | 'tcp' } | { ok: false; reason: string };

/** A function that checks a plain-TCP login; the password is whatever the dev/test setup agreed on. */
export type TcpAuthenticator = (gatewayId: string, password: Buffer | undefined) => boolean | Promise<boolean>;

export function tlsIdentity(socket: TLSSocket): IdentityResult {
  // rejectUnauthorized already refused unverified chains; checked again so a misconfigured server fails closed.
  if (!socket.authorized) return { ok: false, reason: `client certificate not verified: ${String(socket.authorizationError)}` };
  const cn: unknown = socket.getPeerCertificate()?.subject?.CN;
  // Node types CN as string | string[]: a certificate with several CNs names no single gateway.
  if (typeof cn !== 'string' || !isValidGatewayId(cn)) return { ok: false, reason: `client certificate CN ${JSON.stringify(cn)} is not a gateway id` };
  return { ok: true, gatewayId: cn, via: 'tls' };
}

export async function tcpIdentity(
  username: string | undefined,
  password: Buffer | undefined,
  authenticate: TcpAuthenticator | undefined,
): Promise<IdentityResult> {
  if (!authenticate) return { ok: false, reason: 'plain TCP has no authenticator configured' };
  if (!isValidGatewayId(username)) return { ok: false, reason: `username ${JSON.stringify(username)} is not a gateway id` };
  const accepted = await authenticate(username, password);
  return accepted === true ? { ok: true, gatewayId: username, via: 'tcp' } : { ok: false, reason: `bad credentials for ${username}` };
}

export const isTlsSocket = (conn: unknown): conn is TLSSocket => conn instanceof TLSSocket;
