import { findRepoRoot, loadRepo } from '../../load/load-repo.js';
import { validateRepo } from '../../validate/validate.js';
import { hasErrors } from '../../diagnostics.js';
import type { CommandImpl } from './index.js';

export const validate: CommandImpl = async (ctx) => {
  const root = findRepoRoot(ctx.options.cwd);
  const { repo, diagnostics } = await loadRepo(root);
  const all = [...diagnostics, ...validateRepo(repo)];
  const counts = {
    profiles: repo.profiles.size,
    projects: repo.projects.size,
    components: Object.fromEntries(Object.entries(repo.components).map(([k, v]) => [k, v.size])),
    secrets: repo.secrets.size,
  };
  const total = Object.values(repo.components).reduce((n, m) => n + m.size, 0);
  if (!hasErrors(all)) ctx.print(`✓ ${root}: ${total} components, ${repo.profiles.size} profiles, ${repo.projects.size} projects are valid`);
  return { data: { root, ...counts }, diagnostics: all };
};
