import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mapMcpName } from '../core/auto-claude/mcp-names.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import { assembleRepo } from '../load/assemble.js';
import { isExecutable } from '../load/read-tree.js';
import { createEngine } from '../render/engine.js';
import { renderAutoClaudeProject, renderBackend } from '../render/auto-claude/index.js';
import { renderClaudeCode } from '../render/claude-code/index.js';
import type { OutputFile } from '../render/types.js';
import { canonical } from '../render/claude-code/shared.js';
import { resolveBackend, resolveProject } from '../resolve/resolve.js';
import { validateRepo } from '../validate/validate.js';
import { envValues } from './auto-claude/dotenv.js';
import { importAllowlist } from './auto-claude/project-files.js';
import type { ImportGroup } from './groups.js';
import { displayPath, type RoundTripCheck, type Scan } from './model.js';
import type { ImportPlan } from './plan.js';

export interface RoundTrip {
  /** Source files that a build of the imported repo was compared with. */
  checked: number;
  /** Of those, the ones it reproduces (bytes, JSON value or .env values). */
  exact: number;
  /** The reproduced source files: ccm may take them over (see adopt.ts) although their bytes differ. */
  reproduced: { abs: string; path: string; secret: boolean; secretKeys: string[] }[];
  diagnostics: Diagnostic[];
}

/**
 * Runs the pure build stages (validate, resolve, render) on the repo as the import leaves it and
 * compares every output with the source file it came from, so that the import can say which files a
 * `ccm build` would not give back exactly. Reads the sources; writes nothing.
 */
export function verifyRoundTrip(plan: ImportPlan, scan: Scan, groups: ReadonlySet<ImportGroup>, cwd: string): RoundTrip {
  const diagnostics: Diagnostic[] = [];
  const { repo, diagnostics: loadDiagnostics } = assembleRepo(plan.root, plan.config, plan.files);
  // Errors stop the check; unknown Claude Code keys are also worth a word: they are kept as written.
  const found = [...loadDiagnostics, ...validateRepo(repo)].filter((d) => d.severity === 'error' || d.code === 'UNKNOWN_FIELD');
  for (const d of found) diagnostics.push(d.file ? { ...d, file: displayPath(cwd, join(plan.root, d.file)) } : d);
  const problems = found.filter((d) => d.severity === 'error');
  const checks = scan.checks.filter((c) => relevant(c, groups, plan));
  if (problems.length > 0 || checks.length === 0) return { checked: 0, exact: 0, reproduced: [], diagnostics };

  const engine = createEngine(repo.templates);
  const lookup = (name: string): string | undefined => plan.secretValues.get(name);
  const outputs = new Map<ProjectKey, Map<string, OutputFile>>();
  for (const [draft, name] of plan.projectNames) {
    const resolved = resolveProject(repo, name);
    const files = new Map<string, OutputFile>();
    if (resolved.project) {
      for (const f of [...renderClaudeCode(resolved.project, engine).files, ...renderAutoClaudeProject(resolved.project, engine, lookup).files]) files.set(f.path, f);
    }
    outputs.set(draft, files);
  }
  const backend = resolveBackend(repo);
  const backendFiles = new Map<string, OutputFile>();
  if (backend && scan.backendDir && resolve(backend.dir) === resolve(scan.backendDir)) {
    for (const f of renderBackend(backend, engine).files) backendFiles.set(f.path, f);
  }

  let exact = 0;
  const reproduced: RoundTrip['reproduced'] = [];
  for (const check of checks) {
    const file = (check.project ? outputs.get(check.project) : backendFiles)?.get(check.path);
    const out = file?.content;
    const shown = displayPath(cwd, check.abs);
    if (out === undefined) {
      diagnostics.push(warning('IMPORT_NOT_EXACT', '`ccm build` of the imported repo does not write this file', { file: shown, line: 1, col: 1 }));
      continue;
    }
    const original = readFileSync(check.abs);
    const problem = compare(check, typeof out === 'string' ? Buffer.from(out, 'utf8') : Buffer.from(out), original) ?? compareMode(check, file?.executable === true);
    if (problem === undefined) {
      exact++;
      reproduced.push({ abs: check.abs, path: check.path, secret: file?.secret === true, secretKeys: file?.secretKeys ?? [] });
    }
    else diagnostics.push(warning('IMPORT_NOT_EXACT', `\`ccm build\` of the imported repo writes this file differently: ${problem.message}`, { file: shown, line: problem.line ?? 1, col: 1 }));
  }
  return { checked: checks.length, exact, reproduced, diagnostics };
}

type ProjectKey = NonNullable<RoundTripCheck['project']>;

const GROUP_OF_OUTPUT: readonly [RegExp, ImportGroup[]][] = [
  [/^\.claude\/agents\//, ['subagents']],
  [/^\.claude\/commands\//, ['commands']],
  [/^\.claude\/skills\//, ['skills']],
  [/^\.claude\/settings\.json$/, ['hooks', 'settings']],
  [/^\.mcp\.json$/, ['mcp-servers']],
  [/^\.claude\/output-styles\//, ['output-styles']],
  [/^\.claude\/rules\//, ['rules']],
  [/(^|\/)CLAUDE\.md$/, ['claude-md']],
  [/^\.auto-claude\/\.env$/, []],
  [/^\.auto-claude-allowlist$/, []],
  [/^prompts\//, ['prompts']],
];

function relevant(check: RoundTripCheck, groups: ReadonlySet<ImportGroup>, plan: ImportPlan): boolean {
  if (check.project && !plan.projectNames.has(check.project)) return false;
  const needed = GROUP_OF_OUTPUT.find(([re]) => re.test(check.path))?.[1] ?? [];
  return needed.every((g) => groups.has(g));
}

/**
 * A file reproduced byte for byte must also keep its execute bit (a skill's script). Files checked
 * by value are rewritten in ccm's form anyway, so their mode is ccm's too.
 */
function compareMode(check: RoundTripCheck, built: boolean): { message: string; line?: number } | undefined {
  if (check.mode !== 'bytes') return undefined;
  const source = isExecutable(statSync(check.abs).mode);
  if (source === built) return undefined;
  return { message: source ? 'without the executable bit the source has' : 'with an executable bit the source does not have' };
}

function compare(check: RoundTripCheck, built: Buffer, original: Buffer): { message: string; line?: number } | undefined {
  if (check.mode === 'bytes') {
    if (built.equals(original)) return undefined;
    return firstDifference(original.toString('utf8'), built.toString('utf8'));
  }
  if (check.mode === 'json') {
    let a: unknown;
    try {
      a = JSON.parse(original.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      return { message: 'the original is not JSON' };
    }
    const b = JSON.parse(built.toString('utf8')) as Record<string, unknown>;
    if (canonical(a) === canonical(b)) return undefined;
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b)]);
    const differing = [...keys].filter((k) => canonical((a as Record<string, unknown>)[k]) !== canonical(b[k]));
    return { message: `a different JSON value (keys ${differing.map((k) => JSON.stringify(k)).join(', ')})` };
  }
  if (check.mode === 'allowlist') {
    const [a, b] = [original, built].map((bytes) => importAllowlist(bytes.toString('utf8')).join('\n'));
    return a === b ? undefined : { message: 'other commands' };
  }
  const before = envValues(original.toString('utf8'));
  const after = envValues(built.toString('utf8'));
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  // Names only: values may be secrets.
  const differing = keys.filter((k) => !sameEnvValue(k, before.get(k), after.get(k)));
  return differing.length === 0 ? undefined : { message: `different values for ${differing.join(', ')}` };
}

function sameEnvValue(key: string, a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (/^AGENT_MCP_.+_(ADD|REMOVE)$/.test(key)) return list(a) === list(b);
  if (key === 'CUSTOM_MCP_SERVERS' && a !== undefined && b !== undefined) {
    try {
      return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
    } catch {
      return false;
    }
  }
  return false;
}

function list(v: string | undefined): string {
  return [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => mapMcpName(s) ?? s))].sort().join(',');
}

function firstDifference(a: string, b: string): { message: string; line: number } {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      if (i >= la.length - 1 && i >= lb.length - 1) return { message: 'the end of the file differs (final newline)', line: i + 1 };
      if ((la[i] ?? '').replace(/\r$/, '') === (lb[i] ?? '').replace(/\r$/, '')) return { message: `line ${i + 1} differs in its line ending`, line: i + 1 };
      return { message: `line ${i + 1} differs`, line: i + 1 };
    }
  }
  return { message: 'the bytes differ (encoding)', line: 1 };
}
