import type { OutputRoot } from '../render/types.js';
import { isWorktreeCopy } from './worktrees.js';

/**
 * Every path ccm's renderers can write, per kind of root (src/render/claude-code/, auto-claude/).
 * A manifest is committed with the outputs, so it can arrive in a pull request: ccm deletes or
 * overwrites a file it lists only when the path is one of these, never `.git/…`, `README.md` or
 * anything else a crafted manifest might name. A test holds the renderers' outputs to this table.
 */
const PROJECT_LAYOUTS: readonly RegExp[] = [
  /^\.claude\/agents\/[^/]+\.md$/,
  /^\.claude\/commands\/.+\.md$/,
  /^\.claude\/skills\/[^/]+\/.+$/,
  /^\.claude\/output-styles\/[^/]+\.md$/,
  /^\.claude\/rules\/.+\.md$/,
  /^\.claude\/settings\.json$/,
  /^\.mcp\.json$/,
  /^\.auto-claude\/\.env$/,
  /^\.auto-claude-allowlist$/,
  // Its copies in task worktrees are isWorktreeCopy (worktrees.ts): <worktrees>/<name>/.auto-claude/.env.
  // The root CLAUDE.md and those of claude-md sections with `directory:` (never in ccm's or the runtimes' own folders).
  /^(?!(\.claude|\.auto-claude)\/)(.+\/)?CLAUDE\.md$/,
];
const BACKEND_LAYOUTS: readonly RegExp[] = [/^prompts\/.+\.md$/];

export function isGeneratedLayout(root: OutputRoot, path: string): boolean {
  if (path.split('/').some((s) => s === '.git' || s === '.ccm' || s === '' || s === '.' || s === '..')) return false;
  if (root.kind === 'project' && isWorktreeCopy(path)) return true;
  return (root.kind === 'project' ? PROJECT_LAYOUTS : BACKEND_LAYOUTS).some((re) => re.test(path));
}
