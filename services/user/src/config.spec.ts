import { ConfigError, DEVELOPMENT_SECRETS } from '@mediq/common';
import { loadUserConfig } from './config';

describe('user service configuration', () => {
  it('runs in development with the marked development secrets and default lifetimes', () => {
    const config = loadUserConfig({});
    expect(config.JWT_ACCESS_SECRET).toBe(DEVELOPMENT_SECRETS.JWT_ACCESS_SECRET);
    expect(config.JWT_ACCESS_TTL).toBe(900);
    expect(config.JWT_REFRESH_TTL).toBe(7 * 86_400);
  });

  it('refuses to start in production with a development secret, naming each one', () => {
    expect(() => loadUserConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadUserConfig({ NODE_ENV: 'production' })).toThrow(/JWT_ACCESS_SECRET.*\n.*JWT_REFRESH_SECRET.*\n.*PII_ENCRYPTION_KEY.*\n.*PII_HASH_KEY/);
  });

  it('reads lifetimes written as durations and rejects nonsense', () => {
    expect(loadUserConfig({ JWT_ACCESS_TTL: '30s', JWT_REFRESH_TTL: '12h' })).toMatchObject({ JWT_ACCESS_TTL: 30, JWT_REFRESH_TTL: 43_200 });
    expect(() => loadUserConfig({ JWT_ACCESS_TTL: 'soon' })).toThrow(/JWT_ACCESS_TTL/);
  });
});
