import type { ServerResponse } from 'node:http';
import { setWebHeaders, WEB_CONTENT_SECURITY_POLICY } from './web-static';

function headersFor(filePath: string): Record<string, string> {
  const headers: Record<string, string> = {};
  setWebHeaders({ setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse, filePath);
  return headers;
}

describe('setWebHeaders', () => {
  it('caches hashed assets for a year and always revalidates index.html', () => {
    expect(headersFor('/srv/web/dist/assets/index-abc123.js')['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(headersFor('/srv/web/dist/index.html')['Cache-Control']).toBe('no-cache');
  });

  it('sends the app its own policy: same-origin scripts, data: images for the QR code, no forced HTTPS upgrade, camera for itself', () => {
    const headers = headersFor('/srv/web/dist/index.html');
    expect(headers['Content-Security-Policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(WEB_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(WEB_CONTENT_SECURITY_POLICY).toContain('img-src \'self\' data:');
    expect(WEB_CONTENT_SECURITY_POLICY).not.toContain('upgrade-insecure-requests');
    expect(headers['Permissions-Policy']).toContain('camera=(self)');
  });
});
