import type { NextFunction, Request, Response } from 'express';

/**
 * Public answers that carry no personal data and no tokens: the facility directory (what a kiosk or
 * a phone shows before anyone signs in), health probes and the API documentation.
 */
const PUBLIC_READS = [/^\/api\/institutions(\/[^/]+(\/services)?|\/search)?\/?$/, /^\/api\/health(\/(live|ready))?\/?$/, /^\/api\/docs(-json)?(\/.*)?$/];

/** Whether an answer to this request may be kept by a browser or proxy cache. */
export function isCacheablePublicRead(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && PUBLIC_READS.some((pattern) => pattern.test(path));
}

/**
 * `Cache-Control: no-store` on every /api answer (errors included) except the public reads above:
 * tickets, profiles, NIKs and tokens must not stay in a shared kiosk's browser cache or a proxy.
 */
export function noStoreApiAnswers(req: Request, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api') && !isCacheablePublicRead(req.method, req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
