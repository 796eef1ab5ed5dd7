import type { Diagnostic } from '../diagnostics.js';

export interface TextSink {
  write(text: string): unknown;
}

/** Everything a command may touch outside its arguments, so that tests can pass their own. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** stdout is a terminal: progress and colour are allowed. */
  isTTY: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Ends a long-running command (`ccm watch`) as SIGINT would: for a caller that runs ccm in its own process. */
  signal?: AbortSignal;
}

export interface GlobalOptions {
  cwd: string;
  json: boolean;
  color: boolean;
}

export interface CommandContext {
  /** Its stdout and stderr replace every decrypted secret value by `«secret NAME»` (src/secrets/redact.ts). */
  io: CliIo;
  options: GlobalOptions;
  /** Human-readable line on stdout; suppressed under --json, where `data` carries the result. */
  print(line: string): void;
  /** Human-readable note on stderr (progress, warnings); suppressed under --json. */
  note(line: string): void;
  /**
   * The streams past the redactor, for the two places that must not be redacted: `ccm secrets get`,
   * whose output is the value itself, and the hidden prompt of `ccm secrets set` (a real stream).
   */
  unredacted: Pick<CliIo, 'stdout' | 'stderr'>;
}

/** What a command returns; `data` (of the command's exported data type) becomes the --json envelope's `data`. */
export interface CommandResult<D = unknown> {
  /** Defaults to 1 when any diagnostic is an error, else 0. */
  exitCode?: number;
  data?: D;
  diagnostics?: readonly Diagnostic[];
  /** The command already reported everything itself (`watch --json` streams JSON lines): no envelope, no diagnostics. */
  reported?: boolean;
}
