import { createTwoFilesPatch } from 'diff';
import type { OutputFile } from '../render/types.js';
import { rootKey, SPEC_PATCH_PATH, type Risk, type RiskTarget } from './risks.js';

/** One generated file that differs between two renders of the config repo. */
export interface ReviewFile {
  /** Project name, or `(backend)`. */
  project: string;
  path: string;
  action: 'create' | 'update' | 'delete';
  /** Unified diff; for files holding secrets a note instead, never their contents. */
  diff: string;
  secret?: true;
}

export interface Review {
  base: { ref: string; commit: string };
  files: ReviewFile[];
  risks: Risk[];
}

const dec = new TextDecoder();
const SECRET_NOTE = '(contents hidden: this file holds secrets)\n';

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
      if (oldText === newText) continue;
      const action = old === undefined ? 'create' : now === undefined ? 'delete' : 'update';
      const label = `${project}/${path}`;
      const secret = old?.secret === true || now?.secret === true;
      const file: ReviewFile = { project, path, action, diff: '' };
      if (secret) {
        file.secret = true;
        file.diff = `--- ${label}\n+++ ${label}\n${SECRET_NOTE}`;
      } else {
        file.diff = createTwoFilesPatch(old ? `a/${label}` : '/dev/null', now ? `b/${label}` : '/dev/null', shown(oldText), shown(newText), '', '', { context: 3 })
          .split('\n')
          .filter((line) => !line.startsWith('===='))
          .map((line) => (line.startsWith('--- ') || line.startsWith('+++ ') ? line.replace(/\t$/, '') : line))
          .join('\n');
      }
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

function shown(t: string | undefined): string {
  if (t === undefined) return '';
  return t.includes('\0') ? '(binary file)\n' : t;
}

// ---------------------------------------------------------------------------------------------
// presentation

/** One line per risk, for a terminal. */
export function riskLines(risks: readonly Risk[]): string[] {
  return risks.map((r) => `  ${r.severity.padEnd(6)} ${r.kind.padEnd(15)} ${r.project}/${r.path}: ${r.detail}`);
}

/** GitHub refuses comments over 65,536 characters; diffs beyond this budget are left out. */
const MARKDOWN_BUDGET = 60_000;

/** A pull-request comment: the risk summary first, then every diff in a collapsible block. */
export function reviewMarkdown(review: Review): string {
  const { files, risks, base } = review;
  const lines = [`### ccm: generated files compared with \`${code(base.ref)}\` (${base.commit.slice(0, 12)})`, ''];
  if (files.length === 0) {
    lines.push('No generated file changes.');
    return lines.join('\n') + '\n';
  }
  const count = (s: Risk['severity']): number => risks.filter((r) => r.severity === s).length;
  if (risks.length === 0) lines.push('**Behaviour changes to review:** none found (no wider permissions, new hooks or MCP servers, prompt or model changes).');
  else {
    lines.push(`**Behaviour changes to review:** ${count('high')} high, ${count('medium')} medium, ${count('low')} low`, '');
    lines.push('| severity | kind | project | file | change |', '|---|---|---|---|---|');
    for (const r of risks) lines.push(`| ${r.severity === 'high' ? '**high**' : r.severity} | ${r.kind} | ${cell(r.project)} | ${inline(r.path)} | ${cell(r.detail)} |`);
  }
  lines.push('', `**Generated files:** ${files.length} changed`, '', '| project | file | change |', '|---|---|---|');
  for (const f of files) lines.push(`| ${cell(f.project)} | ${inline(f.path)} | ${f.action}${f.secret ? ' (holds secrets)' : ''} |`);
  let size = lines.join('\n').length;
  let omitted = 0;
  for (const f of files) {
    const body = f.diff.trimEnd();
    const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
    const block = ['', `<details><summary><code>${html(`${f.project}/${f.path}`)}</code> (${f.action})</summary>`, '', `${fence}diff`, body, fence, '', '</details>'];
    const blockSize = block.join('\n').length;
    if (size + blockSize > MARKDOWN_BUDGET) {
      omitted++;
      continue;
    }
    size += blockSize;
    lines.push(...block);
  }
  if (omitted) lines.push('', `_${omitted} diff${omitted === 1 ? '' : 's'} left out to keep this comment short: run \`ccm diff --base ${code(base.ref)}\` to see all._`);
  return lines.join('\n') + '\n';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A table cell holding code: backticks, or <code> when the text has its own backticks. */
function inline(s: string): string {
  return s.includes('`') ? `<code>${html(s).replace(/\|/g, '&#124;')}</code>` : `\`${cell(s)}\``;
}

function code(s: string): string {
  return s.replace(/`/g, "'");
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
