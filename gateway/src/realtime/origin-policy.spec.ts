import { isAllowedSocketOrigin } from './origin-policy';

const req = (headers: Record<string, string>) => ({ headers });

describe('isAllowedSocketOrigin', () => {
  it("allows the gateway's own origin, a configured origin, and clients without Origin", () => {
    expect(isAllowedSocketOrigin(req({ host: '192.168.1.10:8601', origin: 'http://192.168.1.10:8601' }), [])).toBe(true);
    expect(isAllowedSocketOrigin(req({ host: 'api.mediq.id', origin: 'https://app.mediq.id' }), ['https://app.mediq.id'])).toBe(true);
    expect(isAllowedSocketOrigin(req({ host: '127.0.0.1:8601' }), [])).toBe(true);
  });

  it('refuses a foreign origin, a lookalike and garbage', () => {
    expect(isAllowedSocketOrigin(req({ host: '127.0.0.1:8601', origin: 'https://evil.example' }), ['https://app.mediq.id'])).toBe(false);
    expect(isAllowedSocketOrigin(req({ host: '127.0.0.1:8601', origin: 'http://127.0.0.1:8602' }), [])).toBe(false);
    expect(isAllowedSocketOrigin(req({ host: 'api.mediq.id', origin: 'https://app.mediq.id.evil.example' }), ['https://app.mediq.id'])).toBe(false);
    expect(isAllowedSocketOrigin(req({ host: '127.0.0.1:8601', origin: 'null' }), [])).toBe(false);
  });
});
