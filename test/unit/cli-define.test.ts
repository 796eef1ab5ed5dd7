import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/context.js';
import { arg, choice, defineCommand, flag, lazy, list, value, type InputOf } from '../../src/cli/define.js';
import { CcmError } from '../../src/errors.js';

const SAMPLE = defineCommand({
  name: 'sample',
  description: 'a command with one of each kind of argument and option',
  examples: [{ run: 'ccm sample a b', does: 'run it' }],
  args: { first: arg('<first>', 'required'), rest: arg('[rest...]', 'the others') },
  options: {
    check: flag('--check', 'a switch'),
    wait: flag('--no-wait', 'a switch that is on unless given'),
    format: choice('--format <f>', 'a word', ['unified', 'markdown'] as const),
    ms: value('--ms <n>', 'a number', (raw) => Number(raw)),
    name: value('--name <n>', 'a string'),
    project: list('--project <dir>', 'repeatable'),
  },
});

type SampleInput = InputOf<typeof SAMPLE>;

/** Parses argv with the sample command and returns the input its implementation receives. */
async function inputOf(argv: string[]): Promise<SampleInput> {
  let received: SampleInput | undefined;
  const program = new Command('ccm').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  lazy(SAMPLE, async () => async (_ctx, input) => {
    received = input;
    return {};
  }).attach(program, async (_path, _cmd, invoke) => {
    await invoke({} as CommandContext);
  });
  await program.parseAsync(argv, { from: 'user' });
  if (!received) throw new Error('the implementation did not run');
  return received;
}

describe('typed command definitions', () => {
  it('hand the implementation every argument and option under its declared key, with defaults', async () => {
    expect(await inputOf(['sample', 'a'])).toEqual({ first: 'a', rest: [], check: false, wait: true, format: undefined, ms: undefined, name: undefined, project: [] });
    expect(await inputOf(['sample', 'a', 'b', 'c', '--check', '--no-wait', '--format', 'markdown', '--ms', '20', '--name', 'x', '--project', 'p', '--project', 'q']))
      .toEqual({ first: 'a', rest: ['b', 'c'], check: true, wait: false, format: 'markdown', ms: 20, name: 'x', project: ['p', 'q'] });
  });

  it('refuses a value outside the choices as a usage error', async () => {
    const err = await inputOf(['sample', 'a', '--format', 'html']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CcmError);
    expect(err).toMatchObject({ code: 'USAGE', exitCode: 2, message: '--format must be one of unified, markdown, not "html"' });
  });

  it('refuses a key declared twice', () => {
    expect(() => defineCommand({ name: 'twice', description: '', examples: [], args: { a: arg('[a]', '') }, options: { a: flag('--a', '') } })).toThrow(/"a" is declared twice/);
  });
});
