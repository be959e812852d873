import { userConfigSchema } from '../config';
import { TokensService } from './tokens.service';

describe('TokensService', () => {
  const tokens = new TokensService(userConfigSchema.parse({ NODE_ENV: 'test', JWT_ACCESS_TTL: '15m', JWT_REFRESH_TTL: '7d' }));
  const user = { id: 'u1', role: 'OPERATOR' as const, institutionId: 'inst-1' };

  it('reads back the identity of a refresh token it signed', () => {
    const token = tokens.signRefresh({ userId: 'u1', familyId: 'f1', tokenId: 't1' });
    expect(tokens.readRefresh(token)).toEqual({ userId: 'u1', familyId: 'f1', tokenId: 't1' });
  });

  it('never takes an access token for a refresh token, or the reverse', () => {
    const access = tokens.signAccess(user, 'f1');
    const refresh = tokens.signRefresh({ userId: 'u1', familyId: 'f1', tokenId: 't1' });
    expect(tokens.readRefresh(access)).toBeNull();
    expect(tokens.readAccessSession(refresh)).toBeNull();
    expect(tokens.readAccessSession(access)).toBe('f1');
  });

  it('parses lifetimes from the configuration', () => {
    expect(tokens.accessTtlSeconds).toBe(900);
    const days = (tokens.refreshExpiry().getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(7);
  });

  it('refuses a tampered token', () => {
    const token = tokens.signRefresh({ userId: 'u1', familyId: 'f1', tokenId: 't1' });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u2', sessionId: 'f1', type: 'refresh', jti: 't1', iss: 'mediq' })).toString('base64url');
    expect(tokens.readRefresh(`${header}.${forged}.${signature}`)).toBeNull();
  });
});
