import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, RevokedSessions } from '@mediq/common';
import { Actor, ErrorCode, Role } from '@mediq/contracts';
import { accessTokenFor } from '../../test/support/auth';
import { gatewayConfigSchema } from '../config';
import { AccessTokens } from './access-tokens';
import { AllowKiosk, Public, Roles } from './auth.decorators';
import { AuthenticatedRequest, AuthGuard } from './auth.guard';
import { KioskKeyVerifier } from './kiosk-keys.verifier';

class Routes {
  @Public() open() {}
  signedIn() {}
  @Roles('ADMIN_FASKES') adminOnly() {}
  @Roles('OPERATOR') @AllowKiosk() operatorOrKiosk() {}
}

const KIOSK: Actor = { kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'inst-1' };

function contextFor(handler: keyof Routes, headers: Record<string, string>) {
  const request = { header: (name: string) => headers[name.toLowerCase()] } as unknown as AuthenticatedRequest;
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe('AuthGuard', () => {
  const config = gatewayConfigSchema.parse({ NODE_ENV: 'test' });
  const verifyKiosk = jest.fn(async (key: string) => {
    if (key !== 'good-key') throw new DomainError(ErrorCode.UNAUTHENTICATED, 'bad key');
    return KIOSK;
  });
  const noSessionEnded = { has: async () => false } as unknown as RevokedSessions;
  const guard = new AuthGuard(new Reflector(), new AccessTokens(config, noSessionEnded), { verify: verifyKiosk } as unknown as KioskKeyVerifier);
  const bearer = (role: Role, options = {}) => ({ authorization: `Bearer ${accessTokenFor({ userId: 'u1', role, institutionId: 'inst-1' }, options)}` });

  async function outcome(handler: keyof Routes, headers: Record<string, string>): Promise<number | Actor> {
    const { context, request } = contextFor(handler, headers);
    try {
      await guard.canActivate(context);
      return request.actor!;
    } catch (error) {
      return (error as DomainError).httpStatus;
    }
  }

  it('lets anyone through a public route, as the anonymous actor', async () => {
    expect(await outcome('open', {})).toEqual({ kind: 'anonymous' });
    expect(await outcome('open', { authorization: 'Bearer not-a-jwt' })).toEqual({ kind: 'anonymous' });
  });

  it('knows the signed-in caller on a public route', async () => {
    expect(await outcome('open', bearer('PASIEN'))).toMatchObject({ kind: 'user', userId: 'u1', role: 'PASIEN' });
  });

  it('answers 401 without credentials or with a bad, expired or foreign token', async () => {
    expect(await outcome('signedIn', {})).toBe(401);
    expect(await outcome('signedIn', { authorization: 'Bearer not-a-jwt' })).toBe(401);
    expect(await outcome('signedIn', bearer('PASIEN', { expiresIn: -10 }))).toBe(401);
    expect(await outcome('signedIn', bearer('PASIEN', { secret: 'another-secret-another-secret-another' }))).toBe(401);
  });

  it('sets the actor from a valid access token', async () => {
    expect(await outcome('signedIn', bearer('OPERATOR'))).toEqual({ kind: 'user', userId: 'u1', role: 'OPERATOR', institutionId: 'inst-1' });
  });

  it('answers 403 when the role is not one the route names', async () => {
    expect(await outcome('adminOnly', bearer('OPERATOR'))).toBe(403);
    expect(await outcome('adminOnly', bearer('ADMIN_FASKES'))).toMatchObject({ role: 'ADMIN_FASKES' });
  });

  it('admits a valid kiosk key only where @AllowKiosk() says so', async () => {
    expect(await outcome('operatorOrKiosk', { 'x-api-key': 'good-key' })).toEqual(KIOSK);
    expect(await outcome('adminOnly', { 'x-api-key': 'good-key' })).toBe(403);
    expect(await outcome('operatorOrKiosk', { 'x-api-key': 'bad-key' })).toBe(401);
  });
});
