import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, inTurn } from '../helpers/cli.js';
import { smallRepo } from '../helpers/small-repo.js';

/** A small Claude Code repo, built twice: the second build found nothing to do and left its stamp. */
async function stamped(): Promise<{ config: string; app: string }> {
  const repo = await smallRepo();
  for (let i = 0; i < 2; i++) expect((await ccm(['build'], { cwd: repo.config })).code).toBe(0);
  const records = JSON.parse(readFileSync(join(repo.config, '.ccm/cache/outputs.json'), 'utf8')) as { data: { noOp?: unknown } };
  expect(records.data.noOp).toBeDefined();
  return repo;
}

const withoutTime = (text: string): string => text.replace(/\(\d+ ms\)/g, '(N ms)');

describe('the no-op shortcut (a build of everything that finds, from lstat alone, that nothing changed)', () => {
  it('reports exactly what the full no-op build reports: output, warnings, --json, --check', async () => {
    const { config } = await stamped();
    const runs = await inTurn(['build', 'build --json', 'build --check', 'build --dry-run'], async (args) => {
      const short = await ccm(args.split(' '), { cwd: config });
      // Without the stamp the same command does the whole pipeline.
      const records = join(config, '.ccm/cache/outputs.json');
      const saved = readFileSync(records);
      rmSync(records);
      const full = await ccm(args.split(' '), { cwd: config });
      writeFileSync(records, saved);
      return { args, short, full };
    });
    for (const { args, short, full } of runs) {
      expect(short.code, args).toBe(full.code);
      expect(withoutTime(short.stderr), args).toBe(withoutTime(full.stderr));
      if (args.includes('--json')) {
        const strip = (s: string): unknown => JSON.parse(s.replace(/"ms":\d+/g, '"ms":0')) as unknown;
        expect(strip(short.stdout), args).toEqual(strip(full.stdout));
      } else expect(withoutTime(short.stdout), args).toBe(withoutTime(full.stdout));
    }
    expect(runs[0]!.short.stderr).toMatch(/UNKNOWN_FIELD/);
  });

  it('is not taken after a config edit, a new config file, a hand edit of an output, or a folder swapped for a link', async () => {
    const { config, app } = await stamped();
    writeFileSync(join(config, 'components/subagents/helper.md'), 'You help a lot.\n');
    expect((await ccm(['build', '--check'], { cwd: config })).code).toBe(1);
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);
    expect(readFileSync(join(app, '.claude/agents/helper.md'), 'utf8')).toContain('You help a lot.');
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);

    // A new file: a template override.
    mkdirSync(join(config, 'templates/claude-code'), { recursive: true });
    writeFileSync(join(config, 'templates/claude-code/command.md.hbs'), readFileSync('templates/claude-code/command.md.hbs', 'utf8') + 'Team footer.\n');
    expect((await ccm(['build', '--check'], { cwd: config })).code).toBe(1);
    rmSync(join(config, 'templates'), { recursive: true });
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);

    const agent = join(app, '.claude/agents/helper.md');
    writeFileSync(agent, readFileSync(agent, 'utf8').replace('help', 'HELP'));
    const drift = await ccm(['build', '--check'], { cwd: config });
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/DRIFTED/);
    expect((await ccm(['build', '--force'], { cwd: config })).code).toBe(0);
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);

    // The same files, moved out and linked back: every output keeps its inode, the folder does not.
    const elsewhere = join(app, '..', 'elsewhere');
    mkdirSync(elsewhere);
    renameSync(join(app, '.claude/commands'), join(elsewhere, 'commands'));
    symlinkSync(join(elsewhere, 'commands'), join(app, '.claude/commands'));
    const linked = await ccm(['build'], { cwd: config });
    expect(linked.code).toBe(1);
    expect(linked.stderr).toMatch(/OUTPUT_PATH_ESCAPES/);
  });
});
