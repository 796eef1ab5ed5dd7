import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ccm, CLI, inTurn, PROJECT_ROOT, tempDir, type CliRun } from '../helpers/cli.js';
import { until as untilDefault } from '../helpers/until.js';
import { exampleWithSecret, projectRepo, set, type User } from '../helpers/secrets.js';
import { readTreeFiles, snapshot } from '../helpers/tree.js';

/**
 * Secrets never leak: every way out of ccm (messages, diagnostics, diffs, --json, errors,
 * committed manifests, the environment of programs it starts, temp files) is checked with a
 * planted value, through the real CLI, with real age files.
 */

const PLANTED = 'lin_api_PLANTED_7f3c9e41d2';
const ENV = '.auto-claude/.env';

function expectNoValue(runs: readonly CliRun[], value = PLANTED): void {
  for (const r of runs) {
    expect(r.stdout, r.stdout).not.toContain(value);
    expect(r.stderr, r.stderr).not.toContain(value);
  }
}

/** The example with LINEAR_API_KEY in web-app's .env, built once into a git repo that ignores .auto-claude/. */
async function built(value = PLANTED): Promise<Awaited<ReturnType<typeof exampleWithSecret>> & { app: string }> {
  const example = await exampleWithSecret(value);
  const app = join(example.out, 'web-app');
  projectRepo(app, '.auto-claude/\n');
  const r = await example.alice.run(['build', '--cwd', example.config]);
  expect(r.code, r.stderr).toBe(0);
  return { ...example, app };
}

/** Runs ccm in its own process without waiting for it, for tests that signal it. */
function start(u: User, args: readonly string[], env: Record<string, string | undefined> = {}): { stdout: () => string; stderr: () => string; lines: string[]; pid: number; exited: Promise<number | null>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...u.env, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { stdout: () => out, stderr: () => err, lines, pid: child.pid!, exited, kill: (s) => child.kill(s) };
}

/** A repo override of the .env template. */
function override(config: string, text: string): void {
  mkdirSync(join(config, 'templates/auto-claude'), { recursive: true });
  writeFileSync(join(config, 'templates/auto-claude/env.hbs'), text);
}

/** Secrets take a moment longer to settle (decryption in every build). */
const until = <T>(what: string, check: () => T | undefined | false, ms = 20_000): Promise<T> => untilDefault(what, check, ms);

describe('ccm diff when the last secret leaves a file', () => {
  it('keeps the contents of a file that held secrets hidden, plain, --json and Markdown', async () => {
    const { config, alice, app } = await built();
    expect(readFileSync(join(app, ENV), 'utf8')).toContain(PLANTED);
    // The reference goes: the next .env holds no secret, but the one on disk still does.
    const project = join(config, 'projects/web-app.yaml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('      apiKey: {secret: LINEAR_API_KEY}\n', ''));
    const runs = await inTurn([['diff'], ['diff', '--json'], ['diff', '--format', 'markdown'], ['status'], ['status', '--json'], ['build', '--dry-run', '--json']], async (args) => await alice.run([...args, '--cwd', config]));
    expect(runs[0]!.stdout).toContain(`web-app/${ENV}\n+++ b/web-app/${ENV}\n(contents hidden: this file holds decrypted secrets)`);
    expect(runs[2]!.stdout).toContain('(holds secrets)');
    expectNoValue(runs);

    expect((await alice.run(['build', '--cwd', config])).code).toBe(0);
    expect(readFileSync(join(app, ENV), 'utf8')).not.toContain(PLANTED);
    const manifest = JSON.parse(readFileSync(join(app, '.ccm/manifest.json'), 'utf8')) as { files: Record<string, { redacted?: boolean }> };
    expect(manifest.files[ENV]!.redacted).toBeUndefined();
  });
});

describe('template errors', () => {
  // Each fails at the secret's own entry, where the object Handlebars names is the decrypted value.
  const atSecret = (inner: string): string => `{{#each groups}}{{#each entries}}{{#if (eq key "LINEAR_API_KEY")}}${inner}{{/if}}{{/each}}{{/each}}\n`;
  const overrides = {
    'a lookup into a value': atSecret('{{value.x}}'),
    'a block whose context is a value': atSecret('{{#with value}}{{inner}}{{/with}}'),
  };
  for (const [what, template] of Object.entries(overrides)) {
    it(`never print the value: ${what} (build, status, diff, --json)`, async () => {
      const { config, alice, app } = await built();
      override(config, template);
      const before = snapshot(app);
      const runs = await inTurn([['build'], ['build', '--json'], ['build', '--check'], ['status'], ['diff'], ['diff', '--json'], ['diff', '--format', 'markdown']], async (args) => await alice.run([...args, '--cwd', config]));
      for (const r of runs) expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(runs[0]!.stderr).toMatch(/templates\/auto-claude\/env\.hbs:1:1: error TEMPLATE_ERROR: template failed: "(x|inner)"/);
      expectNoValue(runs);
      expect(snapshot(app)).toEqual(before);
    });
  }

  it('never print the value in ccm watch', async () => {
    const { config, alice } = await built();
    override(config, overrides['a lookup into a value']);
    for (const json of [true, false]) {
      const w = start(alice, ['watch', ...(json ? ['--json'] : []), '--cwd', config]);
      await until(`the first build (${w.stdout()} ${w.stderr()})`, () => w.stdout().includes(json ? '"event":"build"' : 'initial build'));
      w.kill('SIGTERM');
      expect(await w.exited).toBe(0);
      expect(w.stdout() + w.stderr()).toContain('TEMPLATE_ERROR');
      expectNoValue([{ code: 0, stdout: w.stdout(), stderr: w.stderr() }]);
    }
  });
});

describe('the redactor', () => {
  it('replaces a decrypted value by «secret NAME» wherever it would be printed, also inside JSON strings', async () => {
    const value = 'sk-"quoted"-PLANTED-2f9a';
    const { config, alice } = await built(value);
    // Someone pastes the credential into a file that is not secret: its diff would show it.
    const md = join(config, 'components/claude-md/conventions.md');
    writeFileSync(md, `${readFileSync(md, 'utf8')}\nThe Linear key is ${value}.\n`);
    const plain = await alice.run(['diff', '--cwd', config]);
    expect(plain.stdout).toContain('+The Linear key is «secret LINEAR_API_KEY».');
    const json = await alice.run(['diff', '--json', '--cwd', config]);
    expect(json.stdout).toContain('The Linear key is «secret LINEAR_API_KEY».');
    expect(JSON.parse(json.stdout)).toMatchObject({ command: 'diff' });
    const markdown = await alice.run(['diff', '--format', 'markdown', '--cwd', config]);
    expect(markdown.stdout).toContain('«secret LINEAR_API_KEY»');
    expectNoValue([plain, json, markdown], value);
    expectNoValue([plain, json, markdown], JSON.stringify(value).slice(1, -1));
  });

  it('warns about a value too short to be found in output', async () => {
    const { config, alice } = await exampleWithSecret('abc');
    const r = await alice.run(['build', '--dry-run', '--cwd', config]);
    expect(r.stderr).toContain('secrets/LINEAR_API_KEY.age: warning SECRET_TOO_SHORT: the value of secret LINEAR_API_KEY is shorter than 6 characters');
  });
});

describe('ccm secrets edit on a signal', () => {
  /** An editor that records its file and pid, then waits to be stopped. */
  function slowEditor(): { command: string; log: string } {
    const dir = tempDir();
    const script = join(dir, 'slow-editor.mjs');
    const log = join(dir, 'editor.json');
    writeFileSync(script, [
      "import { writeFileSync } from 'node:fs';",
      `writeFileSync(${JSON.stringify(log)}, JSON.stringify({ file: process.argv[2], pid: process.pid }));`,
      'setTimeout(() => {}, 8000);',
    ].join('\n'));
    return { command: `"${process.execPath}" "${script}"`, log };
  }

  for (const [signal, number] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]] as const) {
    it(`removes the plaintext copy and saves nothing on ${signal}`, async () => {
      const { config, alice } = await exampleWithSecret(PLANTED);
      const editor = slowEditor();
      const secretFile = join(config, 'secrets/LINEAR_API_KEY.age');
      const cipher = readFileSync(secretFile, 'utf8');
      const run = start(alice, ['secrets', 'edit', 'LINEAR_API_KEY', '--cwd', config], { EDITOR: editor.command });
      const opened = await until('the editor', () => existsSync(editor.log) && readFileSync(editor.log, 'utf8') !== '' && (JSON.parse(readFileSync(editor.log, 'utf8')) as { file: string; pid: number }));
      expect(readFileSync(opened.file, 'utf8')).toBe(PLANTED);
      process.kill(run.pid, signal);
      expect(await run.exited).toBe(128 + number);
      expect(run.stderr()).toContain(`error EDITOR_FAILED: interrupted by ${signal}; the temporary copy was removed and nothing was saved`);
      expect(existsSync(opened.file)).toBe(false);
      expect(existsSync(dirname(opened.file))).toBe(false);
      // The editor was stopped too, rather than left running on a deleted file.
      await until('the editor to stop', () => {
        try {
          process.kill(opened.pid, 0);
          return false;
        } catch {
          return true;
        }
      }, 5000);
      expect(readFileSync(secretFile, 'utf8')).toBe(cipher);
      expectNoValue([{ code: 0, stdout: run.stdout(), stderr: run.stderr() }]);
    });
  }
});

describe('the manifest of a file holding secrets', () => {
  it('records key names only, and status and build --check need no age key', async () => {
    const { config, alice, app, base } = await built();
    const manifestText = readFileSync(join(app, '.ccm/manifest.json'), 'utf8');
    const entry = (JSON.parse(manifestText) as { files: Record<string, Record<string, unknown>> }).files[ENV]!;
    expect(Object.keys(entry).sort()).toEqual(['redacted', 'secretKeys', 'sha256']);
    expect(entry['secretKeys']).toEqual(['LINEAR_API_KEY']);
    expect(manifestText).not.toContain('spans');

    const nobody = { ...alice.env, HOME: tempDir() };
    const run = async (...args: string[]): Promise<CliRun> => await ccmAs(nobody, [...args, '--cwd', config]);
    const check = await run('build', '--check');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('✓ outputs are up to date');
    expect(check.stderr).toContain('secrets/LINEAR_API_KEY.age: warning SECRET_NOT_COMPARED: secret LINEAR_API_KEY cannot be decrypted (no age identity found');
    expect(check.stderr).toContain('so its value was not compared');
    const status = await run('status', '--json');
    expect(status.code).toBe(0);
    const web = (JSON.parse(status.stdout) as { data: { roots: { project: string; upToDate: boolean }[] } }).data.roots.find((r) => r.project === 'web-app')!;
    expect(web.upToDate).toBe(true);

    // A new value is an update (with the key), never drift; without the key it cannot be seen.
    await set(alice, config, 'LINEAR_API_KEY', `${PLANTED}_v2`);
    const withKey = await alice.run(['build', '--check', '--cwd', config]);
    expect(withKey.code).toBe(1);
    expect(withKey.stdout).toContain(`update  ${app}/${ENV}`);
    expect((await run('build', '--check')).code).toBe(0);
    expect((await alice.run(['build', '--cwd', config])).code).toBe(0);

    // A hand edit outside the secret's line is drift, with or without the key.
    const env = join(app, ENV);
    writeFileSync(env, readFileSync(env, 'utf8').replace('DEFAULT_BRANCH=main', 'DEFAULT_BRANCH=dev'));
    for (const r of [await run('build', '--check'), await alice.run(['build', '--check', '--cwd', config])]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${ENV}: error DRIFTED`);
    }
    // An edit of the secret's own value is not drift: the next build writes the value back.
    writeFileSync(env, readFileSync(env, 'utf8').replace('DEFAULT_BRANCH=dev', 'DEFAULT_BRANCH=main').replace(`${PLANTED}_v2`, 'pasted-by-hand-123'));
    expect((await run('build', '--check')).code).toBe(0);
    const rebuilt = await alice.run(['build', '--cwd', config]);
    expect(rebuilt.code).toBe(0);
    expect(readFileSync(env, 'utf8')).toContain(`LINEAR_API_KEY=${PLANTED}_v2`);

    for (const [path, bytes] of readTreeFiles(base)) {
      if (path.endsWith('.auto-claude/.env')) continue;
      expect(bytes.includes(PLANTED), path).toBe(false);
    }
  });

  it('reads a manifest of an older ccm (value spans) as needing one rewrite, never as drift', async () => {
    const { config, alice, app } = await built();
    const path = join(app, '.ccm/manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, Record<string, unknown>> };
    const text = readFileSync(join(app, ENV), 'utf8');
    const at = text.indexOf(PLANTED);
    manifest.files[ENV] = { sha256: '0'.repeat(64), redacted: true, spans: [[at, PLANTED.length, 'LINEAR_API_KEY']] };
    writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
    const nobody = { ...alice.env, HOME: tempDir() };
    for (const r of [await alice.run(['build', '--check', '--cwd', config]), await ccmAs(nobody, ['build', '--check', '--cwd', config])]) {
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('DRIFTED');
    }
    expect((await alice.run(['build', '--cwd', config])).code).toBe(0);
    expect(readFileSync(path, 'utf8')).not.toContain('spans');
    expect((await ccmAs(nobody, ['build', '--check', '--cwd', config])).code).toBe(0);
  });

  it('refuses a template that writes a value outside its KEY= line, writing nothing', async () => {
    const { config, alice, out } = await exampleWithSecret(PLANTED);
    projectRepo(join(out, 'web-app'), '.auto-claude/\n');
    const builtin = readFileSync(join(PROJECT_ROOT, 'templates/auto-claude/env.hbs'), 'utf8');
    override(config, builtin.replace('{{key}}={{value}}', '# {{key}} was {{value}}\n{{key}}={{value}}'));
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`web-app/${ENV}: error SECRET_OUTSIDE_ENTRY: a secret value would be written outside its own KEY=value line`);
    expect(r.stderr).toContain('templates/auto-claude/env.hbs');
    expect(existsSync(join(out, 'web-app/.ccm'))).toBe(false);
    expectNoValue([r]);
  });
});

describe('values encrypted with the age tool', () => {
  it('lose one final line break (echo value | age), and a line break inside is a precise error', async () => {
    const { config, alice, out, apiKeyLine } = await exampleWithSecret(PLANTED);
    projectRepo(join(out, 'web-app'), '.auto-claude/\n');
    const recipient = readFileSync(alice.keyFile, 'utf8').match(/public key: (age1\S+)/)![1]!;
    const encrypt = (value: string): void => {
      execFileSync('age', ['-r', recipient, '-a', '-o', join(config, 'secrets/LINEAR_API_KEY.age')], { input: value });
    };
    encrypt(`${PLANTED}\n`);
    const ok = await alice.run(['build', '--cwd', config]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(out, 'web-app', ENV), 'utf8')).toMatch(new RegExp(`^LINEAR_API_KEY=${PLANTED}$`, 'm'));
    encrypt(`${PLANTED}\r\n`);
    expect((await alice.run(['build', '--check', '--cwd', config])).code).toBe(0);
    expect((await alice.run(['secrets', 'get', 'LINEAR_API_KEY', '--cwd', config])).stdout).toBe(PLANTED);

    encrypt(`${PLANTED}\nsecond line\n`);
    const bad = await alice.run(['build', '--cwd', config]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`projects/web-app\\.yaml:${apiKeyLine}:\\d+: error ENV_VALUE_MULTILINE: the value of secret LINEAR_API_KEY \\(secrets/LINEAR_API_KEY\\.age\\), used for LINEAR_API_KEY, has a line break inside`));
    expect(bad.stderr).toContain('hint: store the value on one line: `ccm secrets edit LINEAR_API_KEY`');
    expectNoValue([bad]);
  });
});

/** ccm as a user with no age identity at all (a HOME without a key file, no CCM_AGE_* variables). */
async function ccmAs(env: Record<string, string | undefined>, args: readonly string[]): Promise<CliRun> {
  return await ccm(args, { cwd: env['HOME'], env });
}
