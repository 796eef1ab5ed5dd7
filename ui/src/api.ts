// Typed calls to the `ccm ui` server. Same origin only: the server's HttpOnly cookie authenticates
// every request, so nothing here handles a token.
import type {
  ApiErrorBody, BuildRequest, BuildResult, CreateRequest, DeleteResponse, DiffResponse, DoctorResponse, DocumentKind,
  DocumentList, DocumentRead, EffectiveSet, GitCommitRequest, GitCommitResponse, GitDiffResponse, GitStatusResponse,
  ImportRequest, ImportResponse, PlanResponse, PreviewRequest, PreviewResponse, RenameRequest, RepoSummary,
  SaveRequest, SaveResponse, SchemaKind, SecretSetResponse, SecretsResponse, StaleErrorBody, StatusResponse,
  ValidateRequest, ValidateResponse,
} from '../../src/ui/api-types.ts';

/** A 4xx/5xx answer, with the server's error body (and, for 409, both versions). */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody | StaleErrorBody) {
    super(body.error.message);
  }
  get stale(): StaleErrorBody | null {
    return this.status === 409 && 'yours' in this.body ? this.body : null;
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiFailure(res.status, { error: { code: 'BAD_RESPONSE', message: `${method} ${url}: ${res.status} ${text.slice(0, 200)}` } });
  }
  if (!res.ok) {
    const err = json && typeof json === 'object' && 'error' in json ? (json as ApiErrorBody) : { error: { code: `HTTP_${res.status}`, message: `${method} ${url}: ${res.status}` } };
    throw new ApiFailure(res.status, err);
  }
  return json as T;
}

const enc = encodeURIComponent;

/** The URL of a document by kind: components live under /api/components/:kind, the flat kinds alone. */
export function documentUrl(kind: DocumentKind, name?: string): string {
  const base = kind === 'profile' ? '/api/profiles' : kind === 'project' ? '/api/projects' : `/api/components/${enc(kind)}`;
  return name === undefined ? base : `${base}/${enc(name)}`;
}

export const api = {
  repo: () => call<RepoSummary>('GET', '/api/repo'),
  list: (kind: DocumentKind) => call<DocumentList>('GET', documentUrl(kind)),
  read: (kind: DocumentKind, name: string) => call<DocumentRead>('GET', documentUrl(kind, name)),
  save: (kind: DocumentKind, name: string, req: SaveRequest) => call<SaveResponse>('PUT', documentUrl(kind, name), req),
  create: (kind: DocumentKind, req: CreateRequest) => call<SaveResponse>('POST', documentUrl(kind), req),
  rename: (kind: DocumentKind, name: string, req: RenameRequest) => call<SaveResponse>('POST', `${documentUrl(kind, name)}/rename`, req),
  remove: (kind: DocumentKind, name: string, baseRevision: string) =>
    call<DeleteResponse>('DELETE', `${documentUrl(kind, name)}?baseRevision=${enc(baseRevision)}`),
  effective: (project: string) => call<EffectiveSet>('GET', `/api/projects/${enc(project)}/effective`),
  validate: (req: ValidateRequest) => call<ValidateResponse>('POST', '/api/validate', req),
  preview: (req: PreviewRequest) => call<PreviewResponse>('POST', '/api/preview', req),
  plan: () => call<PlanResponse>('GET', '/api/plan'),
  build: (req: BuildRequest) => call<BuildResult>('POST', '/api/build', req),
  status: () => call<StatusResponse>('GET', '/api/status'),
  diff: (base?: string) => call<DiffResponse>('GET', base ? `/api/diff?base=${enc(base)}` : '/api/diff'),
  importScan: (req: ImportRequest) => call<ImportResponse>('POST', '/api/import/scan', req),
  importApply: (req: ImportRequest) => call<ImportResponse>('POST', '/api/import/apply', req),
  secrets: () => call<SecretsResponse>('GET', '/api/secrets'),
  setSecret: (name: string, value: string) => call<SecretSetResponse>('POST', `/api/secrets/${enc(name)}`, { value }),
  doctor: () => call<DoctorResponse>('GET', '/api/doctor'),
  gitStatus: () => call<GitStatusResponse>('GET', '/api/git/status'),
  gitDiff: () => call<GitDiffResponse>('GET', '/api/git/diff'),
  commit: (req: GitCommitRequest) => call<GitCommitResponse>('POST', '/api/git/commit', req),
  schema: (kind: SchemaKind) => call<Record<string, unknown>>('GET', `/api/schema/${enc(kind)}`),
};
