/*
 * The contract between `ccm ui`'s server (src/ui/) and its browser client (ui/): every request and
 * response body of the HTTP API, by route. Types only and self-contained (no import of src/), so that
 * the client can compile against this one file. The server builds every response from the core's
 * own types into these (so the compiler checks that they still fit); docs/api.md lists the routes.
 *
 * Conventions: JSON everywhere; names in paths are URL-encoded (`git%2Fcommit` for a nested
 * command); an error is `{ error: ApiError }` with a 4xx/5xx status; secret values never appear in
 * any response (names only).
 */

// ─── shared ─────────────────────────────────────────────────────────────────────────────────────

// The kinds of src/core/kinds.ts (type-only: the client gets the names, not the table).
import type { ComponentKind, DocumentKind as AnyDocumentKind } from '../core/kinds.js';

export type { ComponentKind };

/** Every kind of YAML document the pages edit: components, and the two flat kinds. */
export type DocumentKind = Exclude<AnyDocumentKind, 'ccm.config'>;

/** `GET /api/schema/:kind` also knows the repo settings file. */
export type SchemaKind = DocumentKind | 'ccm.config';

/** A problem in a file: repo-relative POSIX path, 1-based line and column where known. */
export interface ApiDiagnostic {
  severity: 'error' | 'warning';
  /** Stable code, e.g. YAML_SYNTAX, SCHEMA_UNKNOWN_KEY, UNKNOWN_REFERENCE. */
  code: string;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  col?: number;
}

/** The body of every 4xx/5xx response. */
export interface ApiErrorBody {
  error: ApiError;
}

export interface ApiError {
  /**
   * FORBIDDEN (403), NOT_FOUND, UNKNOWN_KIND, BAD_REQUEST, INVALID_NAME (400), STALE_REVISION (409),
   * EXISTS (409), BODY_TOO_LARGE (413), INVALID_DRAFT (422: located diagnostics), or a ccm error code.
   */
  code: string;
  message: string;
  hint?: string;
  diagnostics?: ApiDiagnostic[];
}

/** 409 on a save, rename or delete whose base changed on disk since it was read. */
export interface StaleErrorBody extends ApiErrorBody {
  /** What is on disk now (null: the document was deleted meanwhile). */
  current: DocumentRead | null;
  /** What the request wanted to write. */
  yours: DocumentDraft;
}

export type Counts = Record<'create' | 'update' | 'delete' | 'unchanged' | 'drifted', number>;

// ─── GET /api/repo ──────────────────────────────────────────────────────────────────────────────

export interface RepoSummary {
  root: string;
  projects: ProjectSummary[];
  profiles: number;
  /** Components per kind (every kind present, 0 when none). */
  components: Record<ComponentKind, number>;
  secrets: number;
  /** Diagnostics of the whole repo (validate, without the disk), counted. */
  problems: { errors: number; warnings: number };
  /** The doctor checks that are not ok. */
  doctor: DoctorCheck[];
  /** The config repo's git state; null outside git. */
  git: { head: string | null; uncommitted: number } | null;
}

export interface ProjectSummary {
  name: string;
  /** Absolute project directory. */
  dir: string;
  targets: { claudeCode: boolean; autoClaude: boolean };
  profiles: string[];
  /** Output roots it writes to (its directory, plus the Auto-Claude backend when it has prompts). */
  outputRoots: string[];
  /** The last build that wrote it: config commit from its manifest, null when unknown or never built. */
  lastBuild: { builtFrom: string | null; at: string | null } | null;
}

// ─── documents: /api/components/:kind[/:name], /api/profiles[/:name], /api/projects[/:name] ─────

export interface DocumentListItem {
  kind: DocumentKind;
  name: string;
  /** Repo-relative path of the YAML file. */
  path: string;
  /** Repo-relative path of the Markdown body, when there is one. */
  bodyPath?: string;
  description?: string;
  /** Profiles and projects that select it (components only), directly. */
  usedBy: string[];
  errors: number;
  warnings: number;
}

export interface DocumentList {
  kind: DocumentKind;
  /** Folder below the repo root, e.g. components/subagents. */
  folder: string;
  /** The kind has a Markdown body beside the YAML. */
  hasBody: boolean;
  items: DocumentListItem[];
}

/** `GET …/:name`. */
export interface DocumentRead {
  kind: DocumentKind;
  name: string;
  path: string;
  /** The YAML text as on disk. */
  text: string;
  /** The Markdown body beside it; null when the kind has none or none exists yet. */
  body: { path: string; text: string } | null;
  /** The parsed YAML; null when it does not parse. */
  fields: Record<string, unknown> | null;
  /** Diagnostics of this document (YAML, schema, cross-references) against the repo on disk. */
  diagnostics: ApiDiagnostic[];
  /** Content hash of text + body as read: the `baseRevision` of a later save. */
  revision: string;
}

/** What a client sends to save: the YAML text and, for kinds with a body, the Markdown (null: no body file). */
export interface DocumentDraft {
  text?: string;
  edits?: FieldEdit[];
  body?: string | null;
}

/**
 * `PUT …/:name`: either the whole new `text` (from the source editor), or `edits` to the text on
 * disk (from form fields), applied through the yaml Document API so that comments, key order and
 * the formatting of untouched keys stay. `body` replaces the Markdown body when given.
 */
export interface SaveRequest {
  text?: string;
  edits?: FieldEdit[];
  body?: string | null;
  baseRevision: string;
}

/** One form-field change: set the value at a YAML path (`['tools', 0]`), or delete it. */
export type FieldEdit = { path: (string | number)[]; value: unknown } | { path: (string | number)[]; delete: true };

/** `POST /api/components/:kind`, `POST /api/profiles`, `POST /api/projects`. */
export interface CreateRequest {
  name: string;
  text: string;
  body?: string | null;
}

/** `POST …/:name/rename`. */
export interface RenameRequest {
  to: string;
  baseRevision: string;
}

/** Response of PUT, POST (201), rename: the document as now on disk. */
export interface SaveResponse {
  document: DocumentRead;
  /** Files written and removed, repo-relative. */
  written: string[];
  removed: string[];
  /** Errors elsewhere in the repo after the change (a reference it broke), for the client to show. */
  elsewhere: ApiDiagnostic[];
}

/** `DELETE …/:name?baseRevision=…`. */
export interface DeleteResponse {
  removed: string[];
  elsewhere: ApiDiagnostic[];
}

// ─── GET /api/projects/:name/effective ──────────────────────────────────────────────────────────

export interface EffectiveSet {
  project: string;
  dir: string;
  targets: { claudeCode: boolean; autoClaude: boolean };
  /** Profiles applied, in order (defaults first, parents before children). */
  profiles: string[];
  components: EffectiveComponent[];
  variables: { name: string; value: string | number | boolean; source: string }[];
  modelProfile: string | null;
  /**
   * What `.auto-claude/.env` gets as `AGENT_MCP_<agentType>_ADD` / `_REMOVE`: each selected agent
   * config against the runtime's built-in servers, then the project's own `autoClaude.agents` on top;
   * `setIn` is the file and line that decided it. Empty without the Auto-Claude target.
   */
  agentMcp: { agentType: string; add: string[]; remove: string[]; setIn: string }[];
  diagnostics: ApiDiagnostic[];
}

export interface EffectiveComponent {
  kind: ComponentKind;
  name: string;
  path: string;
  /** The profile or project file that selected it first (repo-relative, e.g. profiles/base.yaml). */
  selectedBy: string;
}

// ─── POST /api/validate, POST /api/preview ──────────────────────────────────────────────────────

/** A file as it would be: repo-relative path, its text (null: deleted). */
export interface DraftFile {
  path: string;
  text: string | null;
}

export interface ValidateRequest {
  /** Repo-relative path of the draft, e.g. components/subagents/reviewer.yaml. */
  path: string;
  text: string;
  /** Other unsaved files to see with it (a body beside the YAML). */
  drafts?: DraftFile[];
}

export interface ValidateResponse {
  path: string;
  /** Diagnostics of the draft (and of its body), through the real load → validate → resolve → render. */
  diagnostics: ApiDiagnostic[];
  /** Errors elsewhere in the repo with the draft in place (e.g. a reference the draft breaks). */
  elsewhere: ApiDiagnostic[];
  fields: Record<string, unknown> | null;
  ms: number;
}

export interface PreviewRequest {
  project: string;
  drafts: DraftFile[];
  /**
   * 'all' (default): every output of the project. 'affected': only those the drafts feed (a draft
   * among their sources) or that a build would change; on a large repo this is the editor's choice.
   */
  files?: 'all' | 'affected';
}

export interface PreviewResponse {
  project: string;
  files: PreviewFile[];
  diagnostics: ApiDiagnostic[];
  ms: number;
}

export interface PreviewFile {
  /** Path inside the project (or the backend, with `root: 'backend'`). */
  path: string;
  root: 'project' | 'backend';
  action: 'create' | 'update' | 'delete' | 'unchanged' | 'drifted';
  /** The rendered text; null for files holding secrets (and for deletions). */
  content: string | null;
  /** Unified diff against the disk; '' when unchanged; a note for files holding secrets. */
  diff: string;
  /** YAML files it comes from. */
  sources: string[];
  secret?: true;
}

// ─── plan, build, status, diff ──────────────────────────────────────────────────────────────────

export interface PlanRoot {
  root: { kind: 'project'; project: string; dir: string } | { kind: 'backend'; dir: string };
  files: { path: string; action: 'create' | 'update' | 'delete' | 'unchanged' | 'drifted'; secret?: true; patched?: true }[];
}

/** `GET /api/plan?project=a&project=b`: what a build would do (a dry run). */
export interface PlanResponse {
  counts: Counts;
  roots: PlanRoot[];
  /** One line per change, as `ccm build --dry-run` prints them. */
  changes: string[];
  diagnostics: ApiDiagnostic[];
}

/** `POST /api/build`. */
export interface BuildRequest {
  projects?: string[];
  force?: boolean;
}

/** The response of `POST /api/build`, and the `result` of its `build` finished event. */
export interface BuildResult {
  jobId: string;
  ok: boolean;
  changed: boolean;
  counts: Counts;
  changes: string[];
  diagnostics: ApiDiagnostic[];
  ms: number;
}

export interface StatusRoot {
  project: string;
  dir: string;
  upToDate: boolean;
  counts: Counts;
  changes: { path: string; action: string }[];
  /** Generated files not committed in the project's repository; null when it is not in git. */
  uncommitted: { path: string; code: string }[] | null;
  builtFrom: string | null;
  unbuiltCommits: { commit: string; subject: string }[] | null;
}

/** `GET /api/status`. */
export interface StatusResponse {
  roots: StatusRoot[];
  config: { head: string | null; uncommitted: { path: string; code: string }[] } | null;
  diagnostics: ApiDiagnostic[];
}

export interface DiffFile {
  project: string;
  path: string;
  action: 'create' | 'update' | 'delete' | 'drifted';
  diff: string;
  secret?: true;
}

/** A behaviour change a reviewer should look at (permissions, hooks, MCP servers, prompts, models…). */
export interface Risk {
  kind: string;
  severity: string;
  project: string;
  path: string;
  detail: string;
}

/** `GET /api/diff[?base=REF]`: the generated-files diff against the disk, or against a git ref. */
export interface DiffResponse {
  against: { kind: 'disk' } | { kind: 'base'; ref: string; commit: string };
  files: DiffFile[];
  risks: Risk[];
  diagnostics: ApiDiagnostic[];
}

// ─── import, secrets, doctor ────────────────────────────────────────────────────────────────────

/** `POST /api/import/scan` (a dry run) and `POST /api/import/apply` (writes). */
export interface ImportRequest {
  source: 'auto-claude' | 'claude';
  /** auto-claude: the backend folder; claude: the project folder. Absolute, or relative to the config repo. */
  path: string;
  projects?: string[];
  name?: string;
  only?: string[];
  onClash?: 'skip' | 'rename' | 'overwrite';
}

export interface ImportResponse {
  dryRun: boolean;
  found: Record<string, number>;
  groups: string[];
  onClash: string;
  outcomes: { group: string; name: string; finalName: string; action: string; source: string; detail?: string }[];
  roundTrip: { checked: number; exact: number };
  notes: string[];
  /** What `ccm import` would print (its summary). */
  summary: string[];
  diagnostics: ApiDiagnostic[];
}

export interface SecretRow {
  name: string;
  file: string;
  /** Recipients the file is encrypted for; null when it is not a readable age file. */
  recipients: number | null;
  lastChange: { date: string; author: string; commit: string } | null;
  /** Projects whose YAML references it. */
  referencedBy: string[];
}

/** `GET /api/secrets`: names and recipients, never values. */
export interface SecretsResponse {
  secrets: SecretRow[];
  /** Recipients listed in ccm.config.yaml. */
  recipients: number;
  /** Names referenced in YAML with no .age file. */
  missing: string[];
  diagnostics: ApiDiagnostic[];
}

/** `POST /api/secrets/:name`: the value goes in, never comes back. */
export interface SecretSetRequest {
  value: string;
}

export interface SecretSetResponse {
  name: string;
  file: string;
  created: boolean;
  recipients: number;
}

export interface DoctorCheck {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

/** `GET /api/doctor`. */
export interface DoctorResponse {
  checks: DoctorCheck[];
}

// ─── git of the config repo ─────────────────────────────────────────────────────────────────────

/** `GET /api/git/status`. */
export interface GitStatusResponse {
  /** false: the config repo is in no git repository (the other fields are empty). */
  repo: boolean;
  branch: string | null;
  head: string | null;
  /** Changed files, relative to the config repo root. */
  files: { path: string; index: string; workingDir: string }[];
}

/** `GET /api/git/diff`: the config repo's uncommitted changes (staged and not), untracked files as new. */
export interface GitDiffResponse {
  diff: string;
  files: string[];
}

/** `POST /api/git/commit`: commits every change in the config repo folder. */
export interface GitCommitRequest {
  message: string;
}

export interface GitCommitResponse {
  commit: string;
  files: string[];
}

// ─── GET /api/events (server-sent events, one JSON `data:` per event) ───────────────────────────

export type ServerEvent =
  | { type: 'hello'; root: string }
  /** Config files changed on disk (any editor, the UI itself included), repo-relative. */
  | { type: 'changed'; paths: string[] }
  /** A build: started, its progress and finished from this UI (with its result), or `elsewhere` when a manifest changed under an output root. */
  | { type: 'build'; phase: 'started'; jobId: string; projects: string[] }
  /** Where it stands: reading and rendering, then writing `files` files (created, updated or deleted). */
  | { type: 'build'; phase: 'progress'; jobId: string; step: 'compiling' }
  | { type: 'build'; phase: 'progress'; jobId: string; step: 'writing'; files: number }
  | { type: 'build'; phase: 'finished'; jobId: string; result: BuildResult }
  | { type: 'build'; phase: 'elsewhere'; roots: string[] };
