import pc from 'picocolors';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { CcmError } from '../errors.js';
import { redactText } from '../secrets/redact.js';
import type { CliIo, TextSink } from './context.js';

/**
 * The one JSON document a command prints under --json. `T` is the command's data type
 * (src/cli/json-types.ts); it is null when the command failed before producing any.
 */
export interface Envelope<T = unknown> {
  ok: boolean;
  /** The command as typed, subcommands included: `build`, `secrets list`. */
  command: string;
  version: string;
  data: T | null;
  diagnostics: readonly Diagnostic[];
  error?: { code: string; message: string; hint?: string };
}

/** The io a command sees: the same streams, with every decrypted secret value redacted from what is written. */
export function redactingIo(io: CliIo): CliIo {
  const redacting = (sink: TextSink): TextSink => ({ write: (text: string) => sink.write(redactText(String(text))) });
  // The properties as they are, not spread: a spread would read `stdin`, which main.ts gets on first use.
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(io)) as CliIo;
  copy.stdout = redacting(io.stdout);
  copy.stderr = redacting(io.stderr);
  return copy;
}

/** Diagnostics for people: errors and warnings coloured on a terminal, then a one-line count. */
export function printDiagnostics(sink: TextSink, diagnostics: readonly Diagnostic[], color: boolean): void {
  if (diagnostics.length === 0) return;
  const c = pc.createColors(color);
  for (const d of diagnostics) {
    const text = formatDiagnostic(d);
    const paint = d.severity === 'error' ? c.red : c.yellow;
    sink.write(text.replace(/ (error|warning) ([A-Z_]+):/, (_m, sev: string, code: string) => ` ${paint(sev)} ${c.dim(code)}:`) + '\n');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  sink.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
}

export function printError(sink: TextSink, err: CcmError, color: boolean): void {
  const c = pc.createColors(color);
  sink.write(`${c.red('error')} ${c.dim(err.code)}: ${err.message}\n`);
  if (err.hint) sink.write(`  hint: ${err.hint}\n`);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
