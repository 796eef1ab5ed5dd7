import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ApiFailure } from './failure.js';

/*
 * Who may talk to `ccm ui`. The server listens on 127.0.0.1 only, but a page from any web site can
 * still make the browser send requests to it, and a DNS-rebinding site can even make them look
 * same-origin to the browser. So every request must:
 *  - name this server in Host (127.0.0.1:PORT or localhost:PORT): a rebound name fails here;
 *  - carry no foreign Origin, and no Sec-Fetch-Site other than same-origin or none (typed by hand);
 *  - carry the per-run token: once in the printed URL (`/?token=…`), which sets it as an HttpOnly,
 *    SameSite=Strict cookie and redirects to the same page without it, then in that cookie
 *    (a script may send `Authorization: Bearer <token>` instead).
 * No CORS headers are ever sent, so no other origin can read a response either.
 */

export const TOKEN_COOKIE = 'ccm_ui_token';

export interface GuardOptions {
  port: () => number;
  /** undefined: `--no-token` (the origin checks still apply). */
  token: string | undefined;
}

export function guard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const port = options.port();
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    const host = c.req.header('host');
    if (!host || !allowedHosts.includes(host.toLowerCase())) throw forbidden(`Host "${host ?? ''}" is not this server`, `open http://127.0.0.1:${port}/ as ccm ui printed it`);
    const origin = c.req.header('origin');
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
      throw forbidden(`requests from ${origin} are not accepted`, 'ccm ui answers only its own page');
    }
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw forbidden(`cross-site request (Sec-Fetch-Site: ${site})`, 'ccm ui answers only its own page');
    if (c.req.method === 'OPTIONS') throw forbidden('no cross-origin requests (CORS) are accepted');
    const token = options.token;
    if (token === undefined) return next();

    const offered = c.req.query('token');
    if (offered !== undefined && c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
      if (!sameSecret(offered, token)) throw forbidden('wrong token', 'open the URL ccm ui printed (the token changes every run)');
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      // The token leaves the address bar (and the history) at once.
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const presented = getCookie(c, TOKEN_COOKIE) ?? bearer;
    if (presented === undefined || !sameSecret(presented, token)) {
      throw forbidden(presented === undefined ? 'no token' : 'wrong token', 'open the URL ccm ui printed (the token changes every run)');
    }
    return next();
  };
}

/**
 * A URL path with a `.` or `..` segment, literal or percent-encoded, is refused with a reason. The
 * adapter's Request has already resolved such segments (WHATWG URL parsing), so a traversal would
 * otherwise reach another route silently; the path as the client sent it is on the Node request.
 */
export const noDotSegments: MiddlewareHandler = async (c, next) => {
  const sent = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url ?? new URL(c.req.url).pathname;
  const path = sent.split(/[?#]/, 1)[0]!;
  if (path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) {
    throw new ApiFailure(400, 'INVALID_PATH', `the URL path ${JSON.stringify(path)} has a "." or ".." segment`, {
      hint: 'name a document by its name alone (docs/api.md); names never contain ".."',
    });
  }
  return next();
};

/** Requests with a body must say it is JSON: an HTML form cannot, so no form on another site can post here. */
export const jsonBodies: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiFailure(415, 'UNSUPPORTED_MEDIA_TYPE', `request body must be application/json, not "${type}"`);
  }
  return next();
};

/** Headers on every response: nothing framed, sniffed, cached or referred elsewhere; only our own scripts run. */
export const safetyHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
};

function forbidden(message: string, hint?: string): ApiFailure {
  return new ApiFailure(403, 'FORBIDDEN', message, hint === undefined ? {} : { hint });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
