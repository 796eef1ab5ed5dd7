import { resolve } from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import type { ConfigRepo } from '../load/model.js';
import { positionOf } from '../load/yaml-file.js';
import type { OutputRoot } from '../render/types.js';

/**
 * Two output roots in one folder would share one `.ccm/manifest.json` and each delete the other's
 * files as orphans; apply would even trip over the other's staged manifest. Compared like output
 * paths (ignoring case), since the folder may be on macOS or Windows.
 */
export function sharedRootDiagnostics(repo: ConfigRepo, roots: readonly OutputRoot[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, OutputRoot>();
  for (const root of roots) {
    const key = resolve(root.dir).toLowerCase();
    const first = seen.get(key);
    if (!first) {
      seen.set(key, root);
      continue;
    }
    const file = root.kind === 'project' ? repo.projects.get(root.project) : repo.config;
    const at = file ? positionOf(file, root.kind === 'project' ? ['path'] : ['autoClaude', 'backendPath']) : undefined;
    out.push(error('OUTPUT_CLASH', `${describe(root)} writes into the same folder as ${describe(first)} (${first.dir})`, at,
      'give each project (and the Auto-Claude backend) a folder of its own'));
  }
  return out;
}

function describe(root: OutputRoot): string {
  return root.kind === 'project' ? `project "${root.project}"` : 'the Auto-Claude backend';
}
