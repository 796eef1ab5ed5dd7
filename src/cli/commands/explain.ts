import { compile } from '../../pipeline/compile.js';
import { CcmError } from '../../errors.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { READER_LABELS, reachNote, reachOf } from '../../core/auto-claude/env-reach.js';
import { ENV_PATH } from '../../render/auto-claude/index.js';
import type { EnvReader } from '../../core/auto-claude/env-reach.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { EXPLAIN } from './index.js';

export interface ExplainData {
  project: string;
  path: string;
  /** The YAML files the output comes from. */
  sources: string[];
  /** For settings and `.env`: the file each key comes from. */
  keySources: Record<string, string>;
  /** For `.auto-claude/.env` only: who reads each key and what wins over it. */
  reach?: { key: string; source: string; readBy: EnvReader; what: string; overriddenBy?: string; note?: string }[];
}

/**
 * Where a generated file (and each of its settings keys) comes from; for `.auto-claude/.env` also
 * who reads each key and what wins over it (the reach table). Values are never shown.
 */
export const explain: CommandImpl<InputOf<typeof EXPLAIN>, ExplainData> = async (ctx, { project, output }) => {
  const root = findRepoRoot(ctx.options.cwd);
  // Explaining needs no secret values: a stand-in keeps projects with secrets explainable without an identity.
  const result = await compile(root, { projects: [project], force: false, secrets: () => '(secret)' });
  const target = result.targets.find((t) => t.root.kind === 'project' && t.root.project === project);
  const wanted = output.replace(/^\.\//, '');
  const file = target?.files.find((f) => f.path === wanted);
  if (!file) {
    const known = target?.files.map((f) => f.path).sort() ?? [];
    throw new CcmError('OUTPUT_UNKNOWN', `project "${project}" has no output "${output}"`, {
      hint: known.length ? `its outputs: ${known.join(', ')}` : 'the project produced no outputs (see `ccm validate`)',
    });
  }
  ctx.print(`${output} in project ${project} comes from:`);
  for (const s of file.sources) ctx.print(`  ${s}`);
  const keys = Object.entries(file.keySources ?? {});
  const data: ExplainData = { project, path: wanted, sources: file.sources, keySources: file.keySources ?? {} };
  if (wanted === ENV_PATH) {
    const reach = keys.map(([key, source]) => {
      const r = reachOf(key);
      const note = reachNote(r);
      return { key, source, readBy: r.reader, what: r.what, ...(r.overriddenBy ? { overriddenBy: r.overriddenBy.setting } : {}), ...(note ? { note } : {}) };
    });
    ctx.print('keys (who reads each, what wins):');
    for (const k of reach) ctx.print(`  ${k.key.padEnd(30)} ${k.source.padEnd(24)} read by ${READER_LABELS[k.readBy]}; ${k.note ?? k.what}`);
    return { data: { ...data, reach }, diagnostics: result.diagnostics };
  }
  if (keys.length) {
    ctx.print('keys:');
    for (const [key, src] of keys) ctx.print(`  ${key.padEnd(28)} ${src}`);
  }
  return { data, diagnostics: result.diagnostics };
};
