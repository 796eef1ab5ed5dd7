import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CcmError, ExitCode, usageError } from '../errors.js';
import { runEnv, withRunEnvironment } from '../run-environment.js';
import { nearest } from '../core/did-you-mean.js';
import { hasErrors, sortDiagnostics } from '../diagnostics.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { CliIo, CommandContext, CommandResult, GlobalOptions } from './context.js';
import { printDiagnostics, printError, redactingIo, type Envelope } from './output.js';
import { COMMANDS, PROGRAM_EXAMPLES } from './commands/index.js';
import { addExamples, type Runner } from './define.js';

export const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Parses argv, runs one command and reports its outcome. Returns the exit code; never exits the
 * process itself (src/cli/main.ts does, once).
 */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // A caller that runs ccm beside other runs (a test, a server) passes an environment of its own;
  // everything below then reads it instead of the process's (src/run-environment.ts).
  const environment = runEnv();
  if (environment.env !== rawIo.env || environment.cwd !== rawIo.cwd) return withRunEnvironment(rawIo.env, rawIo.cwd, () => runCommand(argv, rawIo));
  return runCommand(argv, rawIo);
}

async function runCommand(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Everything printed from here on, by ccm or by commander, goes through the secret redactor.
  const io = redactingIo(rawIo);
  // Words after `--` belong to the command `ccm exec` runs, not to ccm.
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  let json = own.includes('--json');
  let outcome: CommandResult | undefined;
  const program = new Command('ccm')
    .description('Config-as-code for Claude Code and Auto-Claude: YAML in a git repo, compiled into the files each runtime reads.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(new Option('-C, --cwd <dir>', 'run as if started in <dir>'))
    .addOption(new Option('--json', 'print one JSON document {ok, command, version, data, diagnostics} on stdout'))
    .addOption(new Option('--no-color', 'do not colour output'))
    // Usage errors are reported below like every other error, with ccm's own suggestion as the hint.
    .showSuggestionAfterError(false)
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // Under --json a usage error reaches the caller in the envelope, and nothing else is printed.
      writeErr: (s) => (json ? undefined : io.stderr.write(s)),
      outputError: () => undefined,
    });
  addExamples(program, PROGRAM_EXAMPLES);

  let commandName = 'ccm';
  const runner: Runner = async (path, command, invoke) => {
    commandName = path;
    const global = globals(command.optsWithGlobals(), io);
    outcome = await invoke(makeContext(io, rawIo, global));
  };
  for (const entry of COMMANDS) entry.attach(program, runner);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (!outcome) return ExitCode.ok;
    if (outcome.reported) return outcome.exitCode ?? ExitCode.ok;
    json = globals(program.opts(), io).json || json;
    const diagnostics = sortDiagnostics(outcome.diagnostics ?? []);
    const exitCode = outcome.exitCode ?? (hasErrors(diagnostics) ? ExitCode.failure : ExitCode.ok);
    if (json) {
      writeEnvelope(io, { ok: exitCode === 0, command: commandName, version: VERSION, data: outcome.data ?? null, diagnostics });
    } else {
      printDiagnostics(io.stderr, diagnostics, colorOf(program.opts(), io));
    }
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
      if (err.code === 'commander.help' && err.exitCode === 0) return ExitCode.ok;
      // `ccm secrets` without a verb: commander has shown the group's help (its verbs) on stderr.
      if (err.code === 'commander.help' && !json) return ExitCode.usage;
    }
    const failure = err instanceof CommanderError
      ? usageFailure(program, own, err)
      : err instanceof CcmError ? err : new CcmError('INTERNAL', `unexpected failure: ${describe(err)}`, {
        hint: 'this is a bug in ccm; please report it with the command you ran',
        cause: err,
      });
    if (commandName === 'ccm') commandName = commandPathOf(program, own).join(' ') || 'ccm';
    if (json) return envelopeForError(io, commandName, failure);
    printError(io.stderr, failure, colorOf(program.opts(), io));
    if (failure.code === 'INTERNAL' && io.env['CCM_DEBUG'] && err instanceof Error) io.stderr.write(`${err.stack ?? ''}\n`);
    return failure.exitCode;
  }
}

/**
 * A usage error from commander as a USAGE CcmError: for an unknown command or option, the nearest
 * known one as the hint (the one rule of src/core/did-you-mean.ts); else where the usage is.
 */
function usageFailure(program: Command, argv: readonly string[], err: CommanderError): CcmError {
  const message = err.message.replace(/^error: /, '');
  const path = commandPathOf(program, argv);
  const command = commandAt(program, path);
  const help = `see \`${['ccm', ...path, '--help'].join(' ')}\``;
  if (err.code === 'commander.help') {
    const verbs = command.commands.map((c) => c.name()).filter((n) => n !== 'help');
    return usageError(`\`${['ccm', ...path].join(' ')}\` needs a command: ${verbs.join(', ')}`, help);
  }
  const word = /'([^']*)'/.exec(message)?.[1];
  let meant: string | undefined;
  if (word !== undefined && err.code === 'commander.unknownCommand') {
    meant = nearest(word, command.commands.map((c) => c.name()));
    if (meant !== undefined) meant = ['ccm', ...path, meant].join(' ');
  } else if (word !== undefined && err.code === 'commander.unknownOption') {
    meant = nearest(word, knownOptions(command));
  }
  return usageError(message, meant === undefined ? help : `did you mean \`${meant}\`? Otherwise ${help}`);
}

/** The names of the (sub)commands that argv picks, e.g. `['secrets', 'set']`; options are skipped. */
function commandPathOf(program: Command, argv: readonly string[]): string[] {
  const path: string[] = [];
  let at = program;
  for (const word of argv) {
    const sub = at.commands.find((c) => c.name() === word);
    if (!sub) continue;
    path.push(word);
    at = sub;
  }
  return path;
}

function commandAt(program: Command, path: readonly string[]): Command {
  let at = program;
  for (const name of path) at = at.commands.find((c) => c.name() === name) ?? at;
  return at;
}

/** The long options a command accepts: its own and those of the commands above it (--json, --cwd, …). */
function knownOptions(command: Command): string[] {
  const out: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) for (const o of c.options) if (o.long) out.push(o.long);
  return out;
}

function envelopeForError(io: CliIo, command: string, err: CcmError): number {
  const error: Envelope['error'] = { code: err.code, message: err.message };
  if (err.hint) error.hint = err.hint;
  writeEnvelope(io, { ok: false, command, version: VERSION, data: null, diagnostics: [], error });
  return err.exitCode;
}

function writeEnvelope(io: CliIo, envelope: Envelope): void {
  io.stdout.write(JSON.stringify(envelope, null, 2) + '\n');
}

function globals(opts: Record<string, unknown>, io: CliIo): GlobalOptions {
  return {
    cwd: resolve(io.cwd, typeof opts['cwd'] === 'string' ? opts['cwd'] : '.'),
    json: opts['json'] === true,
    color: colorOf(opts, io),
  };
}

function colorOf(opts: Record<string, unknown>, io: CliIo): boolean {
  return opts['color'] !== false && io.isTTY && !io.env['NO_COLOR'];
}

function makeContext(io: CliIo, rawIo: CliIo, options: GlobalOptions): CommandContext {
  return {
    io,
    options,
    unredacted: { stdout: rawIo.stdout, stderr: rawIo.stderr },
    print: (line) => {
      if (!options.json) io.stdout.write(line + '\n');
    },
    note: (line) => {
      if (!options.json) io.stderr.write(line + '\n');
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
