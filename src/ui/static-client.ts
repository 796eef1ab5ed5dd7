import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import { PACKAGE_ROOT } from '../paths.js';

/** Where `npm run build` puts the client (Vite's output: index.html and hashed assets). */
export const CLIENT_DIR = join(PACKAGE_ROOT, 'dist', 'client');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ccm ui</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#8882;padding:0 .3em;border-radius:3px}</style>
</head><body><main><h1>ccm ui</h1>
<p>The web client is not built: this ccm has no <code>dist/client/index.html</code>.</p>
<p>Run <code>npm run build</code> in the ccm checkout, then start <code>ccm ui</code> again. The API under <code>/api/</code> works meanwhile (see docs/api.md).</p>
</main></body></html>
`;

/**
 * The built client: a file of dist/client/ by its path, else index.html (the client routes its pages
 * itself), else a page saying it is not built. Paths are normalized and must stay inside dist/client/.
 */
export async function serveClient(c: Context, dir = CLIENT_DIR): Promise<Response> {
  let wanted: string;
  try {
    wanted = decodeURIComponent(c.req.path).replace(/^\/+/, '');
  } catch {
    return c.text('bad path', 400);
  }
  const abs = normalize(join(dir, wanted));
  if (wanted !== '' && abs.startsWith(dir + sep) && (await isFile(abs))) return file(c, abs, /\/assets\//.test(c.req.path));
  // A missing asset is a 404, not the page: a stale hashed name must not load HTML as a script.
  if (/\.[a-z0-9]+$/i.test(wanted) && !wanted.endsWith('.html')) return c.text('not found', 404);
  const index = join(dir, 'index.html');
  if (await isFile(index)) return file(c, index, false);
  return c.html(NOT_BUILT);
}

async function file(c: Context, abs: string, immutable: boolean): Promise<Response> {
  const body = await readFile(abs);
  c.header('Content-Type', TYPES[extname(abs).toLowerCase()] ?? 'application/octet-stream');
  // Hashed assets never change under their name; the page itself is fetched anew each time.
  c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return c.body(body);
}

async function isFile(abs: string): Promise<boolean> {
  try {
    return (await stat(abs)).isFile();
  } catch {
    return false;
  }
}
