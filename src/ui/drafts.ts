import { CONFIG_FILE, READ_ROOTS } from '../core/kinds.js';
import type { DraftOverlay } from '../load/load-repo.js';
import { parseYaml } from '../load/yaml-file.js';
import { compile } from '../pipeline/compile.js';
import { planDiffs } from '../review/report.js';
import { repoSecretSource } from '../secrets/source.js';
import type { DraftFile, PreviewFile, PreviewRequest, PreviewResponse, ValidateRequest, ValidateResponse } from './api-types.js';
import { ApiFailure, badRequest, toApiDiagnostic } from './failure.js';
import type { Workspace } from './workspace.js';

/*
 * Drafts: files as the editor holds them, unsaved. They are checked and rendered by the real
 * pipeline with the drafts seen in place of the disk's files (loadRepo's overlay); nothing is
 * written, and a secret is never decrypted for it (secrets render as `${NAME}`, and files holding
 * them are compared with their values left out, as `ccm status` does).
 */

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A draft's path must be a file the load stage reads: ccm.config.yaml or below components/, profiles/, projects/, templates/. */
export function draftPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') throw badRequest('"path" is required: the repo-relative path of the draft, e.g. components/subagents/reviewer.yaml');
  const segments = path.split('/');
  const inRepo = !path.startsWith('/') && !path.includes('\\') && !/^[A-Za-z]:/.test(path) && segments.every((s) => s !== '' && s !== '.' && s !== '..');
  if (!inRepo) throw new ApiFailure(400, 'INVALID_PATH', `"${path}" is not a path inside the config repo`, { hint: 'use a repo-relative POSIX path without "..", e.g. components/subagents/reviewer.yaml' });
  const top = segments[0]!;
  if (path !== CONFIG_FILE && (top === 'secrets' || !(READ_ROOTS as readonly string[]).includes(top) || segments.length < 2)) {
    throw new ApiFailure(400, 'INVALID_PATH', `"${path}" is not a config file ccm reads`, { hint: `drafts are ${CONFIG_FILE} or files below components/, profiles/, projects/ or templates/` });
  }
  return path;
}

function overlayOf(drafts: readonly DraftFile[] | undefined): Map<string, Uint8Array | null> {
  const overlay = new Map<string, Uint8Array | null>();
  if (drafts === undefined) return overlay;
  if (!Array.isArray(drafts)) throw badRequest('"drafts" must be a list of { path, text }');
  for (const d of drafts) {
    const path = draftPath(d?.path);
    if (d.text !== null && typeof d.text !== 'string') throw badRequest(`draft ${path}: "text" must be a string, or null for a deleted file`);
    overlay.set(path, d.text === null ? null : enc.encode(d.text));
  }
  return overlay;
}

export async function validateDraft(ws: Workspace, request: ValidateRequest): Promise<ValidateResponse> {
  const started = performance.now();
  const path = draftPath(request.path);
  if (typeof request.text !== 'string') throw badRequest('"text" is required: the draft\'s content');
  const overlay: DraftOverlay = new Map([...overlayOf(request.drafts), [path, enc.encode(request.text)]]);
  const { diagnostics } = await ws.check(overlay);
  const mine = new Set(overlay.keys());
  const fields = /\.ya?ml$/.test(path) ? (parseYaml(path, enc.encode(request.text)).file?.value ?? null) : null;
  return {
    path,
    diagnostics: diagnostics.filter((d) => d.file !== undefined && mine.has(d.file)).map(toApiDiagnostic),
    elsewhere: diagnostics.filter((d) => d.severity === 'error' && (d.file === undefined || !mine.has(d.file))).map(toApiDiagnostic),
    fields,
    ms: Math.round(performance.now() - started),
  };
}

export async function previewDraft(ws: Workspace, request: PreviewRequest): Promise<PreviewResponse> {
  const started = performance.now();
  if (typeof request.project !== 'string' || request.project === '') throw badRequest('"project" is required');
  const overlay = overlayOf(request.drafts ?? []);
  if (request.files !== undefined && request.files !== 'all' && request.files !== 'affected') throw badRequest('"files" must be "all" or "affected"');
  const affectedOnly = request.files === 'affected';
  const loaded = await ws.load(overlay);
  const result = await compile(ws.root, {
    projects: [request.project],
    force: false,
    loaded,
    secretSource: repoSecretSource(ws.root, ws.env, { withoutValues: true }),
  });
  const diffs = new Map(planDiffs(result.plans).map((f) => [`${f.project}\u0000${f.path}`, f]));
  const files: PreviewFile[] = [];
  for (const [i, target] of result.targets.entries()) {
    const root = target.root.kind === 'project' ? 'project' : 'backend';
    const key = target.root.kind === 'project' ? target.root.project : '(backend)';
    const plan = result.plans[i];
    const planned = new Map((plan?.files ?? []).map((f) => [f.path, f]));
    for (const f of target.files) {
      const p = planned.get(f.path);
      files.push({
        path: f.path,
        root,
        action: p?.action ?? 'create',
        content: f.secret ? null : typeof f.content === 'string' ? f.content : dec.decode(f.content),
        diff: diffs.get(`${key}\u0000${f.path}`)?.diff ?? '',
        sources: f.sources,
        ...(f.secret ? { secret: true as const } : {}),
      });
    }
    for (const p of plan?.files ?? []) {
      if (p.action === 'delete') files.push({ path: p.path, root, action: 'delete', content: null, diff: diffs.get(`${key}\u0000${p.path}`)?.diff ?? '', sources: p.sources, ...(p.secret ? { secret: true as const } : {}) });
    }
  }
  const shown = affectedOnly ? files.filter((f) => f.action !== 'unchanged' || f.sources.some((s) => overlay.has(s))) : files;
  return { project: request.project, files: shown, diagnostics: result.diagnostics.map(toApiDiagnostic), ms: Math.round(performance.now() - started) };
}
