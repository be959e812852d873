import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { FakeRevokedSessions, FakeTokenFamilies } from '../../test/support/fake-sessions';
import { userConfigSchema } from '../config';
import { RevokedSessionsRepository } from '../repositories/revoked-sessions.repository';
import { TokenFamiliesRepository } from '../repositories/token-families.repository';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';

describe('SessionsService', () => {
  const tokens = new TokensService(userConfigSchema.parse({ NODE_ENV: 'test', JWT_ACCESS_TTL: '10m' }));
  let families: FakeTokenFamilies;
  let revoked: FakeRevokedSessions;
  let sessions: SessionsService;

  beforeEach(async () => {
    families = new FakeTokenFamilies();
    revoked = new FakeRevokedSessions();
    sessions = new SessionsService(families as unknown as TokenFamiliesRepository, revoked as unknown as RevokedSessionsRepository, tokens);
    const expiresAt = new Date(Date.now() + 86_400_000);
    for (const [id, userId] of [['s1', 'u1'], ['s2', 'u1'], ['s3', 'u2']]) await families.create({ id, userId, currentTokenId: `t-${id}`, expiresAt });
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('ends one session in the database and lists it for the access-token lifetime, leaving the others', async () => {
    expect(await sessions.end('s1', 'LOGOUT')).toBe(true);
    expect(families.rows.get('s1')).toMatchObject({ revokedReason: 'LOGOUT', revokedAt: expect.any(Date) });
    expect(families.rows.get('s2')!.revokedAt).toBeNull();
    expect([...revoked.listed]).toEqual([['s1', 600]]);
  });

  it('ends every session of a user, and only theirs', async () => {
    await sessions.endAllOf('u1', 'ROLE_CHANGED');
    expect([...revoked.listed.keys()].sort()).toEqual(['s1', 's2']);
    expect(families.rows.get('s3')!.revokedAt).toBeNull();
  });

  it('answers 503 when the list cannot be written, and a repeated call completes the revocation', async () => {
    revoked.unavailable = true;
    const error = await failure(sessions.end('s1', 'LOGOUT'));
    expect(error).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, details: { reason: 'session-revocation-unavailable' } });
    expect(families.rows.get('s1')!.revokedAt).not.toBeNull();

    revoked.unavailable = false;
    expect(await sessions.end('s1', 'LOGOUT')).toBe(false);
    expect([...revoked.listed.keys()]).toEqual(['s1']);
  });

  it('lists again only sessions ended within an access token’s lifetime', async () => {
    await families.revoke('s1', 'ROLE_CHANGED');
    await families.revoke('s2', 'LOGOUT');
    families.rows.get('s2')!.revokedAt = new Date(Date.now() - 11 * 60_000);
    await sessions.relistRecentlyEnded('u1');
    expect([...revoked.listed.keys()]).toEqual(['s1']);
  });
});
