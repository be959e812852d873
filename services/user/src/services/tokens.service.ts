import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, Role, TOKEN_ISSUER } from '@mediq/contracts';
import { USER_CONFIG, UserConfig } from '../config';

interface RefreshTokenClaims {
  sub: string;
  sessionId: string;
  type: 'refresh';
  jti: string;
}

export interface RefreshTokenIdentity {
  userId: string;
  familyId: string;
  tokenId: string;
}

/** Signs and reads the two token kinds; each has its own secret, so one can never pass for the other. */
@Injectable()
export class TokensService {
  private readonly access: JwtService;
  private readonly refresh: JwtService;

  constructor(@Inject(USER_CONFIG) private readonly config: UserConfig) {
    const verifyOptions = { algorithms: ['HS256' as const], issuer: TOKEN_ISSUER };
    this.access = new JwtService({
      secret: config.JWT_ACCESS_SECRET,
      signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER, expiresIn: config.JWT_ACCESS_TTL },
      verifyOptions,
    });
    this.refresh = new JwtService({
      secret: config.JWT_REFRESH_SECRET,
      signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER, expiresIn: config.JWT_REFRESH_TTL },
      verifyOptions,
    });
  }

  get accessTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL;
  }

  refreshExpiry(): Date {
    return new Date(Date.now() + this.config.JWT_REFRESH_TTL * 1000);
  }

  signAccess(user: { id: string; role: Role; institutionId: string | null }, sessionId: string): string {
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      ...(user.institutionId ? { institutionId: user.institutionId } : {}),
      sessionId,
      type: 'access',
    };
    return this.access.sign(claims);
  }

  signRefresh({ userId, familyId, tokenId }: RefreshTokenIdentity): string {
    const claims: RefreshTokenClaims = { sub: userId, sessionId: familyId, type: 'refresh', jti: tokenId };
    return this.refresh.sign(claims);
  }

  /** The identity in a valid, unexpired refresh token, or null. */
  readRefresh(token: string): RefreshTokenIdentity | null {
    try {
      const claims = this.refresh.verify<RefreshTokenClaims>(token);
      if (claims.type !== 'refresh' || !claims.sub || !claims.sessionId || !claims.jti) return null;
      return { userId: claims.sub, familyId: claims.sessionId, tokenId: claims.jti };
    } catch {
      return null;
    }
  }

  /** The session of a valid access token, or null. */
  readAccessSession(token: string): string | null {
    try {
      const claims = this.access.verify<AccessTokenClaims>(token);
      return claims.type === 'access' && claims.sessionId ? claims.sessionId : null;
    } catch {
      return null;
    }
  }
}
