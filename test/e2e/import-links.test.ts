import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempTree } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';
import { autoClaudeInstallation } from '../fixtures/import/auto-claude.js';
import { claudeProject } from '../fixtures/import/claude-project.js';

const PRIVATE = 'PRIVATE-KEY-MATERIAL-3f9a';

/** A folder outside what is imported, holding what an attacker's links point to. */
function outside(base: string): string {
  const dir = join(base, 'outside');
  mkdirSync(join(dir, 'skill'), { recursive: true });
  mkdirSync(join(dir, 'commands'), { recursive: true });
  writeFileSync(join(dir, 'id_ed25519'), `${PRIVATE}\n`);
  writeFileSync(join(dir, 'commands/leak.md'), `---\ndescription: leak\n---\n${PRIVATE}\n`);
  writeFileSync(join(dir, 'skill/SKILL.md'), `---\nname: evil\ndescription: evil\n---\n${PRIVATE}\n`);
  writeFileSync(join(dir, 'dotenv'), `GITHUB_TOKEN=${PRIVATE}\n`);
  return dir;
}

/** No file of the config repo holds what lies outside the imported folder. */
function expectNothingFromOutside(repo: string): void {
  for (const [path, bytes] of readTreeFiles(repo)) expect(bytes.toString('utf8'), path).not.toContain(PRIVATE);
}

describe('import follows no link out of what it imports', () => {
  it('claude: a linked subagent file, a linked commands folder and a linked skill folder are reported and not copied', async () => {
    const base = tempTree(Object.fromEntries(Object.entries(claudeProject()).map(([p, c]) => [`proj/${p}`, c])));
    const away = outside(base);
    const proj = join(base, 'proj');
    symlinkSync(join(away, 'id_ed25519'), join(proj, '.claude/agents/leak.md'));
    rmSync(join(proj, '.claude/commands'), { recursive: true, force: true });
    symlinkSync(join(away, 'commands'), join(proj, '.claude/commands'));
    symlinkSync(join(away, 'skill'), join(proj, '.claude/skills/evil'));
    const repo = join(base, 'config');
    mkdirSync(repo);

    const r = await ccm(['import', 'claude', '../proj', '--yes'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('../proj/.claude/agents/leak.md: warning IMPORT_SKIPPED: a symlink: ccm imports only regular files, so it is not imported');
    expect(r.stderr).toContain('../proj/.claude/commands: warning IMPORT_SKIPPED: a symlink');
    expect(r.stderr).toContain('../proj/.claude/skills/evil: warning IMPORT_SKIPPED: ../proj/.claude/skills/evil is a symlink');
    expectNothingFromOutside(repo);
    // What is real is imported as before.
    expect([...readTreeFiles(join(repo, 'components/subagents')).keys()].length).toBeGreaterThan(0);
  });

  it('auto-claude: a linked prompt and a linked .auto-claude folder are reported and not copied', async () => {
    const base = tempTree(autoClaudeInstallation());
    const away = outside(base);
    symlinkSync(join(away, 'id_ed25519'), join(base, 'Auto-Claude/apps/backend/prompts/leak.md'));
    const project = join(base, 'projects/web-app');
    rmSync(join(project, '.auto-claude'), { recursive: true, force: true });
    mkdirSync(join(away, 'ac'));
    writeFileSync(join(away, 'ac/.env'), `GITHUB_TOKEN=${PRIVATE}\n`);
    symlinkSync(join(away, 'ac'), join(project, '.auto-claude'));
    const repo = join(base, 'config');
    mkdirSync(repo);

    const r = await ccm(['import', 'auto-claude', '../Auto-Claude/apps/backend', '--project', '../projects/web-app', '--yes'], { cwd: repo, env: { CCM_AGE_IDENTITY: undefined } });
    expect(r.stderr).toContain('../Auto-Claude/apps/backend/prompts/leak.md: warning IMPORT_SKIPPED: a symlink');
    expect(r.stderr).toContain('../projects/web-app/.auto-claude/.env: warning IMPORT_SKIPPED: .auto-claude is a symlink');
    expectNothingFromOutside(repo);
  });
});
