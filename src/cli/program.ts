import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CcmError, ExitCode } from '../errors.js';
import { hasErrors, sortDiagnostics } from '../diagnostics.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { CliIo, CommandContext, CommandResult, GlobalOptions } from './context.js';
import { printDiagnostics, printError, redactingIo, type Envelope } from './output.js';
import { COMMANDS } from './commands/index.js';

export const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Parses argv, runs one command and reports its outcome. Returns the exit code; never exits the
 * process itself (src/cli/main.ts does, once).
 */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Everything printed from here on, by ccm or by commander, goes through the secret redactor.
  const io = redactingIo(rawIo);
  // Known before parsing, so that a usage error under --json still names its command.
  let commandName = argv.find((a) => COMMANDS.some((c) => c.name === a)) ?? 'ccm';
  // Words after `--` belong to the command `ccm exec` runs, not to ccm.
  let json = (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv).includes('--json');
  let outcome: CommandResult | undefined;
  const program = new Command('ccm')
    .description('Config-as-code for Claude Code and Auto-Claude: YAML in a git repo, compiled into the files each runtime reads.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(new Option('-C, --cwd <dir>', 'run as if started in <dir>'))
    .addOption(new Option('--json', 'print one JSON document {ok, command, data, diagnostics} on stdout'))
    .addOption(new Option('--no-color', 'do not colour output'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // Under --json a usage error reaches the caller in the envelope, and nothing else is printed.
      writeErr: (s) => (json ? undefined : io.stderr.write(s)),
    });

  for (const spec of COMMANDS) {
    const cmd = program.command(spec.name).description(spec.description);
    spec.configure?.(cmd);
    cmd.exitOverride();
    cmd.action(async (...args: unknown[]) => {
      commandName = spec.name;
      const command = args[args.length - 1] as Command;
      const global = globals(command.optsWithGlobals(), io);
      const ctx = makeContext(io, rawIo, global);
      const impl = await spec.load();
      outcome = await impl(ctx, args.slice(0, -2), command.opts());
    });
  }

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
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
      return json ? envelopeForError(io, commandName, new CcmError('USAGE', err.message.replace(/^error: /, ''))) : ExitCode.usage;
    }
    const failure = err instanceof CcmError ? err : new CcmError('INTERNAL', `unexpected failure: ${describe(err)}`, {
      hint: 'this is a bug in ccm; please report it with the command you ran',
      cause: err,
    });
    if (json) return envelopeForError(io, commandName, failure);
    printError(io.stderr, failure, colorOf(program.opts(), io));
    if (failure.code === 'INTERNAL' && io.env['CCM_DEBUG'] && err instanceof Error) io.stderr.write(`${err.stack ?? ''}\n`);
    return failure.exitCode;
  }
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
