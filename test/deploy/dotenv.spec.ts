import fs from 'node:fs';
import path from 'node:path';
import { configSchema } from './support/app-config';
import { APPS, ROOT } from './support/repo';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseDotEnv } = require(path.join(ROOT, 'scripts/lib/env.js')) as { parseDotEnv: (text: string) => Record<string, string> };

describe('.env files (scripts/lib/env.js, read by npm start, test and migrate)', () => {
  it('drops a trailing comment from an unquoted value and keeps # inside quotes and inside a word', () => {
    const parsed = parseDotEnv(
      [
        '# a comment line',
        'LOGIN_MAX_FAILURES=5                # failed sign-ins of one account',
        'RMQ_PREFIX=                         # prefix for queue names',
        'EMPTY=',
        '  SPACED  =  value with spaces  ',
        'CHANNEL=#general',
        'PASSWORD=pa#ss',
        'DOUBLE="a # b"   # the comment',
        "SINGLE='#not-a-comment'",
        'WINDOWS=crlf\r',
        '# COMMENTED_OUT=1',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      LOGIN_MAX_FAILURES: '5',
      RMQ_PREFIX: '',
      EMPTY: '',
      SPACED: 'value with spaces',
      CHANNEL: '',
      PASSWORD: 'pa#ss',
      DOUBLE: 'a # b',
      SINGLE: '#not-a-comment',
      WINDOWS: 'crlf',
    });
  });

  describe('.env.example copied to .env, as the README says', () => {
    const variables = parseDotEnv(fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8'));

    it('gives bare values, without the comments beside them', () => {
      expect(variables).toMatchObject({
        LOGIN_MAX_FAILURES: '5',
        KIOSK_KEY_CACHE_TTL_MS: '30000',
        RATE_LIMIT_GLOBAL: '1200',
        QUEUE_STATS_CACHE_SECONDS: '30',
        RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
        RMQ_PREFIX: '',
        JWT_ACCESS_TTL: '15m',
      });
      for (const [name, value] of Object.entries(variables)) expect(`${name}=${value}`).not.toContain('#');
    });

    it.each(APPS.map((app) => [app.name, app] as const))('is accepted by the %s configuration schema', (_name, app) => {
      const result = configSchema(app).safeParse(variables);
      expect(result.error?.issues ?? []).toEqual([]);
    });

    it('gives the numbers it documents once validated', () => {
      const user = configSchema(APPS.find((app) => app.name === 'user')!).parse(variables);
      const gateway = configSchema(APPS.find((app) => app.name === 'gateway')!).parse(variables);
      expect(user).toMatchObject({ LOGIN_MAX_FAILURES: 5, LOGIN_BACKOFF_MAX_SECONDS: 900 });
      expect(gateway).toMatchObject({ KIOSK_KEY_CACHE_TTL_MS: 30_000, RATE_LIMIT_LOGIN: 30, CORS_ORIGINS: [] });
    });
  });
});
