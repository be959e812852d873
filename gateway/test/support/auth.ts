import { DEVELOPMENT_SECRETS } from '@mediq/common';
import { AccessTokenClaims, Role, TOKEN_ISSUER } from '@mediq/contracts';
import { sign } from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';

/** Who a test request acts as. */
export interface TestIdentity {
  userId: string;
  role: Role;
  institutionId?: string;
}

export interface TestTokenOptions {
  /** The gateway's JWT_ACCESS_SECRET; the development default unless the test config overrides it. */
  secret?: string;
  /** Seconds, or a duration such as '15m'; negative makes an already expired token. */
  expiresIn?: number | `${number}${'s' | 'm' | 'h' | 'd'}`;
  /** The session (refresh-token family) the token claims to come from; a new one unless given. */
  sessionId?: string;
}

/**
 * A valid access token for `identity`, signed like the user service signs one, so a gateway test can
 * act as any role without a login flow (nothing needs to exist in the user database).
 */
export function accessTokenFor(identity: TestIdentity, options: TestTokenOptions = {}): string {
  const claims: AccessTokenClaims = {
    sub: identity.userId,
    role: identity.role,
    ...(identity.institutionId ? { institutionId: identity.institutionId } : {}),
    sessionId: options.sessionId ?? randomUUID(),
    type: 'access',
  };
  return sign(claims, options.secret ?? DEVELOPMENT_SECRETS.JWT_ACCESS_SECRET, {
    algorithm: 'HS256',
    issuer: TOKEN_ISSUER,
    expiresIn: options.expiresIn ?? '15m',
  });
}

/** Request headers authenticating as `identity`: `{ authorization: 'Bearer ...' }`. */
export function authHeaders(identity: TestIdentity, options?: TestTokenOptions): { authorization: string } {
  return { authorization: `Bearer ${accessTokenFor(identity, options)}` };
}
