import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ANONYMOUS_ACTOR, DomainError } from '@mediq/common';
import { Actor, ErrorCode, Role } from '@mediq/contracts';
import type { Request } from 'express';
import { AccessTokens } from './access-tokens';
import { IS_PUBLIC, KIOSK_ALLOWED, REQUIRED_ROLES } from './auth.decorators';
import { KioskKeyVerifier } from './kiosk-keys.verifier';

export const KIOSK_KEY_HEADER = 'x-api-key';

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The Bearer token of a request, if any. */
export function bearerToken(request: Request): string | undefined {
  const header = request.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * The global guard: every HTTP route needs a valid access token unless it is @Public(); @Roles()
 * narrows it to roles; @AllowKiosk() also admits a kiosk's x-api-key. Sets `request.actor`.
 * Missing or invalid credentials answer 401, valid credentials without the right 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly kioskKeys: KioskKeyVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const bearer = bearerToken(request);

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // A public route still knows a signed-in caller; a bad token there is simply anonymous.
      request.actor = (bearer && (await this.tokens.tryVerify(bearer))) || ANONYMOUS_ACTOR;
      return true;
    }

    const apiKey = request.header(KIOSK_KEY_HEADER);
    let actor: Actor;
    if (bearer) actor = await this.tokens.verify(bearer);
    else if (apiKey) actor = await this.kioskKeys.verify(apiKey);
    else throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: this route needs an access token (Authorization: Bearer)');
    request.actor = actor;

    if (actor.kind === 'kiosk') {
      if (!this.reflector.getAllAndOverride<boolean>(KIOSK_ALLOWED, targets)) throw DomainError.forbidden('A kiosk key cannot use this route');
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [];
    if (roles.length > 0 && !roles.includes(actor.role!)) {
      throw DomainError.forbidden(`This route is for ${roles.join(' or ')} accounts`);
    }
    return true;
  }
}
