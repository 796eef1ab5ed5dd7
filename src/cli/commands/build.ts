import { findRepoRoot } from '../../load/find-root.js';
import { runBuild, type BuildReport } from '../../pipeline/build.js';
import { printBuild } from '../build-report.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { BUILD } from './index.js';

export type BuildData = BuildReport;

export const build: CommandImpl<InputOf<typeof BUILD>, BuildData> = async (ctx, input) => {
  const root = findRepoRoot(ctx.options.cwd);
  const outcome = await runBuild(root, input, { env: ctx.io.env, note: (line) => ctx.note(line) });
  return printBuild(ctx, outcome);
};
