import { createTwoFilesPatch } from 'diff';
import type { RootPlan } from '../plan/plan.js';
import type { OutputFile } from '../render/types.js';
import { rootKey, type Risk, type RiskTarget } from './risks.js';

/**
 * What `ccm diff` and `ccm diff --base` show, and the one writer for both (unified text and the
 * Markdown of a pull-request comment). Paths are always a project name plus the path inside the
 * project (never an absolute local path), the Markdown is fenced so that no diff line can close
 * its block, and it stays under GitHub's comment limit.
 */

/** One generated file that differs. */
export interface ReviewFile {
  /** Project name, or `(backend)`. */
  project: string;
  /** Path inside the project (or the backend). */
  path: string;
  action: 'create' | 'update' | 'delete' | 'drifted';
  /** Unified diff labelled `a/<project>/<path>`; for files holding secrets a note instead, never their contents. */
  diff: string;
  secret?: true;
}

export interface DiffReport {
  /** What the rendered files are compared with: the files on disk (`ccm diff`) or a git ref (`--base`). */
  against: { kind: 'disk' } | { kind: 'base'; ref: string; commit: string };
  files: readonly ReviewFile[];
  risks: readonly Risk[];
}

export type DiffFormat = 'unified' | 'markdown';

/** What to print: `out` on stdout, `note` (the behaviour changes in unified form, or a status line) on stderr. */
export interface DiffText {
  out: string;
  note: string;
}

const dec = new TextDecoder();
/** What a diff of a file holding secrets shows instead of its contents. */
export const SECRET_NOTE = '(contents hidden: this file holds secrets)\n';
const DECRYPTED_NOTE = '(contents hidden: this file holds decrypted secrets)\n';

/** A unified diff between two versions of `project/path`; undefined text means the file is absent on that side. */
export function unifiedDiff(project: string, path: string, before: string | undefined, after: string | undefined, secret: boolean, note = SECRET_NOTE): string {
  const label = `${project}/${path}`;
  if (secret) return `--- a/${label}\n+++ b/${label}\n${note}`;
  return createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${label}`, after === undefined ? '/dev/null' : `b/${label}`, shown(before), shown(after), '', '', { context: 3 })
    .split('\n')
    .filter((line) => !line.startsWith('===='))
    .map((line) => (line.startsWith('--- ') || line.startsWith('+++ ') ? line.replace(/\t$/, '') : line))
    .join('\n');
}

/**
 * git's mode lines for a change of the execute bit, put before a unified diff (`undefined`: the
 * file is absent on that side). Nothing when the bit stays, or for a new or deleted plain file.
 */
export function modeLines(before: boolean | undefined, after: boolean | undefined): string {
  const mode = (x: boolean): string => (x ? '100755' : '100644');
  if (before === undefined) return after ? `new file mode ${mode(true)}\n` : '';
  if (after === undefined) return before ? `deleted file mode ${mode(true)}\n` : '';
  return before === after ? '' : `old mode ${mode(before)}\nnew mode ${mode(after)}\n`;
}

function shown(t: string | undefined): string {
  if (t === undefined) return '';
  return t.includes('\0') ? '(binary file)\n' : t;
}

/** The files a build would change, in plan order (drifted files show the hand edit to be undone). */
export function planDiffs(plans: readonly RootPlan[]): ReviewFile[] {
  const out: ReviewFile[] = [];
  for (const p of plans) {
    const project = rootKey(p.root);
    for (const f of p.files) {
      if (f.action === 'unchanged') continue;
      const before = f.before ? dec.decode(f.before) : undefined;
      const after = f.action === 'delete' ? undefined : f.content ? dec.decode(f.content) : before;
      const modes = modeLines(f.action === 'create' ? undefined : f.executableBefore === true, f.action === 'delete' ? undefined : f.executable === true);
      const file: ReviewFile = { project, path: f.path, action: f.action, diff: modes + unifiedDiff(project, f.path, f.action === 'create' ? undefined : (before ?? ''), after, f.secret, DECRYPTED_NOTE) };
      if (f.secret) file.secret = true;
      out.push(file);
    }
  }
  return out;
}

/** The disk (before) and what a build would leave there (after), as the risk analysis takes them. */
export function planRiskTargets(plans: readonly RootPlan[]): { before: RiskTarget[]; after: RiskTarget[] } {
  const before: RiskTarget[] = [];
  const after: RiskTarget[] = [];
  for (const p of plans) {
    const was: OutputFile[] = [];
    const now: OutputFile[] = [];
    for (const f of p.files) {
      const secret = f.secret ? { secret: true as const } : {};
      if (f.before) was.push({ path: f.path, content: f.before, sources: f.sources, ...secret });
      const next = f.action === 'delete' ? undefined : f.action === 'create' || f.action === 'update' ? f.content : f.before;
      if (next) now.push({ path: f.path, content: next, sources: f.sources, ...secret });
    }
    before.push({ root: p.root, files: was });
    after.push({ root: p.root, files: now });
  }
  return { before, after };
}

// ---------------------------------------------------------------------------------------------
// the writer

/** GitHub refuses comments over 65,536 characters; the Markdown stays within this many. */
export const MARKDOWN_LIMIT = 60_000;

/** The one writer of `ccm diff` output, plain and `--base`, unified and Markdown. */
export function writeDiffReport(report: DiffReport, format: DiffFormat): DiffText {
  return format === 'markdown' ? { out: markdown(report), note: '' } : unified(report);
}

function unified(report: DiffReport): DiffText {
  const out = report.files.map((f) => f.diff.trimEnd() + '\n').join('');
  const notes: string[] = [];
  if (report.files.length === 0) {
    notes.push(report.against.kind === 'base' ? `No changes: the generated files are the same as at ${report.against.ref}.` : 'No changes: generated files are up to date.');
  }
  if (report.risks.length) {
    notes.push(...(report.files.length ? [''] : []), `Behaviour changes to review (${report.risks.length}):`, ...riskLines(report.risks));
  }
  return { out, note: notes.length ? notes.join('\n') + '\n' : '' };
}

/** One line per risk, for a terminal. */
export function riskLines(risks: readonly Risk[]): string[] {
  return risks.map((r) => `  ${r.severity.padEnd(6)} ${r.kind.padEnd(15)} ${r.project}/${r.path}: ${r.detail}`);
}

/**
 * A pull-request comment: the behaviour changes first, then the changed files, then each diff in a
 * collapsible block. Everything taken from the files is escaped (a cell cannot end its row or open
 * HTML; a fence is longer than any backtick run in its diff). Rows and diffs that would pass
 * MARKDOWN_LIMIT are left out, and a last line says how many and how to see everything.
 */
function markdown(report: DiffReport): string {
  const { files, risks, against } = report;
  const seeAll = against.kind === 'base' ? `ccm diff --base ${command(against.ref)}` : 'ccm diff';
  const head =
    against.kind === 'base'
      ? `### ccm: generated files compared with \`${command(against.ref)}\` (${against.commit.slice(0, 12)})`
      : '### ccm: generated files that change';
  if (files.length === 0) return `${head}\n\n${against.kind === 'base' ? 'No generated file changes.' : 'Generated files are up to date.'}\n`;

  const count = (s: Risk['severity']): number => risks.filter((r) => r.severity === s).length;
  const sections: string[][] = [];
  const intro = [head, ''];
  if (risks.length === 0) intro.push('**Behaviour changes to review:** none found (no wider permissions, commands that run, MCP servers, prompt or model changes).');
  else intro.push(`**Behaviour changes to review:** ${count('high')} high, ${count('medium')} medium, ${count('low')} low`);
  const riskRows = risks.map((r) => `| ${r.severity === 'high' ? '**high**' : r.severity} | ${r.kind} | ${cell(r.project)} | ${code(r.path)} | ${cell(r.detail)} |`);
  const fileRows = files.map((f) => `| ${cell(f.project)} | ${code(f.path)} | ${f.action}${f.secret ? ' (holds secrets)' : ''} |`);
  const blocks = files.map((f) => {
    const body = f.diff.trimEnd();
    const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
    return ['', `<details><summary><code>${html(`${f.project}/${f.path}`)}</code> (${f.action})</summary>`, '', `${fence}diff`, body, fence, '', '</details>'].join('\n');
  });

  // Room for the note that says what was left out, whatever the counts in it.
  const reserve = 400 + seeAll.length;
  let size = 0;
  const left = { risks: 0, files: 0, diffs: 0 };
  const fits = (text: string): boolean => size + text.length + 1 <= MARKDOWN_LIMIT - reserve;
  const take = (text: string): void => {
    size += text.length + 1;
  };
  /** Appends to `section` each item that still fits, in order; returns how many were left out. */
  const fill = (section: string[], items: readonly string[]): number => {
    let leftOut = 0;
    for (const item of items) {
      if (fits(item)) {
        take(item);
        section.push(item);
      } else leftOut++;
    }
    return leftOut;
  };
  take(intro.join('\n'));
  sections.push(intro);

  if (riskRows.length) {
    const table = ['', '| severity | kind | project | file | change |', '|---|---|---|---|---|'];
    take(table.join('\n'));
    left.risks = fill(table, riskRows);
    sections.push(table);
  }
  const list = ['', `**Generated files:** ${files.length} changed`, '', '| project | file | change |', '|---|---|---|'];
  take(list.join('\n'));
  left.files = fill(list, fileRows);
  sections.push(list);
  const diffs: string[] = [];
  left.diffs = fill(diffs, blocks);
  if (diffs.length) sections.push(diffs);

  const parts = [
    left.risks ? `${left.risks} behaviour change${left.risks === 1 ? '' : 's'}` : '',
    left.files ? `${left.files} file row${left.files === 1 ? '' : 's'}` : '',
    left.diffs ? `${left.diffs} diff${left.diffs === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (parts.length) {
    sections.push(['', `_Truncated to stay under GitHub's comment size limit: ${parts.join(', ')} left out. Run \`${seeAll}\` (or add \`--json\`) to see everything._`]);
  }
  return sections.map((s) => s.join('\n')).join('\n') + '\n';
}

/** Text from the files in a table cell: nothing in it can end the row, start a code span or open HTML. */
function cell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** A path in a table cell, as code: backticks, or <code> when the path has its own backticks. */
function code(s: string): string {
  const one = s.replace(/\r?\n/g, ' ');
  return one.includes('`') ? `<code>${html(one).replace(/\|/g, '&#124;')}</code>` : `\`${one.replace(/\|/g, '\\|')}\``;
}

/** A git ref inside inline code (refs cannot hold backticks, but the text comes from the command line). */
function command(s: string): string {
  return s.replace(/[`\r\n]/g, "'");
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
