import { formatCounts } from '../../pipeline/summary.js';
import { CcmError } from '../../errors.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { openChokidar } from '../../watch/chokidar.js';
import { WatchSession, type WatchEvent } from '../../watch/session.js';
import type { CommandContext } from '../context.js';
import { stopSignal } from '../stop-signal.js';
import { plural, printDiagnostics } from '../output.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { WATCH } from './index.js';

/**
 * As webpack's default aggregateTimeout: long enough for both halves of a rename-save (1-2 ms apart,
 * see chokidar.ts) and for a checkout's files to fall into one or two builds, short enough to feel instant.
 */
export const DEFAULT_DEBOUNCE_MS = 20;

/**
 * `ccm watch`: builds, then rebuilds on every save until SIGINT or SIGTERM, after which it lets the
 * build in flight finish, closes the watcher and returns (exit 0). Under --json it prints one JSON
 * object per line (`ready`, `build`, `error` events) instead of the envelope.
 */
export const watch: CommandImpl<InputOf<typeof WATCH>, null> = async (ctx, { projects, debounce }) => {
  const debounceMs = debounce ?? DEFAULT_DEBOUNCE_MS;
  const root = findRepoRoot(ctx.options.cwd);
  const emit = ctx.options.json ? (e: WatchEvent) => ctx.io.stdout.write(JSON.stringify(e) + '\n') : humanPrinter(ctx);
  const session = new WatchSession({ root, projects, debounceMs, env: ctx.io.env, emit, openWatcher: openChokidar, note: (line) => ctx.note(line) });
  const stop = stopSignal(ctx.io.signal);
  try {
    await session.start();
  } catch (err) {
    stop.cancel();
    if (!ctx.options.json || !(err instanceof CcmError)) throw err;
    emit({ event: 'error', time: new Date().toISOString(), code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) });
    return { exitCode: err.exitCode, reported: true };
  }
  const signal = await stop.promise;
  await session.stop();
  ctx.note(`stopped (${signal})`);
  return { exitCode: 0, reported: ctx.options.json };
};

/** One line per build on stdout; diagnostics on stderr (warnings only when they differ from the last ones shown). */
function humanPrinter(ctx: CommandContext): (e: WatchEvent) => void {
  const color = ctx.options.color;
  let shownWarnings = '';
  return (e) => {
    if (e.event === 'ready') {
      ctx.note(`watching ${e.root} (debounce ${e.debounceMs} ms; Ctrl-C to stop)`);
      return;
    }
    const time = clock(e.time);
    if (e.event === 'error') {
      ctx.io.stderr.write(`${time} error ${e.code}: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      return;
    }
    const warnings = e.diagnostics.filter((d) => d.severity === 'warning');
    const errors = e.diagnostics.length - warnings.length;
    const key = JSON.stringify(warnings);
    if (errors > 0) printDiagnostics(ctx.io.stderr, e.diagnostics, color);
    else if (key !== shownWarnings) printDiagnostics(ctx.io.stderr, warnings, color);
    if (errors === 0) shownWarnings = key;
    const what = e.changed.length ? describeChanged(e.changed) : 'initial build';
    const outcome = e.ok ? formatCounts(e.counts) : `✗ ${plural(errors, 'error')}: nothing written, the last good outputs stay`;
    ctx.print(`${time} ${what} → ${outcome} (${e.ms} ms)`);
  };
}

function clock(iso: string): string {
  return new Date(iso).toTimeString().slice(0, 8);
}

function describeChanged(paths: readonly string[]): string {
  if (paths.length <= 2) return paths.join(', ');
  return `${paths.slice(0, 2).join(', ')} +${paths.length - 2} more`;
}
