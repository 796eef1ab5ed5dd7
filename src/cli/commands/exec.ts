import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { sep } from 'node:path';
import { hasErrors, type Diagnostic } from '../../diagnostics.js';
import { CcmError, usageError } from '../../errors.js';
import { findRepoRoot, loadRepo } from '../../load/load-repo.js';
import type { ConfigRepo } from '../../load/model.js';
import { resolveProject, unknownProjectError } from '../../resolve/resolve.js';
import type { ResolvedProject } from '../../resolve/types.js';
import { childEnv } from '../../secrets/identity.js';
import { projectSecretRefs } from '../../secrets/refs.js';
import { repoSecretSource } from '../../secrets/source.js';
import { validateRepo } from '../../validate/validate.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { EXEC } from './index.js';

export interface ExecData {
  project: string;
  /** The command and its arguments, as run. */
  command: string[];
  /** Names of the secrets passed, never their values. */
  secrets: string[];
  exitCode: number;
}

/**
 * `ccm exec [--project P] -- <command…>`: runs the command with every secret the project
 * references (and no other) in its environment, each under its own name, so that `${NAME}` in
 * `.mcp.json` and hook headers resolves without any decrypted file on disk. stdio is inherited,
 * the command runs in the current directory, and its exit code becomes ccm's.
 */
export const exec: CommandImpl<InputOf<typeof EXEC>, ExecData> = async (ctx, input) => {
  const argv = input.command;
  const [command, ...rest] = argv;
  if (command === undefined) throw usageError('name the command to run, after --', 'e.g. `ccm exec --project web-app -- claude`');
  const root = findRepoRoot(ctx.options.cwd);
  const { repo, diagnostics: loaded } = await loadRepo(root);
  const diagnostics: Diagnostic[] = [...loaded, ...validateRepo(repo)];
  if (hasErrors(diagnostics)) {
    ctx.note(`${command} was not started: fix the errors below first.`);
    return { exitCode: 1, diagnostics };
  }
  const project = pickProject(repo, input.project, ctx.io.cwd, (name) => {
    const r = resolveProject(repo, name);
    diagnostics.push(...r.diagnostics);
    return r.project;
  });
  const names = projectSecretRefs(project);
  const source = repoSecretSource(root, ctx.io.env);
  diagnostics.push(...(await source.prepare(names)));
  if (hasErrors(diagnostics)) {
    ctx.note(`${command} was not started: its secrets cannot be decrypted.`);
    return { exitCode: 1, diagnostics };
  }
  const env = childEnv(ctx.io.env);
  for (const name of names) env[name] = source.lookup(name)!;
  ctx.note(names.length ? `Running ${command} with ${names.length} secret${names.length === 1 ? '' : 's'} of project ${project.name}: ${names.join(', ')}` : `Project ${project.name} references no secrets; running ${command} as is.`);
  const code = await run(command, rest, env, ctx.io.cwd);
  return { exitCode: code, data: { project: project.name, command: argv, secrets: names, exitCode: code }, diagnostics };
};

/** --project, else the project whose directory holds the current one, else the only project. */
function pickProject(repo: ConfigRepo, option: string | undefined, cwd: string, resolve: (name: string) => ResolvedProject | undefined): ResolvedProject {
  const names = [...repo.projects.keys()].sort();
  const known = `projects in this repo: ${names.join(', ') || '(none)'}`;
  if (option !== undefined) {
    if (!names.includes(option)) throw unknownProjectError(repo, [option]);
    const p = resolve(option);
    if (!p) throw new CcmError('INVALID_CONFIG', `project ${option} cannot be resolved`);
    return p;
  }
  const resolved = names.map(resolve).filter((p): p is ResolvedProject => p !== undefined);
  const inside = resolved.filter((p) => cwd === p.dir || cwd.startsWith(p.dir.endsWith(sep) ? p.dir : p.dir + sep));
  const deepest = inside.sort((a, b) => b.dir.length - a.dir.length)[0];
  if (deepest) return deepest;
  if (resolved.length === 1) return resolved[0]!;
  throw usageError('which project? pass --project <name> (or run ccm exec inside a project directory)', known);
}

/** Runs the command to its end; SIGINT reaches it from the terminal, SIGTERM and SIGHUP are passed on. */
function run(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd });
    const ignore = (): void => {};
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    const done = (): void => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      done();
      reject(err.code === 'ENOENT'
        ? new CcmError('COMMAND_NOT_FOUND', `command not found: ${command}`, { hint: 'check the name and your PATH' })
        : new CcmError('IO', `cannot start ${command}: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
