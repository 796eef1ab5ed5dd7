import { createTwoFilesPatch } from 'diff';
import type { RootPlan, PlannedFile } from '../plan/plan.js';
import { displayPath } from '../plan/plan.js';

export interface FileDiff {
  path: string;
  action: PlannedFile['action'];
  /** Unified diff; for files holding secrets, a note instead, so values never reach a diff. */
  diff: string;
}

const dec = new TextDecoder();
const SECRET_NOTE = '(contents hidden: this file holds decrypted secrets)\n';

/** Unified diffs of everything a build would change, in plan order. */
export function planDiffs(plans: readonly RootPlan[]): FileDiff[] {
  const out: FileDiff[] = [];
  for (const p of plans) {
    for (const f of p.files) {
      if (f.action === 'unchanged') continue;
      const path = displayPath(p.root, f.path);
      if (f.secret) {
        out.push({ path, action: f.action, diff: `--- ${path}\n+++ ${path}\n${SECRET_NOTE}` });
        continue;
      }
      const before = f.before ? text(f.before) : '';
      const after = f.action === 'delete' ? '' : f.content ? text(f.content) : before;
      const diff = createTwoFilesPatch(f.action === 'create' ? '/dev/null' : path, f.action === 'delete' ? '/dev/null' : path, before, after, '', '', { context: 3 })
        .split('\n')
        .filter((line) => !line.startsWith('===='))
        .join('\n');
      out.push({ path, action: f.action, diff });
    }
  }
  return out;
}

function text(bytes: Uint8Array): string {
  return bytes.includes(0) ? '(binary file)\n' : dec.decode(bytes);
}

/** A pull-request comment: a table of changed files, then each diff in a fenced block. */
export function markdownReport(diffs: readonly FileDiff[]): string {
  if (diffs.length === 0) return '**ccm**: generated files are up to date.\n';
  const lines = ['### ccm: generated files that change', '', '| file | change |', '|---|---|'];
  for (const d of diffs) lines.push(`| \`${d.path}\` | ${d.action} |`);
  for (const d of diffs) {
    lines.push('', `<details><summary><code>${d.path}</code> (${d.action})</summary>`, '', '```diff', d.diff.trimEnd(), '```', '', '</details>');
  }
  return lines.join('\n') + '\n';
}
