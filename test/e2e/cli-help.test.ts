import { describe, expect, it } from 'vitest';
import { ccm } from '../helpers/cli.js';

/** The names under "Commands:" in a help text (commander's own `help` left out). */
function commandsIn(help: string): string[] {
  const section = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return section.split('\n').map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1]).filter((n): n is string => n !== undefined && n !== 'help');
}

/** Every command line ccm has, subcommands included, found from the help texts themselves. */
async function allCommands(): Promise<string[][]> {
  const out: string[][] = [];
  const walk = async (path: string[]): Promise<void> => {
    const r = await ccm([...path, '--help']);
    expect(r.code, r.stderr).toBe(0);
    for (const name of commandsIn(r.stdout)) {
      out.push([...path, name]);
      await walk([...path, name]);
    }
  };
  await walk([]);
  return out;
}

describe('--help', () => {
  it('shows examples of real use for ccm and for every command and subcommand', async () => {
    const top = await ccm(['--help']);
    expect(top.stdout).toMatch(/\nExamples:\n {2}\$ ccm init /);
    const commands = await allCommands();
    expect(commands).toEqual(expect.arrayContaining([['build'], ['secrets', 'set'], ['hooks', 'install'], ['import']]));
    for (const path of commands) {
      const r = await ccm([...path, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout, path.join(' ')).toContain(`\nExamples:\n  $ ccm ${path.join(' ')}`);
    }
  });

  it('gives secrets and hooks verbs their own usage and options', async () => {
    const set = await ccm(['secrets', 'set', '--help']);
    expect(set.stdout).toMatch(/^Usage: ccm secrets set \[options\] <name>\n/);
    expect(set.stdout).not.toContain('--add-recipient');
    expect((await ccm(['secrets', 'keygen', '--help'])).stdout).toContain('--add-recipient');
    expect((await ccm(['hooks', 'install', '--help'])).stdout).toContain('--fix');
    expect((await ccm(['hooks', 'run', '--help'])).stdout).toContain('--fix');
    expect((await ccm(['hooks', 'uninstall', '--help'])).stdout).not.toContain('--fix');
  });

  it('lists the verbs and exits 2 when a group is run without one', async () => {
    const r = await ccm(['secrets']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Commands:\n {2}keygen/);
    expect((await ccm(['hooks'])).code).toBe(2);
    const json = await ccm(['secrets', '--json']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, command: 'secrets', error: { code: 'USAGE', message: '`ccm secrets` needs a command: keygen, set, get, list, rm, rotate, edit' } });
  });
});
