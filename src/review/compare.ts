import { modeLines, unifiedDiff, type ReviewFile } from './report.js';
import type { OutputFile } from '../render/types.js';
import { rootKey, SPEC_PATCH_PATH, type Risk, type RiskTarget } from './risks.js';

export type { ReviewFile } from './report.js';

export interface Review {
  base: { ref: string; commit: string };
  files: ReviewFile[];
  risks: Risk[];
}

const dec = new TextDecoder();

/**
 * Compares two sets of rendered targets file by file, matching roots by project name (or the
 * backend) and files by path. Pure; the order is project, then path.
 */
export function compareTargets(before: readonly RiskTarget[], after: readonly RiskTarget[]): ReviewFile[] {
  const keys = new Set<string>();
  const index = (targets: readonly RiskTarget[]): Map<string, Map<string, OutputFile>> => {
    const out = new Map<string, Map<string, OutputFile>>();
    for (const t of targets) {
      const key = rootKey(t.root);
      keys.add(key);
      const files = new Map(t.files.map((f) => [f.path, f]));
      if (t.specPatch) files.set(SPEC_PATCH_PATH, { path: SPEC_PATCH_PATH, content: specText(t.specPatch), sources: t.specPatch.sources });
      out.set(key, files);
    }
    return out;
  };
  const b = index(before);
  const a = index(after);
  const out: ReviewFile[] = [];
  for (const project of [...keys].sort(cmp)) {
    const bf = b.get(project) ?? new Map<string, OutputFile>();
    const af = a.get(project) ?? new Map<string, OutputFile>();
    for (const path of [...new Set([...bf.keys(), ...af.keys()])].sort(cmp)) {
      const old = bf.get(path);
      const now = af.get(path);
      const oldText = old ? text(old) : undefined;
      const newText = now ? text(now) : undefined;
      const modes = modeLines(old && old.executable === true, now && now.executable === true);
      if (oldText === newText && modes === '') continue;
      const action = old === undefined ? 'create' : now === undefined ? 'delete' : 'update';
      const secret = old?.secret === true || now?.secret === true;
      const file: ReviewFile = { project, path, action, diff: modes + unifiedDiff(project, path, oldText, newText, secret) };
      if (secret) file.secret = true;
      out.push(file);
    }
  }
  return out;
}

function specText(patch: NonNullable<RiskTarget['specPatch']>): string {
  return JSON.stringify({ specs: patch.specs, set: patch.set }, null, 2) + '\n';
}

function text(file: OutputFile): string {
  return typeof file.content === 'string' ? file.content : dec.decode(file.content);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
