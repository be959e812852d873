import { isCacheablePublicRead } from './cache-control';

describe('isCacheablePublicRead', () => {
  it.each([
    '/api/institutions',
    '/api/institutions/search',
    '/api/institutions/5d7c0e51-5b8f-4a57-8f0e-2f7c1b1d2a11',
    '/api/institutions/5d7c0e51-5b8f-4a57-8f0e-2f7c1b1d2a11/services',
    '/api/health',
    '/api/health/ready',
    '/api/docs',
    '/api/docs-json',
    '/api/docs/swagger-ui.css',
  ])('GET %s may be cached', (path) => {
    expect(isCacheablePublicRead('GET', path)).toBe(true);
  });

  it.each([
    ['GET', '/api/queue/my-queue'],
    ['GET', '/api/users/me'],
    ['GET', '/api/queue/institution/x/current'],
    ['POST', '/api/auth/login/user'],
    ['POST', '/api/institutions'],
    ['PATCH', '/api/institutions/x'],
    ['GET', '/api/institutions/x/services/y'],
    ['GET', '/api/kiosk-keys'],
  ])('%s %s may not', (method, path) => {
    expect(isCacheablePublicRead(method, path)).toBe(false);
  });
});
