import type { IncomingMessage } from 'node:http';

/**
 * Whether a socket.io handshake may proceed: browsers always send Origin, so a page of another site
 * (a foreign origin) cannot open a socket in a signed-in operator's browser. Allowed: the gateway's
 * own origin (the Origin's host equals the request's Host, as when the gateway serves the web app or
 * Vite proxies to it), the browser origins of CORS_ORIGINS, and clients that send no Origin at all
 * (not browsers: a foreign page cannot leave it out).
 */
export function isAllowedSocketOrigin(req: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.host === req.headers.host) return true;
  return allowedOrigins.some((allowed) => new URL(allowed).origin === parsed.origin);
}

/** Rooms one connection may join: a board follows one institution, an operator a few services. */
export const MAX_ROOMS_PER_SOCKET = 20;
