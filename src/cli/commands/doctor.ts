import { CcmError } from '../../errors.js';
import { runChecks, type CheckResult, type CheckStatus } from '../../doctor/checks.js';
import { findRepoRoot } from '../../load/load-repo.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { DOCTOR } from './index.js';

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

export interface DoctorData {
  checks: CheckResult[];
}

export const doctor: CommandImpl<InputOf<typeof DOCTOR>, DoctorData> = async (ctx) => {
  let root: string | undefined;
  try {
    root = findRepoRoot(ctx.options.cwd);
  } catch (err) {
    if (!(err instanceof CcmError)) throw err;
  }
  const results = await runChecks(root, ctx.io.env, process.version);
  const width = Math.max(...results.map((r) => r.check.length));
  for (const r of results) {
    ctx.print(`${MARK[r.status]} ${r.check.padEnd(width)}  ${r.detail}`);
    if (r.fix) ctx.print(`  ${' '.repeat(width)}  fix: ${r.fix}`);
  }
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  ctx.print(failed ? `${failed} check(s) failed, ${warned} warning(s)` : `all checks passed${warned ? ` (${warned} warning(s))` : ''}`);
  return { exitCode: failed ? 1 : 0, data: { checks: results } };
};
