import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, RevokedSessions } from '@mediq/common';
import { AccessTokenClaims, Actor, ErrorCode, Role, ROLES, TOKEN_ISSUER } from '@mediq/contracts';
import { StoreOutageLog } from '../common/store-outage-log';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

type Refusal = 'invalid' | 'session-ended' | 'unverifiable';
type TokenCheck = { actor: Actor } | { refused: Refusal };

const REFUSALS: Record<Refusal, () => DomainError> = {
  invalid: () => new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is invalid or has expired; sign in again or refresh it'),
  'session-ended': () => new DomainError(ErrorCode.SESSION_ENDED, 'Your session has ended; please sign in again.', { reason: 'session-ended' }),
  unverifiable: () =>
    new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Your sign-in cannot be checked right now; try again in a moment', { reason: 'session-store-unavailable' }),
};

/**
 * Verifies access tokens (HS256, signed by the user service) and turns their claims into an Actor.
 * A token whose session has ended (logout, role change, deletion, a stolen refresh token) is refused
 * at once: its `sessionId` is looked up in the revocation list the user service writes to Redis.
 */
@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;
  private readonly outage = new StoreOutageLog(new Logger(AccessTokens.name), 'session-revocation-store', {
    down: (reason) => `session revocation list unreadable: Redis unavailable (${reason}); staff requests answer 503, patients' pass`,
    up: 'session revocation list readable again',
  });

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly revokedSessions: RevokedSessions,
  ) {
    this.jwt = new JwtService({ secret: config.JWT_ACCESS_SECRET, verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER } });
  }

  /** The actor of a valid access token of a live session; 401 for anything else (expired, forged, a refresh token, an ended session). */
  async verify(token: string): Promise<Actor> {
    const check = await this.check(token);
    if ('refused' in check) throw REFUSALS[check.refused]();
    return check.actor;
  }

  /** The actor, or null where `verify` would refuse. */
  async tryVerify(token: string): Promise<Actor | null> {
    const check = await this.check(token);
    return 'actor' in check ? check.actor : null;
  }

  private async check(token: string): Promise<TokenCheck> {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return { refused: 'invalid' };
    }
    if (claims.type !== 'access' || typeof claims.sub !== 'string' || !claims.role || !ROLES.includes(claims.role)) return { refused: 'invalid' };
    if (typeof claims.sessionId !== 'string' || !claims.sessionId) return { refused: 'invalid' };

    const ended = await this.sessionEnded(claims.sessionId, claims.role);
    if (ended === 'unknown') return { refused: 'unverifiable' };
    if (ended) return { refused: 'session-ended' };
    return {
      actor: {
        kind: 'user',
        userId: claims.sub,
        role: claims.role,
        ...(claims.institutionId ? { institutionId: claims.institutionId } : {}),
      },
    };
  }

  /**
   * One Redis lookup per request. When Redis cannot be read the answer depends on the role:
   * - staff (operators, administrators): unknown, so the request is refused with 503 (fail closed).
   *   Their tokens reach patients' personal data and administration, and a revoked staff session
   *   (someone dismissed or demoted, a stolen session) is exactly what the list is for.
   * - patients: not ended (fail open). A patient's token reaches only their own record and ticket,
   *   and patients' phones keep following the queue through an outage; such a token expires within
   *   the access-token lifetime anyway.
   * Kiosks (x-api-key) have their own list (KioskKeyVerifier); display boards carry no credentials.
   */
  private async sessionEnded(sessionId: string, role: Role): Promise<boolean | 'unknown'> {
    try {
      const ended = await this.revokedSessions.has(sessionId);
      this.outage.answered();
      return ended;
    } catch (error) {
      this.outage.failed(error);
      return role === 'PASIEN' ? false : 'unknown';
    }
  }
}
