import { findRepoRoot, loadRepo } from '../../load/load-repo.js';
import { validateRepo } from '../../validate/validate.js';
import { hasErrors } from '../../diagnostics.js';
import { plural } from '../output.js';
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
  if (!hasErrors(all)) ctx.print(`✓ ${root}: ${plural(total, 'component')}, ${plural(repo.profiles.size, 'profile')}, ${plural(repo.projects.size, 'project')} are valid`);
  return { data: { root, ...counts }, diagnostics: all };
};
