import { request as httpRequest } from 'node:http';
import { ccm } from './cli.js';

/** `ccm ui` as a user runs it, serving on loopback, and a raw HTTP client for it (headers as given, Host included). */

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

export interface Ask {
  method?: string;
  body?: unknown;
  /** Raw body bytes instead of JSON. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** How the token is sent: the cookie the browser would hold (default), a bearer header, or not at all. */
  auth?: 'cookie' | 'bearer' | 'none';
}

const running = new Set<UiProcess>();

/** Stops the `ccm ui` processes still running; test/helpers/each-file.ts calls it after every test file. */
export async function stopUiProcesses(): Promise<void> {
  await Promise.all([...running].map((ui) => ui.stop()));
}

export class UiProcess {
  stderr = '';
  stdout = '';
  url = '';
  port = 0;
  token = '';
  readonly exited: Promise<number | null>;
  private readonly stopping = new AbortController();
  private readonly started: Promise<void>;

  /** In this process (as the other end-to-end tests run ccm), so that coverage sees the server. */
  constructor(cwd: string, args: readonly string[] = [], env: Record<string, string | undefined> = {}) {
    let listening: () => void = () => undefined;
    let lines = '';
    const run = ccm(['ui', '--json', '--cwd', cwd, ...args], {
      env,
      signal: this.stopping.signal,
      onStderr: (text) => (this.stderr += text),
      onStdout: (text) => {
        lines += text;
        this.stdout += text;
        const line = lines.split('\n').find((l) => l.startsWith('{"url"'));
        if (this.url || !line) return;
        const data = JSON.parse(line) as { url: string; port: number };
        this.url = data.url;
        this.port = data.port;
        this.token = new URL(data.url).searchParams.get('token') ?? '';
        listening();
      },
    });
    this.exited = run.then((r) => r.code);
    this.started = new Promise((resolve, reject) => {
      listening = resolve;
      void this.exited.then((code) => reject(new Error(`ccm ui exited (${code}) before listening: ${this.stderr}`)));
    });
    // A server expected to fail (a bad option) is never awaited as started: that is no unhandled rejection.
    this.started.catch(() => undefined);
    running.add(this);
  }

  static async start(cwd: string, args: readonly string[] = [], env: Record<string, string | undefined> = {}): Promise<UiProcess> {
    const ui = new UiProcess(cwd, args, env);
    await ui.started;
    return ui;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** One request over real HTTP to 127.0.0.1:port, with exactly the headers given (Host defaults to the server's own). */
  ask(path: string, options: Ask = {}): Promise<Reply> {
    const headers: Record<string, string> = { host: `127.0.0.1:${this.port}`, ...options.headers };
    const auth = options.auth ?? 'cookie';
    if (auth === 'cookie') headers['cookie'] = `ccm_ui_token=${this.token}`;
    if (auth === 'bearer') headers['authorization'] = `Bearer ${this.token}`;
    let payload: string | Buffer | undefined = options.raw;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    // As a browser's fetch sends a string body: with its length.
    if (payload !== undefined) headers['content-length'] ??= String(Buffer.byteLength(payload));
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: this.port, path, method: options.method ?? (payload === undefined ? 'GET' : 'POST'), headers, setHost: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Opens GET /api/events and collects its events until `close()`. */
  events(): { received: { event: string; data: Record<string, unknown> }[]; close: () => void } {
    const received: { event: string; data: Record<string, unknown> }[] = [];
    const req = httpRequest({ host: '127.0.0.1', port: this.port, path: '/api/events', headers: { host: `127.0.0.1:${this.port}`, cookie: `ccm_ui_token=${this.token}` }, setHost: false }, (res) => {
      let buffer = '';
      res.on('data', (c: Buffer) => {
        buffer += c.toString('utf8');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) received.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
      });
    });
    req.on('error', () => undefined);
    req.end();
    return { received, close: () => req.destroy() };
  }

  /** Stops it as Ctrl-C would (io.signal, the in-process SIGINT); resolves with the exit code. */
  async stop(): Promise<number | null> {
    running.delete(this);
    this.stopping.abort();
    return this.exited;
  }
}

export { until } from './until.js';
