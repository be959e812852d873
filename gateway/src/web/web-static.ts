import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';

/** The built web app (`npm run build -w web`); the same relative place from src/ (tests) and dist/. */
export const WEB_DIST_DIR = resolve(__dirname, '../../../web/dist');

export function webAppBuilt(dir = WEB_DIST_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * The web app's own Content-Security-Policy, replacing helmet's API default on its pages: scripts
 * and styles from this origin only, images as data URLs (the ticket's QR code), socket.io over
 * ws(s) to this origin, and no `upgrade-insecure-requests` so a clinic LAN on plain HTTP still loads.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every file of the app: hashed assets are immutable, index.html is always revalidated. */
export function setWebHeaders(res: ServerResponse, filePath: string): void {
  res.setHeader('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
  // The kiosk needs the camera; nothing else does.
  res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
}
