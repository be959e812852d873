import { Logger } from '@nestjs/common';
import { DEVELOPMENT_SECRETS, DomainError, RevokedSessions } from '@mediq/common';
import { ErrorCode, TOKEN_ISSUER } from '@mediq/contracts';
import { sign } from 'jsonwebtoken';
import { accessTokenFor } from '../../test/support/auth';
import { gatewayConfigSchema } from '../config';
import { AccessTokens } from './access-tokens';

/** The revocation list in memory; `unreadable` makes lookups fail as they do when Redis is down. */
class FakeRevokedSessions {
  readonly ended = new Set<string>();
  unreadable = false;
  async has(sessionId: string) {
    if (this.unreadable) throw new Error('Stream isn\'t writeable and enableOfflineQueue options is false');
    return this.ended.has(sessionId);
  }
}

describe('AccessTokens', () => {
  const config = gatewayConfigSchema.parse({ NODE_ENV: 'test' });
  let revoked: FakeRevokedSessions;
  let tokens: AccessTokens;
  const operator = { userId: 'op-1', role: 'OPERATOR' as const, institutionId: 'inst-1' };
  const patient = { userId: 'p-1', role: 'PASIEN' as const };

  beforeEach(() => {
    revoked = new FakeRevokedSessions();
    tokens = new AccessTokens(config, revoked as unknown as RevokedSessions);
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('refuses a token of an ended session with 401 "session has ended", while another session of the same user works', async () => {
    revoked.ended.add('ended-session');
    const error = await refusal(tokens.verify(accessTokenFor(operator, { sessionId: 'ended-session' })));
    expect(error).toMatchObject({ code: ErrorCode.SESSION_ENDED, httpStatus: 401, message: 'Your session has ended; please sign in again.', details: { reason: 'session-ended' } });
    expect(await tokens.tryVerify(accessTokenFor(operator, { sessionId: 'ended-session' }))).toBeNull();

    expect(await tokens.verify(accessTokenFor(operator, { sessionId: 'other-session' }))).toEqual({ kind: 'user', userId: 'op-1', role: 'OPERATOR', institutionId: 'inst-1' });
  });

  it('refuses a token without a session, which could never be revoked', async () => {
    const withoutSession = sign({ sub: 'op-1', role: 'OPERATOR', type: 'access' }, DEVELOPMENT_SECRETS.JWT_ACCESS_SECRET, { algorithm: 'HS256', issuer: TOKEN_ISSUER, expiresIn: '15m' });
    expect(await refusal(tokens.verify(withoutSession))).toMatchObject({ code: ErrorCode.TOKEN_INVALID, message: expect.stringContaining('invalid or has expired') });
  });

  it('with the list unreadable, refuses staff with 503 and lets patients through, warning once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    revoked.unreadable = true;
    for (let i = 0; i < 2; i++) {
      const error = await refusal(tokens.verify(accessTokenFor(operator)));
      expect(error).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, httpStatus: 503, details: { reason: 'session-store-unavailable' } });
    }
    expect(await tokens.tryVerify(accessTokenFor({ ...operator, role: 'ADMIN_FASKES' }))).toBeNull();
    expect(await tokens.verify(accessTokenFor(patient))).toMatchObject({ userId: 'p-1', role: 'PASIEN' });
    expect(warn).toHaveBeenCalledTimes(1);

    revoked.unreadable = false;
    expect(await tokens.verify(accessTokenFor(operator))).toMatchObject({ userId: 'op-1' });
    warn.mockRestore();
  });
});
