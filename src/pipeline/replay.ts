import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { restamp, rootsUnchanged, type ConfigWalk, type NoOpStamp } from '../cache/no-op.js';
import type { OutputRecords } from '../cache/output-records.js';
import { INPUT_PATH_AT, readReplayGraph, type ReplayGraph } from '../cache/replay-graph.js';
import { sameStatKey, statKeyOf } from '../cache/stat-key.js';
import { conflictMarkerLine } from '../core/auto-claude/conflict-markers.js';
import { stampBuiltInputs } from '../git/built-from.js';
import { blobId, fingerprintOfLines } from '../git/inputs.js';
import { applyPlans } from '../io/apply.js';
import { bodyTextOf, MAX_FILE_BYTES } from '../load/body-text.js';
import { sha256 } from '../core/sha256.js';
import { MANIFEST_PATH, parseManifest } from '../plan/manifest.js';
import type { PlannedFile, RootPlan } from '../plan/plan.js';
import { fillBodySlot } from '../render/body-slot.js';
import { outputSizeDiagnostics } from '../render/limits.js';
import type { BuildOutcome, BuildReport, BuildStep } from './build.js';
import { BuildLocks, type LockOptions } from './build-locks.js';
import { changeLines, type Counts, type DescribedPlan } from './summary.js';

/** How many outputs written by the last build a replay reads back to trust them (records' racy rule). */
const RACY_READS = 64;

export interface ReplayRequest {
  root: string;
  stamp: NoOpStamp;
  walk: ConfigWalk;
  /** The config files the walk found changed since the stamp. */
  changed: readonly string[];
  records: OutputRecords;
  check: boolean;
  dryRun: boolean;
  lock: LockOptions;
  step?: (step: BuildStep) => void;
  /** Milliseconds since the build began, for its report. */
  elapsed: () => number;
}

/**
 * A build in which only Markdown bodies changed since the last build stamped its result: the
 * outputs those bodies fill are filled again from the replay graph that build recorded
 * (cache/replay-graph.ts), with the checks the pipeline makes of a body, and written through the
 * same write layer, without loading, validating or rendering the rest of the repo. Undefined
 * whenever anything is not exactly as the stamp and graph say (a body the pipeline would report,
 * an output not as recorded, no graph): the caller then runs the whole pipeline, whose result a
 * replay must equal byte for byte (test/e2e/replay.test.ts).
 */
export async function replayBodies(request: ReplayRequest): Promise<BuildOutcome | undefined> {
  const { root, stamp, walk, changed, records } = request;
  // The stamp's diagnostics are reported again: none of them may be about a changed body.
  if (stamp.replay === undefined || stamp.diagnostics.some((d) => d.severity === 'error' || (d.file !== undefined && changed.includes(d.file)))) return undefined;
  const graph = readReplayGraph(root, stamp.replay);
  if (!graph || !changed.every((path) => Object.hasOwn(graph.bodies, path))) return undefined;
  const inputs = inputLines(graph, stamp.replayInputs ?? {}, changed);
  if (!inputs) return undefined;
  const writing = !request.dryRun && !request.check;
  const locks = writing ? new BuildLocks(request.lock) : undefined;
  try {
    await locks?.acquire([root, ...stamp.roots.map((r) => r.dir)]);
    // Under the locks: the outputs and manifests are still what the stamp saw.
    if (!rootsUnchanged(stamp, (dir) => records.outputsUnchanged(dir, RACY_READS))) return undefined;
    const bodies = readBodies(root, walk, changed);
    if (!bodies) return undefined;
    const plans = planReplay(stamp, graph, bodies);
    if (!plans) return undefined;
    const changes = changeLines(plans);
    if (locks) await write(request, locks, plans, bodies, inputs);
    const report = replayReport(root, stamp, plans, request);
    return { report: request.check ? { ...report, upToDate: changes.length === 0 } : report, diagnostics: stamp.diagnostics, failed: false, changed: changes.length > 0, changes, ms: request.elapsed() };
  } finally {
    await locks?.release();
  }
}

/** Writes the plans under the held locks (with `builtInputs` of the config as it is now), and what the next build may trust. */
async function write(request: ReplayRequest, locks: BuildLocks, plans: readonly RootPlan[], bodies: ReadonlyMap<string, Body>, inputs: { lines: string[]; at: Map<string, number> }): Promise<void> {
  const { root, stamp, walk, records } = request;
  // The graph stays as recorded; the stamp carries the entries replays have changed since.
  const changedInputs = { ...stamp.replayInputs };
  for (const [path, body] of bodies) {
    const i = inputs.at.get(path)!;
    changedInputs[path] = `${inputs.lines[i]!.slice(0, 6)} ${body.blob}`;
    inputs.lines[i] = `${changedInputs[path]} ${path}`;
  }
  const files = plans.reduce((n, p) => n + p.files.length, 0);
  if (files > 0) {
    request.step?.({ step: 'writing', files });
    locks.assertHeld();
    stampBuiltInputs(root, plans, () => fingerprintOfLines(inputs.lines));
    await applyPlans(plans);
  }
  remember(records, plans);
  records.noOp = restamp(stamp, walk, changedInputs);
  records.save();
}

/**
 * The config files as `builtInputs` hashes them now: the graph's lines with the entries replays
 * changed since (`changedSince`: path → `<mode> <blob>`), and where each changed body's line is.
 * Undefined when one of them is not in the graph.
 */
function inputLines(graph: ReplayGraph, changedSince: Record<string, string>, changed: readonly string[]): { lines: string[]; at: Map<string, number> } | undefined {
  const wanted = new Set([...changed, ...Object.keys(changedSince)]);
  const lines = [...graph.inputs];
  const at = new Map<string, number>();
  lines.forEach((line, i) => {
    const path = line.slice(INPUT_PATH_AT);
    if (!wanted.has(path)) return;
    at.set(path, i);
    if (Object.hasOwn(changedSince, path)) lines[i] = `${changedSince[path]!} ${path}`;
  });
  return at.size === wanted.size ? { lines, at } : undefined;
}

interface Body {
  text: string;
  /** Its git blob id, for `builtInputs`. */
  blob: string;
}

/** The changed bodies as a load takes them; undefined when one is not what the walk saw or the pipeline would report it. */
function readBodies(root: string, walk: ConfigWalk, changed: readonly string[]): Map<string, Body> | undefined {
  const bodies = new Map<string, Body>();
  for (const path of changed) {
    const abs = join(root, path);
    let bytes: Buffer;
    try {
      const info = lstatSync(abs);
      if (!info.isFile() || info.size > MAX_FILE_BYTES || !sameStatKey(statKeyOf(info), walk.files[path])) return undefined;
      bytes = readFileSync(abs);
    } catch {
      return undefined;
    }
    const text = bodyTextOf(bytes);
    // BINARY_FILE, an empty body (MISSING_BODY of a style) and conflict markers are the load's and
    // validation's findings about a body; the whole pipeline reports them.
    if (text === undefined || text.trim() === '' || conflictMarkerLine(text) > 0) return undefined;
    bodies.set(path, { text, blob: blobId(bytes) });
  }
  return bodies;
}

/** Each root's plan: the outputs the bodies fill, where their bytes change, and the manifest that records them. */
function planReplay(stamp: NoOpStamp, graph: ReplayGraph, bodies: ReadonlyMap<string, Body>): RootPlan[] | undefined {
  const filled = new Map<string, Map<string, string>>();
  for (const [path, body] of bodies) {
    for (const slot of graph.bodies[path]!) {
      const content = fillBodySlot(slot, body.text);
      if (outputSizeDiagnostics([{ path: slot.path, content, sources: [path] }]).length > 0) return undefined;
      let outputs = filled.get(slot.dir);
      if (!outputs) filled.set(slot.dir, outputs = new Map());
      outputs.set(slot.path, content);
    }
  }
  const enc = new TextEncoder();
  const plans: RootPlan[] = [];
  for (const described of stamp.summary as DescribedPlan[]) {
    const outputs = filled.get(described.root.dir);
    if (!outputs) continue;
    let manifest;
    try {
      manifest = parseManifest(readFileSync(join(described.root.dir, MANIFEST_PATH), 'utf8'));
    } catch {
      return undefined;
    }
    if (!manifest) return undefined;
    const files: PlannedFile[] = [];
    for (const { path } of described.files) {
      const text = outputs.get(path);
      if (text === undefined) continue;
      const entry = manifest.files[path];
      if (!entry || Object.keys(entry).some((k) => k !== 'sha256')) return undefined;
      const content = enc.encode(text);
      const sha = sha256(content);
      if (sha === entry.sha256) continue;
      manifest.files[path] = { sha256: sha };
      files.push({ path, action: 'update', content, secret: false, sources: [] });
    }
    plans.push({ root: described.root, files, manifest, manifestChanged: files.length > 0, createDir: false });
  }
  return plans;
}

/** The report the whole pipeline would give: the stamp's, with the rewritten outputs updated. */
function replayReport(root: string, stamp: NoOpStamp, plans: readonly RootPlan[], request: ReplayRequest): BuildReport {
  const updated = new Set(plans.flatMap((p) => p.files.map((f) => `${p.root.dir}\0${f.path}`)));
  const roots = (stamp.summary as DescribedPlan[]).map((r) => ({
    ...r,
    files: r.files.map((f) => (updated.has(`${r.root.dir}\0${f.path}`) ? { ...f, action: 'update' as const } : f)),
  }));
  const counts = { ...(stamp.counts as Counts) };
  counts.update += updated.size;
  counts.unchanged -= updated.size;
  return { root, check: request.check, dryRun: request.dryRun || request.check, counts, roots };
}

/**
 * What the next build may trust: the rewritten outputs' bytes. (The bodies' blob ids are in the
 * stamp's `replayInputs`; the blob ids a full build keeps are not even read here.)
 */
function remember(records: OutputRecords, plans: readonly RootPlan[]): void {
  for (const plan of plans) {
    for (const f of plan.files) {
      try {
        records.noteWritten(plan.root.dir, f.path, lstatSync(join(plan.root.dir, f.path)), plan.manifest.files[f.path]!.sha256);
      } catch {
        // Gone already: the next build reads the disk.
      }
    }
  }
}
