// A dev-only stand-in for `ccm ui`'s API (not shipped: package.json `files` lists dist/client only),
// so the client can be developed and its pages tested in a browser before or without the real
// server. It answers the routes of src/ui/api-types.ts from an in-memory copy of a config repo's
// YAML files, with canned data where the real answer needs the pipeline (preview renders the draft
// as-is, validate only parses YAML). The end-to-end scenario runs against the real server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import type {
  ApiDiagnostic, ComponentKind, DocumentKind, DocumentList, DocumentRead, EffectiveSet, RepoSummary, ServerEvent,
  StatusResponse, ValidateRequest, PreviewRequest, PreviewResponse, PlanResponse, BuildResult, SecretsResponse,
  GitStatusResponse, GitDiffResponse, DiffResponse, DoctorResponse, ImportResponse, SaveRequest,
} from '../../src/ui/api-types.js';

const FOLDERS: Record<DocumentKind, string> = {
  subagent: 'components/subagents', command: 'components/commands', skill: 'components/skills', 'mcp-server': 'components/mcp-servers',
  hook: 'components/hooks', settings: 'components/settings', 'claude-md': 'components/claude-md', 'output-style': 'components/output-styles',
  rule: 'components/rules', 'auto-claude-prompt': 'components/auto-claude/prompts', 'auto-claude-agent-config': 'components/auto-claude/agent-configs',
  'auto-claude-model-profile': 'components/auto-claude/model-profiles', profile: 'profiles', project: 'projects',
};
const COMPONENT_KINDS = Object.keys(FOLDERS).filter((k) => k !== 'profile' && k !== 'project') as ComponentKind[];

export interface MockServer {
  url: string;
  files: Map<string, string>;
  /** Pushes a server event to every open /api/events stream, as the real watcher does. */
  emit(event: ServerEvent): void;
  close(): Promise<void>;
}

function walk(dir: string, root: string, out: Map<string, string>): void {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, root, out);
    else if (/\.(ya?ml|md)$/.test(name)) out.set(relative(root, abs).split('\\').join('/'), readFileSync(abs, 'utf8'));
  }
}

const revision = (text: string, body: string | null) => createHash('sha256').update(text).update('\0').update(body ?? '').digest('hex').slice(0, 16);

function parseDiagnostics(path: string, text: string): ApiDiagnostic[] {
  const doc = parseDocument(text, { prettyErrors: true });
  const out: ApiDiagnostic[] = doc.errors.map((e) => ({ severity: 'error', code: 'YAML_SYNTAX', message: e.message.split('\n')[0]!, file: path, line: e.linePos?.[0].line ?? 1, col: e.linePos?.[0].col ?? 1 }));
  const model = doc.get('model', true) as { value?: unknown; range?: [number, number] } | undefined;
  if (model && typeof model.value === 'string' && !['sonnet', 'opus', 'haiku', 'inherit'].includes(model.value)) {
    const offset = model.range?.[0] ?? 0;
    const before = text.slice(0, offset).split('\n');
    out.push({ severity: 'error', code: 'SCHEMA_ENUM', message: `model must be one of sonnet, opus, haiku, inherit (got ${model.value})`, hint: 'Pick one of the listed models.', file: path, line: before.length, col: before.at(-1)!.length + 1 });
  }
  return out;
}

/** Starts the mock on 127.0.0.1 (a free port), serving `distDir` at / and the API from `repoDir`'s files. */
export async function startMockServer(opts: { repoDir: string; distDir: string; schemasDir: string }): Promise<MockServer> {
  const files = new Map<string, string>();
  walk(opts.repoDir, opts.repoDir, files);
  const streams = new Set<ServerResponse>();
  const docPath = (kind: DocumentKind, name: string) => {
    const folder = FOLDERS[kind];
    return kind === 'skill' ? `${folder}/${name}/skill.yaml` : `${folder}/${name}.yaml`;
  };
  const bodyPath = (kind: DocumentKind, name: string) => (kind === 'skill' ? `${FOLDERS[kind]}/${name}/SKILL.md` : `${FOLDERS[kind]}/${name}.md`);
  const names = (kind: DocumentKind) => [...files.keys()]
    .filter((p) => p.startsWith(`${FOLDERS[kind]}/`) && (kind === 'skill' ? p.endsWith('/skill.yaml') : p.endsWith('.yaml')))
    .map((p) => p.slice(FOLDERS[kind].length + 1).replace(kind === 'skill' ? /\/skill\.yaml$/ : /\.yaml$/, ''))
    .filter((n) => !COMPONENT_KINDS.some((k) => k !== kind && FOLDERS[k].startsWith(`${FOLDERS[kind]}/`) && `${FOLDERS[kind]}/${n}`.startsWith(FOLDERS[k])));
  const read = (kind: DocumentKind, name: string): DocumentRead | null => {
    const path = docPath(kind, name);
    const text = files.get(path);
    if (text === undefined) return null;
    const bp = bodyPath(kind, name);
    const body = files.has(bp) ? { path: bp, text: files.get(bp)! } : null;
    const doc = parseDocument(text);
    return { kind, name, path, text, body, fields: doc.errors.length ? null : (doc.toJS() as Record<string, unknown>), diagnostics: parseDiagnostics(path, text), revision: revision(text, body?.text ?? null) };
  };
  const fieldsOf = (path: string) => (parseDocument(files.get(path) ?? '').toJS() ?? {}) as Record<string, unknown>;
  const projects = () => names('project').map((name) => ({ name, fields: fieldsOf(docPath('project', name)) }));
  const effective = (project: string): EffectiveSet => {
    const p = fieldsOf(docPath('project', project));
    const profiles = ['base', ...((p.profiles as string[] | undefined) ?? [])];
    const components: EffectiveSet['components'] = [];
    for (const prof of profiles) {
      const sel = (fieldsOf(docPath('profile', prof)).components ?? {}) as Record<string, string[]>;
      for (const [key, list] of Object.entries(sel)) for (const n of list) {
        const kind = COMPONENT_KINDS.find((k) => FOLDERS[k].endsWith(`/${key}`)) ?? 'subagent';
        if (!components.some((c) => c.kind === kind && c.name === n)) components.push({ kind, name: n, path: docPath(kind, n), selectedBy: `profiles/${prof}.yaml` });
      }
    }
    const vars = (p.variables ?? {}) as Record<string, string>;
    return { project, dir: `/tmp/out/${project}`, targets: { claudeCode: true, autoClaude: !!p.autoClaude }, profiles, components, variables: Object.entries(vars).map(([name, value]) => ({ name, value, source: `projects/${project}.yaml` })), modelProfile: ((p.autoClaude as Record<string, unknown> | undefined)?.modelProfile as string) ?? null, agentMcp: p.autoClaude ? [{ agentType: 'qa_reviewer', add: ['playwright'], remove: ['context7'], setIn: 'components/auto-claude/agent-configs/qa_reviewer.yaml:7' }] : [], diagnostics: [] };
  };
  const counts = { create: 0, update: 0, delete: 0, unchanged: 12, drifted: 0 };
  const emit = (event: ServerEvent) => {
    for (const s of streams) s.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };

  const routes: [string, RegExp, (m: RegExpExecArray, body: unknown, url: URL) => unknown][] = [
    ['GET', /^\/api\/repo$/, (): RepoSummary => ({
      root: opts.repoDir,
      projects: projects().map(({ name, fields }) => ({ name, dir: `/tmp/out/${name}`, targets: { claudeCode: true, autoClaude: !!fields.autoClaude }, profiles: (fields.profiles as string[]) ?? [], outputRoots: [`/tmp/out/${name}`], lastBuild: { builtFrom: '0123456789abcdef', at: '2026-12-02T12:00:00Z' } })),
      profiles: names('profile').length,
      components: Object.fromEntries(COMPONENT_KINDS.map((k) => [k, names(k).length])) as RepoSummary['components'],
      secrets: 1, problems: { errors: 0, warnings: 1 }, doctor: [{ check: 'age identity', status: 'warn', detail: 'no identity found', fix: 'ccm secrets keygen' }], git: { head: '0123456789abcdef', uncommitted: 0 },
    })],
    ['GET', /^\/api\/status$/, (): StatusResponse => ({ roots: projects().map(({ name }) => ({ project: name, dir: `/tmp/out/${name}`, upToDate: true, counts, changes: [], uncommitted: [], builtFrom: null, unbuiltCommits: null })), config: { head: null, uncommitted: [] }, diagnostics: [] })],
    ['GET', /^\/api\/(?:components\/([\w-]+)|(profiles)|(projects))$/, (m): DocumentList | null => {
      const kind = (m[1] ?? (m[2] ? 'profile' : 'project')) as DocumentKind;
      if (!FOLDERS[kind]) return null;
      return { kind, folder: FOLDERS[kind], hasBody: ['subagent', 'command', 'skill', 'claude-md', 'output-style', 'rule', 'auto-claude-prompt'].includes(kind), items: names(kind).map((name) => {
        const d = read(kind, name)!;
        return { kind, name, path: d.path, ...(d.body ? { bodyPath: d.body.path } : {}), description: String(d.fields?.description ?? ''), usedBy: [], errors: d.diagnostics.length, warnings: 0 };
      }) };
    }],
    ['GET', /^\/api\/projects\/([^/]+)\/effective$/, (m) => effective(decodeURIComponent(m[1]!))],
    ['GET', /^\/api\/(?:components\/([\w-]+)|(profiles)|(projects))\/(.+)$/, (m) => read((m[1] ?? (m[2] ? 'profile' : 'project')) as DocumentKind, decodeURIComponent(m[4]!))],
    ['PUT', /^\/api\/(?:components\/([\w-]+)|(profiles)|(projects))\/(.+)$/, (m, body) => {
      const kind = (m[1] ?? (m[2] ? 'profile' : 'project')) as DocumentKind;
      const name = decodeURIComponent(m[4]!);
      const req = body as SaveRequest;
      const before = read(kind, name);
      if (!before) return null;
      if (before.revision !== req.baseRevision) return { status: 409, body: { error: { code: 'STALE_REVISION', message: 'changed on disk' }, current: before, yours: req } };
      let text = req.text ?? before.text;
      if (req.edits) {
        const doc = parseDocument(before.text);
        for (const e of req.edits) if ('delete' in e) doc.deleteIn(e.path); else doc.setIn(e.path, e.value);
        text = doc.toString();
      }
      const diags = parseDiagnostics(before.path, text);
      if (diags.some((d) => d.severity === 'error')) return { status: 422, body: { error: { code: 'INVALID_DRAFT', message: 'the draft has errors', diagnostics: diags } } };
      files.set(before.path, text);
      if (req.body !== undefined && req.body !== null && before.body) files.set(before.body.path, req.body);
      emit({ type: 'changed', paths: [before.path] });
      return { document: read(kind, name), written: [before.path], removed: [], elsewhere: [] };
    }],
    ['POST', /^\/api\/validate$/, (_m, body) => {
      const req = body as ValidateRequest;
      const doc = parseDocument(req.text);
      return { path: req.path, diagnostics: parseDiagnostics(req.path, req.text), elsewhere: [], fields: doc.errors.length ? null : doc.toJS(), ms: 1 };
    }],
    ['POST', /^\/api\/preview$/, (_m, body): PreviewResponse => {
      const req = body as PreviewRequest;
      return { project: req.project, diagnostics: [], ms: 1, files: req.drafts.filter((d) => d.path.endsWith('.yaml')).map((d) => {
        const desc = String((parseDocument(d.text ?? '').toJS() as Record<string, unknown> | null)?.description ?? '');
        const name = d.path.split('/').at(-1)!.replace(/\.yaml$/, '');
        const old = String(fieldsOf(d.path).description ?? '');
        return { path: `.claude/agents/${name}.md`, root: 'project', action: desc === old ? 'unchanged' : 'update', content: `---\nname: ${name}\ndescription: ${desc}\n---\n`, diff: desc === old ? '' : `--- a/.claude/agents/${name}.md\n+++ b/.claude/agents/${name}.md\n@@ -2 +2 @@\n-description: ${old}\n+description: ${desc}\n`, sources: [d.path] };
      }) };
    }],
    ['GET', /^\/api\/plan$/, (): PlanResponse => ({ counts, roots: [], changes: [], diagnostics: [] })],
    ['POST', /^\/api\/build$/, (): BuildResult => {
      const result: BuildResult = { jobId: 'job-1', ok: true, changed: false, counts, changes: [], diagnostics: [], ms: 5 };
      emit({ type: 'build', phase: 'started', jobId: 'job-1', projects: [] });
      emit({ type: 'build', phase: 'finished', jobId: 'job-1', result });
      return result;
    }],
    ['GET', /^\/api\/diff$/, (): DiffResponse => ({ against: { kind: 'disk' }, files: [], risks: [], diagnostics: [] })],
    ['GET', /^\/api\/secrets$/, (): SecretsResponse => ({ secrets: [{ name: 'SENTRY_AUTH_TOKEN', file: 'secrets/SENTRY_AUTH_TOKEN.age', recipients: 2, lastChange: null, referencedBy: ['api-service'] }], recipients: 2, missing: [], diagnostics: [] })],
    ['POST', /^\/api\/secrets\/([A-Z0-9_]+)$/, (m) => ({ name: m[1], file: `secrets/${m[1]}.age`, created: true, recipients: 2 })],
    ['GET', /^\/api\/doctor$/, (): DoctorResponse => ({ checks: [] })],
    ['GET', /^\/api\/git\/status$/, (): GitStatusResponse => ({ repo: true, branch: 'main', head: '0123456789abcdef', files: [] })],
    ['GET', /^\/api\/git\/diff$/, (): GitDiffResponse => ({ diff: '', files: [] })],
    ['POST', /^\/api\/git\/commit$/, () => ({ status: 400, body: { error: { code: 'NOTHING_TO_COMMIT', message: 'nothing to commit' } } })],
    ['POST', /^\/api\/import\/(scan|apply)$/, (m): ImportResponse => ({ dryRun: m[1] === 'scan', found: { subagents: 1 }, groups: ['subagents'], onClash: 'skip', outcomes: [{ group: 'subagents', name: 'helper', finalName: 'helper', action: 'create', source: '.claude/agents/helper.md' }], roundTrip: { checked: 1, exact: 1 }, notes: [], summary: ['1 subagent'], diagnostics: [] })],
    ['GET', /^\/api\/schema\/([\w.-]+)$/, (m) => JSON.parse(readFileSync(join(opts.schemasDir, `${m[1]}.schema.json`), 'utf8'))],
  ];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(`event: hello\ndata: ${JSON.stringify({ type: 'hello', root: opts.repoDir })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      for (const [method, re, fn] of routes) {
        const m = re.exec(url.pathname);
        if (!m || method !== req.method) continue;
        const out = fn(m, raw ? JSON.parse(raw) : undefined, url) as { status?: number; body?: unknown } | null;
        if (out === null) return send(res, 404, { error: { code: 'NOT_FOUND', message: `${url.pathname} not found` } });
        if (out && typeof out.status === 'number' && 'body' in out) return send(res, out.status, out.body);
        return send(res, 200, out);
      }
      return send(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` } });
    }
    const file = join(opts.distDir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(opts.distDir)) return send(res, 403, { error: { code: 'FORBIDDEN', message: 'outside' } });
    try {
      const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[extname(file)] ?? 'application/octet-stream';
      const bytes = readFileSync(file);
      res.writeHead(200, { 'content-type': type });
      res.end(bytes);
    } catch {
      send(res, 404, { error: { code: 'NOT_FOUND', message: url.pathname } });
    }
  };
  const server: Server = createServer((req, res) => void handle(req, res).catch((e: Error) => send(res, 500, { error: { code: 'INTERNAL', message: e.message } })));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    files,
    emit,
    close: () => new Promise<void>((ok) => {
      for (const s of streams) s.end();
      server.close(() => ok());
    }),
  };
}
