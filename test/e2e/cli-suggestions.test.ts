import { describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';

interface UsageEnvelope {
  ok: boolean;
  command: string;
  data: null;
  error: { code: string; message: string; hint?: string };
}

async function usage(args: string[]): Promise<{ stderr: string; envelope: UsageEnvelope }> {
  const cwd = tempDir();
  const plain = await ccm(args, { cwd });
  expect(plain.code, plain.stderr).toBe(2);
  expect(plain.stdout).toBe('');
  const json = await ccm([...args, '--json'], { cwd });
  expect(json.code).toBe(2);
  expect(json.stderr).toBe('');
  return { stderr: plain.stderr, envelope: JSON.parse(json.stdout) as UsageEnvelope };
}

describe('unknown commands and options suggest the nearest one', () => {
  it('a command', async () => {
    const { stderr, envelope } = await usage(['biuld']);
    expect(stderr).toBe("error USAGE: unknown command 'biuld'\n  hint: did you mean `ccm build`? Otherwise see `ccm --help`\n");
    expect(envelope).toMatchObject({ ok: false, command: 'ccm', data: null, error: { code: 'USAGE', message: "unknown command 'biuld'", hint: 'did you mean `ccm build`? Otherwise see `ccm --help`' } });
  });

  it('an option of a command', async () => {
    const { stderr, envelope } = await usage(['build', '--dryrun']);
    expect(stderr).toContain("error USAGE: unknown option '--dryrun'\n  hint: did you mean `--dry-run`?");
    expect(envelope).toMatchObject({ command: 'build', error: { code: 'USAGE', message: "unknown option '--dryrun'", hint: 'did you mean `--dry-run`? Otherwise see `ccm build --help`' } });
  });

  it('a global option, from any command', async () => {
    const { envelope } = await usage(['validate', '--jsn']);
    expect(envelope.error.hint).toBe('did you mean `--json`? Otherwise see `ccm validate --help`');
  });

  it('a subcommand', async () => {
    const secrets = await usage(['secrets', 'sett', 'TOKEN']);
    expect(secrets.stderr).toContain('hint: did you mean `ccm secrets set`?');
    expect(secrets.envelope).toMatchObject({ command: 'secrets', error: { message: "unknown command 'sett'" } });
    const hooks = await usage(['hooks', 'instal']);
    expect(hooks.envelope.error.hint).toBe('did you mean `ccm hooks install`? Otherwise see `ccm hooks --help`');
  });

  it('an option of a subcommand, naming the whole command', async () => {
    const { envelope } = await usage(['hooks', 'install', '--fxi']);
    expect(envelope).toMatchObject({ command: 'hooks install', error: { message: "unknown option '--fxi'", hint: 'did you mean `--fix`? Otherwise see `ccm hooks install --help`' } });
  });

  it('options of other verbs are unknown, and nothing far off is suggested', async () => {
    const fix = await usage(['hooks', 'uninstall', '--fix']);
    expect(fix.envelope.error).toEqual({ code: 'USAGE', message: "unknown option '--fix'", hint: 'see `ccm hooks uninstall --help`' });
    const recipient = await usage(['secrets', 'list', '--add-recipient']);
    expect(recipient.envelope.error.hint).toBe('see `ccm secrets list --help`');
    const far = await usage(['frobnicate']);
    expect(far.envelope.error.hint).toBe('see `ccm --help`');
  });

  it('a bad option value names the option and its choices', async () => {
    const { envelope } = await usage(['diff', '--format', 'html']);
    expect(envelope.error).toEqual({ code: 'USAGE', message: '--format must be one of unified, markdown, not "html"', hint: 'e.g. --format unified' });
  });
});
