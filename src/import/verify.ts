import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { mapMcpName } from '../core/auto-claude/mcp-names.js';
import { hasErrors, warning, type Diagnostic } from '../diagnostics.js';
import { assembleRepo } from '../load/assemble.js';
import { isExecutable } from '../load/read-tree.js';
import { compile, type RenderedTarget } from '../pipeline/compile.js';
import type { OutputFile } from '../render/types.js';
import { canonical } from '../render/claude-code/shared.js';
import { secretPlaceholder } from '../secrets/refs.js';
import { envValues } from './auto-claude/dotenv.js';
import { importAllowlist } from './auto-claude/project-files.js';
import type { ImportGroup } from './groups.js';
import { displayPath, type RoundTripCheck, type Scan } from './model.js';
import type { ImportPlan } from './plan.js';
import type { RootTakeover } from './write.js';

export interface RoundTrip {
  /** Source files that a build of the imported repo was compared with. */
  checked: number;
  /** Of those, the ones it reproduces (bytes, JSON value or .env values). */
  exact: number;
  /**
   * The files the import read still sit where the next build writes, reproduced in value though not
   * always in bytes (ccm's quoting, key order, comments); a build refuses to overwrite files it does
   * not own. These are the reproduced ones, which the import takes over as they are (plan/takeover.ts).
   */
  takeovers: RootTakeover[];
  diagnostics: Diagnostic[];
}

/**
 * Compiles the repo as the import leaves it, in memory (`compile` with the planned files and
 * `disk: false`: the build's own stages, nothing read outside the config repo), and compares every
 * output with the source file it came from, so that the import can say which files a `ccm build`
 * would not give back exactly. Reads the sources; writes nothing.
 */
export async function verifyRoundTrip(plan: ImportPlan, scan: Scan, groups: ReadonlySet<ImportGroup>, cwd: string): Promise<RoundTrip> {
  const { repo, diagnostics: loadDiagnostics } = assembleRepo(plan.root, plan.config, plan.files);
  // A secret the import did not bring (the repo had it) is left as `${NAME}`: it cannot be decrypted here, and need not be.
  const secrets = (name: string): string => plan.secretValues.get(name) ?? secretPlaceholder(name);
  const result = await compile(plan.root, { projects: [...new Set(plan.projectNames.values())], force: false, disk: false, secrets, loaded: { repo, diagnostics: loadDiagnostics, inputs: [] } });
  // Errors stop the check; unknown Claude Code keys are also worth a word: they are kept as written.
  const diagnostics = result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'UNKNOWN_FIELD')
    .map((d) => (d.file ? { ...d, file: displayPath(cwd, isAbsolute(d.file) ? d.file : join(plan.root, d.file)) } : d));
  const checks = scan.checks.filter((c) => relevant(c, groups, plan));
  // No targets with errors: the repo did not load or validate, so nothing was rendered.
  if ((result.targets.length === 0 && hasErrors(result.diagnostics)) || checks.length === 0) return { checked: 0, exact: 0, takeovers: [], diagnostics };

  const targetOf = (check: RoundTripCheck): RenderedTarget | undefined => {
    if (check.project) {
      const name = plan.projectNames.get(check.project);
      return result.targets.find((t) => t.root.kind === 'project' && t.root.project === name);
    }
    return scan.backendDir ? result.targets.find((t) => t.root.kind === 'backend' && resolve(t.root.dir) === resolve(scan.backendDir!)) : undefined;
  };

  let exact = 0;
  const takeovers = new Map<string, RootTakeover>();
  for (const check of checks) {
    const target = targetOf(check);
    const file: OutputFile | undefined = target?.files.find((f) => f.path === check.path);
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
      // Only a source that is the output itself (not one read elsewhere) is the build's to own.
      const root = target!.root;
      if (resolve(join(root.dir, check.path)) === resolve(check.abs)) {
        const t = takeovers.get(root.dir) ?? { root, files: [] };
        t.files.push({ path: check.path, secret: file?.secret === true, secretKeys: file?.secretKeys ?? [], bytes: original });
        takeovers.set(root.dir, t);
      }
    }
    else diagnostics.push(warning('IMPORT_NOT_EXACT', `\`ccm build\` of the imported repo writes this file differently: ${problem.message}`, { file: shown, line: problem.line ?? 1, col: 1 }));
  }
  return { checked: checks.length, exact, takeovers: [...takeovers.values()], diagnostics };
}

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
