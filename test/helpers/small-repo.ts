import { join } from 'node:path';
import { CLOCK_TICK_MS } from '../../src/cache/stat-key.js';
import { tempTree } from './cli.js';

/**
 * A small Claude Code config repo, not built yet: one subagent and one command, for the project
 * `app` beside it. With `warns` the subagent has a key ccm does not know, so a build warns. Returned once its files are older
 * than a clock tick: a config file changed within the last tick may change again unseen (git's
 * racy rule), so no build stamps a no-op over it, and builds of five files can finish inside a tick.
 */
export async function smallRepo({ warns = true } = {}): Promise<{ config: string; app: string }> {
  const base = tempTree({
    'config/ccm.config.yaml': 'version: 1\n',
    'config/components/subagents/helper.yaml': `description: Helps\n${warns ? 'surprise: kept\n' : ''}`,
    'config/components/subagents/helper.md': 'You help.\n',
    'config/components/commands/ship.yaml': 'description: Ships\n',
    'config/components/commands/ship.md': 'Ship it.\n',
    'config/projects/app.yaml': 'path: ../app\ncomponents:\n  subagents: [helper]\n  commands: [ship]\ntargets: [claude-code]\n',
  });
  await new Promise((resolve) => setTimeout(resolve, 2 * CLOCK_TICK_MS));
  return { config: join(base, 'config'), app: join(base, 'app') };
}
