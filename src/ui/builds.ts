import { randomUUID } from 'node:crypto';
import { hasErrors } from '../diagnostics.js';
import { runBuild } from '../pipeline/build.js';
import { compile } from '../pipeline/compile.js';
import { planDiffs, planRiskTargets } from '../review/report.js';
import { analyzeRisks } from '../review/risks.js';
import { repoSecretSource } from '../secrets/source.js';
import type { BuildRequest, BuildResult, DiffResponse, PlanResponse } from './api-types.js';
import { ApiFailure, badRequest, toApiDiagnostic } from './failure.js';
import type { Workspace } from './workspace.js';

/*
 * Plan, build and diff: `ccm build --dry-run`, `ccm build` and `ccm diff [--base]` through the same
 * core functions (runBuild, compile + planDiffs, compareWithBase). A build from the UI is announced
 * on the live events when it starts, at each step (compiling, writing N files) and when it ends; one
 * runs at a time.
 */

let running: string | undefined;

function projectList(raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((p) => typeof p === 'string')) throw badRequest('"projects" must be a list of project names');
  return raw;
}

export async function planReport(ws: Workspace, projects: readonly string[]): Promise<PlanResponse> {
  const outcome = await runBuild(ws.root, { projects, check: false, dryRun: true, force: false, wait: true }, { env: ws.env, note: () => undefined });
  return { counts: outcome.report.counts, roots: outcome.report.roots, changes: outcome.changes, diagnostics: outcome.diagnostics.map(toApiDiagnostic) };
}

export async function buildNow(ws: Workspace, request: BuildRequest, log: (line: string) => void): Promise<BuildResult> {
  const projects = projectList(request.projects);
  if (request.force !== undefined && typeof request.force !== 'boolean') throw badRequest('"force" must be true or false');
  if (running) throw new ApiFailure(409, 'BUILD_RUNNING', 'a build started from this page is still running', { hint: `wait for its finished event (job ${running})` });
  const jobId = randomUUID();
  running = jobId;
  ws.events.publish({ type: 'build', phase: 'started', jobId, projects });
  try {
    const outcome = await ws.events.duringOwnBuild(() =>
      runBuild(ws.root, { projects, check: false, dryRun: false, force: request.force === true, wait: true }, {
        env: ws.env,
        note: log,
        step: (s) => ws.events.publish({ type: 'build', phase: 'progress', jobId, ...s }),
      }),
    );
    const result: BuildResult = {
      jobId,
      ok: !outcome.failed,
      changed: outcome.changed,
      counts: outcome.report.counts,
      changes: outcome.changes,
      diagnostics: outcome.diagnostics.map(toApiDiagnostic),
      ms: outcome.ms,
    };
    ws.events.publish({ type: 'build', phase: 'finished', jobId, result });
    return result;
  } catch (err) {
    const failed: BuildResult = { jobId, ok: false, changed: false, counts: { create: 0, update: 0, delete: 0, unchanged: 0, drifted: 0 }, changes: [], diagnostics: [], ms: 0 };
    ws.events.publish({ type: 'build', phase: 'finished', jobId, result: failed });
    throw err;
  } finally {
    running = undefined;
  }
}

export async function diffReport(ws: Workspace, projects: readonly string[], base: string | undefined): Promise<DiffResponse> {
  if (base !== undefined) {
    // A ref that reads as an option would reach git as one (`--upload-pack=…`), as `ccm diff --base` refuses it.
    if (base === '' || base.startsWith('-')) throw badRequest(`"${base}" is not a git ref`, 'pass a branch, tag or commit, e.g. base=origin/main');
    const { compareWithBase } = await import('../review/base.js');
    const { review, diagnostics } = await compareWithBase(ws.root, projects, base);
    if (!review) throw new ApiFailure(422, 'INVALID_CONFIG', 'the working tree has errors, so there is nothing to compare', { diagnostics });
    return { against: { kind: 'base', ref: base, commit: review.base.commit }, files: review.files, risks: review.risks, diagnostics: diagnostics.map(toApiDiagnostic) };
  }
  const result = await compile(ws.root, { projects, force: false, loaded: await ws.load(), secretSource: repoSecretSource(ws.root, ws.env, { withoutValues: true }) });
  if (hasErrors(result.diagnostics) && result.plans.length === 0) throw new ApiFailure(422, 'INVALID_CONFIG', 'the config repo has errors, so nothing can be compared', { diagnostics: result.diagnostics });
  const sides = planRiskTargets(result.plans);
  return { against: { kind: 'disk' }, files: planDiffs(result.plans), risks: analyzeRisks(sides.before, sides.after), diagnostics: result.diagnostics.map(toApiDiagnostic) };
}
