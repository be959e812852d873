import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ANONYMOUS_ACTOR } from '@mediq/common';
import { Actor, Role } from '@mediq/contracts';

/**
 * Route access is declared with these decorators and enforced by the global guard in AuthModule:
 * every route needs a valid access token unless it is @Public(); @Roles() narrows it to roles;
 * @AllowKiosk() also admits a kiosk device's x-api-key.
 */
export const IS_PUBLIC = 'mediq:public';
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'mediq:roles';
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const KIOSK_ALLOWED = 'mediq:kiosk';
export const AllowKiosk = () => SetMetadata(KIOSK_ALLOWED, true);

/** The authenticated caller (set on the request by the guard), or the anonymous actor. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ actor?: Actor }>();
  return request.actor ?? ANONYMOUS_ACTOR;
});
