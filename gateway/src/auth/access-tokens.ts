import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@mediq/common';
import { AccessTokenClaims, Actor, ErrorCode, ROLES, TOKEN_ISSUER } from '@mediq/contracts';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

/** Verifies access tokens (HS256, signed by the user service) and turns their claims into an Actor. */
@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.jwt = new JwtService({ secret: config.JWT_ACCESS_SECRET, verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER } });
  }

  /** The actor of a valid access token; 401 for anything else (expired, forged, a refresh token). */
  async verify(token: string): Promise<Actor> {
    const actor = await this.tryVerify(token);
    if (!actor) throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is invalid or has expired; sign in again or refresh it');
    return actor;
  }

  async tryVerify(token: string): Promise<Actor | null> {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return null;
    }
    if (claims.type !== 'access' || typeof claims.sub !== 'string' || !claims.role || !ROLES.includes(claims.role)) return null;
    return {
      kind: 'user',
      userId: claims.sub,
      role: claims.role,
      ...(claims.institutionId ? { institutionId: claims.institutionId } : {}),
    };
  }
}
