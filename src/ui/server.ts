import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { CcmError } from '../errors.js';
import type { Env } from '../secrets/identity.js';
import { openChokidar } from '../watch/chokidar.js';
import type { OpenWatcher } from '../watch/session.js';
import { createApp } from './app.js';
import { EventHub } from './events.js';
import { outputRoots } from './repo-info.js';
import { Workspace } from './workspace.js';

/** Loopback only: the server is for the person at this machine, never for the network. */
export const HOST = '127.0.0.1';

export interface UiServerOptions {
  root: string;
  env: Env;
  /** 0 (the default): a free port chosen by the system. */
  port?: number;
  /** false: `--no-token` (Host, Origin and Sec-Fetch-Site are still checked). */
  token?: boolean;
  log: (line: string) => void;
  /** The file watcher (tests may pass their own); chokidar by default, as `ccm watch`. */
  openWatcher?: OpenWatcher;
  clientDir?: string;
}

export interface UiServer {
  /** The URL to open: with `?token=` unless the token is off. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A fresh token per run: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const token = options.token === false ? undefined : newToken();
  const events = new EventHub(options.log);
  const workspace = new Workspace(options.root, options.env, events);
  let port = 0;
  const app = createApp({ workspace, port: () => port, token, log: options.log, ...(options.clientDir ? { clientDir: options.clientDir } : {}) });
  // Node's own handling of a body left unread (a request over the size limit): it is read and
  // dropped after the 413, so the client gets the answer instead of a connection cut mid-send.
  // The guard runs first, so only this page (with the token) can send one.
  const server = createAdaptorServer({ fetch: app.fetch, autoCleanupIncoming: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(new CcmError('IO', err.code === 'EADDRINUSE' ? `port ${options.port} on ${HOST} is in use` : `cannot listen on ${HOST}: ${err.message}`, {
        hint: err.code === 'EADDRINUSE' ? 'pick another with --port, or leave it out for a free one' : 'check --port',
        cause: err,
      }));
    });
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  try {
    events.onConfigChange = () => workspace.forget();
    await events.watch(options.root, await outputRoots(workspace), options.openWatcher ?? openChokidar);
    // Only with a watcher that reports each change may a result be kept until the next one.
    workspace.remember();
  } catch (err) {
    options.log(`live updates are off: ${err instanceof Error ? err.message : String(err)}`);
  }
  const base = `http://${HOST}:${port}/`;
  return {
    url: token ? `${base}?token=${token}` : base,
    port,
    async close() {
      await events.close();
      // Open event streams would keep the server alive: end every connection.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
