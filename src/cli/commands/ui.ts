import { spawn } from 'node:child_process';
import { findRepoRoot } from '../../load/load-repo.js';
import type { CommandImpl, InputOf } from '../define.js';
import { stopSignal } from '../stop-signal.js';
import type { UI } from './index.js';

/** `ccm ui --json` prints this one line once the server listens (then nothing until it stops). */
export interface UiData {
  url: string;
  port: number;
  token: boolean;
}

/**
 * `ccm ui`: the web UI's server on 127.0.0.1 until SIGINT or SIGTERM (or the caller's io.signal; exit 0). It prints the URL
 * with this run's token; `--open` hands it to the platform's opener.
 */
export const ui: CommandImpl<InputOf<typeof UI>, UiData> = async (ctx, { port, open, token }) => {
  const root = findRepoRoot(ctx.options.cwd);
  const { startUiServer } = await import('../../ui/server.js');
  const server = await startUiServer({ root, env: ctx.io.env, token, log: (line) => ctx.io.stderr.write(`ccm ui: ${line}\n`), ...(port !== undefined ? { port } : {}) });
  const data: UiData = { url: server.url, port: server.port, token };
  if (!token) ctx.io.stderr.write('warning: --no-token: any program on this machine (any user, any local process) can read and change the config repo through this server until it stops\n');
  if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(data)}\n`);
  else {
    ctx.print(`ccm ui: ${server.url}`);
    ctx.note(`serving ${root} on 127.0.0.1 only (Ctrl-C to stop)`);
  }
  if (open) openInBrowser(server.url, (line) => ctx.note(line));
  const signal = await stopSignal(ctx.io.signal).promise;
  await server.close();
  ctx.note(`stopped (${signal})`);
  return { exitCode: 0, reported: ctx.options.json };
};

/** The platform's own opener, detached; a failure to open is only a note (the URL is printed). */
function openInBrowser(url: string, note: (line: string) => void): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => note(`could not start ${command}: open the URL above yourself`));
    child.unref();
  } catch {
    note(`could not start ${command}: open the URL above yourself`);
  }
}
