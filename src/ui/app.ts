import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { redactText } from '../secrets/redact.js';
import type { DocumentKind, ServerEvent } from './api-types.js';
import { buildNow, diffReport, planReport } from './builds.js';
import { gitCommit, gitDiff, gitStatus } from './config-git.js';
import { createDocument, deleteDocument, listDocuments, readDocument, renameDocument, saveDocument } from './documents.js';
import { previewDraft, validateDraft } from './drafts.js';
import { ApiFailure, badRequest, failureResponse, notFound } from './failure.js';
import { importFromUi, setSecret } from './features.js';
import { guard, jsonBodies, noDotSegments, safetyHeaders } from './guard.js';
import { componentKind } from './places.js';
import { doctorReport, effectiveSet, repoSummary, schemaOf, secretsReport, statusReport } from './repo-info.js';
import { serveClient } from './static-client.js';
import type { Workspace } from './workspace.js';

/** Largest request body: a YAML file may be 1 MiB (MAX_YAML_BYTES), plus its Markdown body and the JSON around them. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** How often an idle event stream says it is alive, so proxies and browsers keep it open. */
const KEEPALIVE_MS = 25_000;

export interface AppOptions {
  workspace: Workspace;
  /** The port the server listens on (known once it listens). */
  port: () => number;
  token: string | undefined;
  log: (line: string) => void;
  /** Where the built client is (tests point it elsewhere). */
  clientDir?: string;
}

/** The HTTP face of `ccm ui`: the guard first, then the API under /api/, then the built client. */
export function createApp(options: AppOptions): Hono {
  const ws = options.workspace;
  const app = new Hono();

  app.use('*', safetyHeaders);
  app.use('*', guard({ port: options.port, token: options.token }));
  app.use('*', noDotSegments);
  app.use('/api/*', bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiFailure(413, 'BODY_TOO_LARGE', `request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB; nothing was written`, { hint: 'ccm reads YAML files up to 1 MiB: move long text into the Markdown body' });
    },
  }));
  app.use('/api/*', jsonBodies);
  // A name in a path is one segment: `..` or `.` (decoded, as a router may already have) never reaches a route.
  app.use('/api/*', async (c, next) => {
    const segments = c.req.path.split('/').map((s) => safeDecode(s));
    if (segments.some((s) => s === '..' || s === '.')) throw new ApiFailure(400, 'INVALID_NAME', `"${c.req.path}" has a "." or ".." segment`, { hint: 'names are single path segments (nested names URL-encoded, without ".." )' });
    return next();
  });
  // The last net under every answer: whatever a route returns passes the one redactor (src/secrets/redact.ts).
  app.use('/api/*', async (c, next) => {
    await next();
    if (!(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    const text = await c.res.text();
    c.res = new Response(redactText(text), c.res);
  });

  app.get('/api/repo', async (c) => c.json(await repoSummary(ws)));

  // Documents: the same routes for each component kind, profiles and projects.
  const documents = (base: string, kindOf: (c: Context) => DocumentKind): void => {
    app.get(base, async (c) => c.json(await listDocuments(ws, kindOf(c))));
    app.post(base, async (c) => c.json(await createDocument(ws, kindOf(c), await body(c)), 201));
    app.get(`${base}/:name`, async (c) => c.json(await readDocument(ws, kindOf(c), c.req.param('name'))));
    app.put(`${base}/:name`, async (c) => c.json(await saveDocument(ws, kindOf(c), c.req.param('name'), await body(c))));
    app.delete(`${base}/:name`, async (c) => c.json(await deleteDocument(ws, kindOf(c), c.req.param('name'), c.req.query('baseRevision'))));
    app.post(`${base}/:name/rename`, async (c) => c.json(await renameDocument(ws, kindOf(c), c.req.param('name'), await body(c))));
  };
  documents('/api/components/:kind', (c) => componentKind(c.req.param('kind') ?? ''));
  documents('/api/profiles', () => 'profile');
  app.get('/api/projects/:name/effective', async (c) => c.json(await effectiveSet(ws, c.req.param('name'))));
  documents('/api/projects', () => 'project');

  app.get('/api/schema/:kind', async (c) => c.json(await schemaOf(c.req.param('kind'))));
  app.post('/api/validate', async (c) => c.json(await validateDraft(ws, await body(c))));
  app.post('/api/preview', async (c) => c.json(await previewDraft(ws, await body(c))));

  app.get('/api/plan', async (c) => c.json(await planReport(ws, c.req.queries('project') ?? [])));
  app.post('/api/build', async (c) => c.json(await buildNow(ws, await body(c), options.log)));
  app.get('/api/status', async (c) => c.json(await statusReport(ws)));
  app.get('/api/diff', async (c) => c.json(await diffReport(ws, c.req.queries('project') ?? [], c.req.query('base'))));

  app.post('/api/import/scan', async (c) => c.json(await importFromUi(ws, await body(c), true)));
  app.post('/api/import/apply', async (c) => c.json(await importFromUi(ws, await body(c), false)));
  app.get('/api/secrets', async (c) => c.json(await secretsReport(ws)));
  app.post('/api/secrets/:name', async (c) => c.json(await setSecret(ws, c.req.param('name'), await body(c))));
  app.get('/api/doctor', async (c) => c.json(await doctorReport(ws)));

  app.get('/api/git/status', async (c) => c.json(await gitStatus(ws)));
  app.get('/api/git/diff', async (c) => c.json(await gitDiff(ws)));
  app.post('/api/git/commit', async (c) => c.json(await gitCommit(ws, await body(c))));

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: ServerEvent[] = [{ type: 'hello', root: ws.root }];
      let wake: (() => void) | undefined;
      const unsubscribe = ws.events.subscribe((e) => {
        queue.push(e);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        unsubscribe();
        wake?.();
      });
      while (open) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ event: event.type, data: redactText(JSON.stringify(event)) });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, KEEPALIVE_MS).unref();
        });
        wake = undefined;
        if (open && queue.length === 0) await stream.write(': keep-alive\n\n');
      }
    }),
  );

  app.all('/api/*', (c) => {
    throw notFound(`no route ${c.req.method} ${c.req.path}`, 'docs/api.md lists the routes');
  });
  app.get('*', (c) => serveClient(c, options.clientDir));

  app.onError((err, c) => {
    const { status, body: payload } = failureResponse(err);
    if (status >= 500) options.log(`${c.req.method} ${c.req.path}: ${redactText(err instanceof Error ? (err.stack ?? err.message) : String(err))}`);
    return c.json(payload, status);
  });
  return app;
}

/** The JSON body of a request: an object, or 400. */
async function body<T>(c: Context): Promise<T> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch (err) {
    if (err instanceof ApiFailure) throw err;
    throw badRequest('the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the request body must be a JSON object');
  return value as T;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
