import { mkdirSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchConfigTree } from '../../src/watch/config-tree.js';
import { tempTree } from '../helpers/cli.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Watches a small config repo; `seen` holds the repo-relative paths reported so far. */
function watched(ignored: (abs: string) => boolean = () => false): { root: string; seen: Set<string>; until: (rel: string) => Promise<void> } {
  const root = tempTree({
    'ccm.config.yaml': 'version: 1\n',
    'components/subagents/rev.yaml': 'description: one\n',
    'components/subagents/rev.md': 'Body.\n',
    'profiles/all.yaml': 'components: {}\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'notes/todo.md': 'not read by ccm\n',
  });
  const seen = new Set<string>();
  const errors: Error[] = [];
  close = watchConfigTree({ root, ignored, onChange: (abs) => seen.add(abs.slice(root.length + 1)), onError: (e) => errors.push(e) }).close;
  const until = async (rel: string): Promise<void> => {
    const end = Date.now() + 5_000;
    while (!seen.has(rel)) {
      if (errors.length) throw errors[0];
      if (Date.now() > end) throw new Error(`${rel} was not reported; seen: ${[...seen].join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { root, seen, until };
}

describe('the config repo watcher (fs.watch per folder)', () => {
  it('reports a write in place, a temp file renamed over, and vim\'s backup-and-rename, each time', async () => {
    const { root, seen, until } = watched();
    const yaml = join(root, 'components/subagents/rev.yaml');
    writeFileSync(yaml, 'description: two\n');
    await until('components/subagents/rev.yaml');
    for (let i = 0; i < 2; i++) {
      seen.clear();
      writeFileSync(`${yaml}___jb_tmp___`, `description: renamed ${i}\n`);
      renameSync(`${yaml}___jb_tmp___`, yaml);
      await until('components/subagents/rev.yaml');
    }
    seen.clear();
    renameSync(yaml, `${yaml}~`);
    writeFileSync(yaml, 'description: vim\n');
    unlinkSync(`${yaml}~`);
    await until('components/subagents/rev.yaml');
    // And it still follows the file saved last.
    seen.clear();
    writeFileSync(yaml, 'description: after vim\n');
    await until('components/subagents/rev.yaml');
  });

  it('reports the files of a folder made with them, a folder ccm reads made later, and ccm.config.yaml', async () => {
    const { root, until } = watched();
    mkdirSync(join(root, 'components/skills/notes/scripts'), { recursive: true });
    writeFileSync(join(root, 'components/skills/notes/scripts/run.sh'), 'echo\n');
    await until('components/skills/notes/scripts/run.sh');
    writeFileSync(join(root, 'components/skills/notes/skill.yaml'), 'description: n\n');
    await until('components/skills/notes/skill.yaml');
    mkdirSync(join(root, 'templates/claude-code'), { recursive: true });
    writeFileSync(join(root, 'templates/claude-code/agent.md.hbs'), '{{body}}\n');
    await until('templates/claude-code/agent.md.hbs');
    writeFileSync(join(root, 'ccm.config.yaml'), 'version: 1\n# edited\n');
    await until('ccm.config.yaml');
  });

  it('reports a removed folder, and watches one made again in its place', async () => {
    const { root, seen, until } = watched();
    rmSync(join(root, 'profiles'), { recursive: true });
    await until('profiles');
    seen.clear();
    mkdirSync(join(root, 'profiles'));
    writeFileSync(join(root, 'profiles/web.yaml'), 'components: {}\n');
    await until('profiles/web.yaml');
  });

  it('follows a link to a folder inside the repo under the link\'s path, and reports nothing of .git, other folders or ignored paths', async () => {
    const { root, seen, until } = watched((abs) => abs.endsWith('.swp'));
    mkdirSync(join(root, 'shared'));
    symlinkSync(join(root, 'shared'), join(root, 'components/commands'));
    writeFileSync(join(root, 'components/subagents/.rev.yaml.swp'), 'x');
    writeFileSync(join(root, '.git/HEAD'), 'ref: refs/heads/other\n');
    writeFileSync(join(root, 'notes/todo.md'), 'still not read\n');
    await until('components/commands');
    // As readTree reads it: components/commands/review.yaml, not shared/review.yaml (which ccm does not read).
    writeFileSync(join(root, 'shared/review.yaml'), 'description: r\n');
    await until('components/commands/review.yaml');
    expect([...seen].some((p) => p.startsWith('shared'))).toBe(false);
    writeFileSync(join(root, 'components/subagents/rev.md'), 'Last.\n');
    await until('components/subagents/rev.md');
    expect([...seen].filter((p) => p.startsWith('.git') || p.startsWith('notes') || p.endsWith('.swp'))).toEqual([]);
  });
});
