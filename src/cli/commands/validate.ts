import { compile } from '../../pipeline/compile.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { hasErrors } from '../../diagnostics.js';
import { plural } from '../output.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { VALIDATE } from './index.js';

export interface ValidateData {
  root: string;
  profiles: number;
  projects: number;
  /** Number of components per kind. */
  components: Record<string, number>;
  secrets: number;
}

/**
 * The build pipeline without the disk: every template compiled and every project rendered and
 * planned in memory, so that whatever the config repo alone decides is reported here and a build
 * can fail only on the state of the output folders, git or the secret keys.
 */
export const validate: CommandImpl<InputOf<typeof VALIDATE>, ValidateData> = async (ctx) => {
  const root = findRepoRoot(ctx.options.cwd);
  const { repo, diagnostics: all } = await compile(root, { projects: [], force: false, disk: false });
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
