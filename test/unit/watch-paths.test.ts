import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWatched, projectsToBuild, scopeOf, type WatchLayout } from '../../src/watch/paths.js';

const root = '/work/config';
const web = '/work/out/web-app';
const inRepo = join(root, 'out/api');
const layout: WatchLayout = {
  root,
  specProjects: new Map([[web, 'web-app'], [inRepo, 'api']]),
  worktreeProjects: new Map([[web, 'web-app']]),
  outputRoots: new Set([web, inRepo, '/work/out/backend']),
};
const at = (rel: string): string => join(root, rel);

describe('isWatched', () => {
  it('watches the config file and the folders ccm reads, nothing else in the repo', () => {
    for (const rel of ['', 'ccm.config.yaml', 'components', 'components/subagents/a.yaml', 'components/subagents/a.md', 'components/skills/s/scripts/run.sh',
      'profiles/base.yaml', 'projects/web.yaml', 'secrets/TOKEN.age', 'templates/claude-code/agent.md.hbs']) {
      expect(isWatched(at(rel), layout), rel).toBe(true);
    }
    for (const rel of ['.git', '.git/index', 'node_modules/x/index.js', 'README.md', 'out', 'docs/notes.md', 'ccm.config.yaml.bak']) {
      expect(isWatched(at(rel), layout), rel).toBe(false);
    }
  });

  it('ignores editor temporaries and ccm staging files beside watched files', () => {
    for (const name of ['.a.yaml.swp', 'a.yaml~', 'a.yaml___jb_tmp___', 'a.yaml___jb_old___', '4913', 'a.md.ccm-tmp-1-abcd', 'README.md', '.DS_Store']) {
      expect(isWatched(at(`components/subagents/${name}`), layout), name).toBe(false);
    }
  });

  it('watches dot-files and README.md inside a skill folder (they are supporting files), but not its .git or editor temporaries', () => {
    for (const rel of ['components/skills/s/.env.example', 'components/skills/s/README.md', 'components/skills/s/.config', 'components/skills/s/.config/x.json']) {
      expect(isWatched(at(rel), layout), rel).toBe(true);
    }
    for (const rel of ['components/skills/s/.SKILL.md.swp', 'components/skills/s/run.sh~', 'components/skills/s/.DS_Store', 'components/skills/s/.git', 'components/skills/s/.git/HEAD',
      'components/skills/README.md', 'components/skills/.gitkeep']) {
      expect(isWatched(at(rel), layout), rel).toBe(false);
    }
  });

  it('watches only the two files of each Auto-Claude spec folder, not the generated files beside them', () => {
    expect(isWatched(join(web, '.auto-claude'), layout)).toBe(true);
    expect(isWatched(join(web, '.auto-claude/specs'), layout)).toBe(true);
    expect(isWatched(join(web, '.auto-claude/specs/001-x'), layout)).toBe(true);
    expect(isWatched(join(web, '.auto-claude/specs/001-x/task_metadata.json'), layout)).toBe(true);
    expect(isWatched(join(web, '.auto-claude/specs/001-x/implementation_plan.json'), layout)).toBe(true);
    expect(isWatched(join(web, '.auto-claude/specs/001-x/spec.md'), layout)).toBe(false);
    expect(isWatched(join(web, '.auto-claude/specs/001-x/task_metadata.json.ccm-tmp-1-ab'), layout)).toBe(false);
    expect(isWatched(join(web, '.auto-claude/specs/001-x/memory/session.json'), layout)).toBe(false);
    expect(isWatched(join(web, '.auto-claude/.env'), layout)).toBe(false);
    expect(isWatched(join(web, '.claude/agents/a.md'), layout)).toBe(false);
  });

  it('watches the folders task worktrees appear in and the .git of each, not the checkout inside or ccm\'s copy of the .env', () => {
    for (const rel of ['', '.auto-claude/worktrees', '.auto-claude/worktrees/tasks', '.auto-claude/worktrees/tasks/001-x', '.auto-claude/worktrees/tasks/001-x/.git',
      '.worktrees', '.worktrees/001-x', '.worktrees/001-x/.git']) {
      expect(isWatched(join(web, rel), layout), rel).toBe(true);
    }
    for (const rel of ['.auto-claude/worktrees/tasks/001-x/.auto-claude', '.auto-claude/worktrees/tasks/001-x/.auto-claude/.env', '.auto-claude/worktrees/tasks/001-x/src/index.ts',
      '.auto-claude/worktrees/tasks/001-x/.git/HEAD', '.auto-claude/worktrees/terminal', '.auto-claude/worktrees/pr/12/.git', '.worktrees/001-x/package.json', '.worktrees/001-x/.auto-claude/.env']) {
      expect(isWatched(join(web, rel), layout), rel).toBe(false);
    }
    // A project whose .env goes nowhere (no Auto-Claude output) has no worktrees watched.
    expect(isWatched(join(inRepo, '.auto-claude/worktrees/tasks/001-x/.git'), layout)).toBe(false);
    expect(isWatched(join(inRepo, '.worktrees/001-x/.git'), layout)).toBe(false);
  });

  it('ignores the generated files of a project that lies inside the config repo, but not its spec folders', () => {
    expect(isWatched(join(inRepo, 'CLAUDE.md'), layout)).toBe(false);
    expect(isWatched(join(inRepo, '.auto-claude/specs/001/task_metadata.json'), layout)).toBe(true);
  });

  it('does not ignore the repo when a project directory contains it', () => {
    const outer: WatchLayout = { root, specProjects: new Map(), worktreeProjects: new Map(), outputRoots: new Set(['/work']) };
    expect(isWatched(at('components/subagents/a.yaml'), outer)).toBe(true);
  });
});

describe('scopeOf and projectsToBuild', () => {
  const exists = (): boolean => true;

  it('maps a project file or a spec file to its project, anything else to all', () => {
    expect(scopeOf(at('projects/web.yaml'), layout, exists)).toEqual({ kind: 'project', project: 'web' });
    expect(scopeOf(at('projects/web.yml'), layout, exists)).toEqual({ kind: 'project', project: 'web' });
    expect(scopeOf(join(web, '.auto-claude/specs/001/task_metadata.json'), layout, exists)).toEqual({ kind: 'project', project: 'web-app' });
    expect(scopeOf(join(web, '.auto-claude/worktrees/tasks/001-x/.git'), layout, exists)).toEqual({ kind: 'project', project: 'web-app' });
    expect(scopeOf(join(web, '.worktrees/001-x'), layout, exists)).toEqual({ kind: 'project', project: 'web-app' });
    expect(scopeOf(at('components/subagents/a.md'), layout, exists)).toEqual({ kind: 'all' });
    expect(scopeOf(at('profiles/base.yaml'), layout, exists)).toEqual({ kind: 'all' });
    expect(scopeOf(at('ccm.config.yaml'), layout, exists)).toEqual({ kind: 'all' });
  });

  it('builds everything when a project file disappears', () => {
    expect(scopeOf(at('projects/web.yaml'), layout, () => false)).toEqual({ kind: 'all' });
  });

  it('merges a batch, and keeps to the projects named on the command line', () => {
    const p = (project: string) => ({ kind: 'project' as const, project });
    expect(projectsToBuild([], [])).toBe('all');
    expect(projectsToBuild([p('b'), p('a'), p('b')], [])).toEqual(['a', 'b']);
    expect(projectsToBuild([p('a'), { kind: 'all' }], [])).toBe('all');
    expect(projectsToBuild([p('a'), p('b')], ['b', 'c'])).toEqual(['b']);
    expect(projectsToBuild([p('a')], ['b'])).toBeUndefined();
  });
});
