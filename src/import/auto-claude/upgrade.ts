import { resolve } from 'node:path';
import { CONFIG_FILE } from '../../core/kinds.js';
import { error, warning, type Diagnostic } from '../../diagnostics.js';
import { findRepoRoot, loadRepo } from '../../load/load-repo.js';
import { resolveBackend } from '../../resolve/resolve.js';
import type { ComponentDraft } from '../model.js';
import { planImport, readCurrentRepo } from '../plan.js';
import { writeImport, type RootTakeover } from '../write.js';
import { setTopLevel } from '../yaml-out.js';
import { mergePrompt } from './prompt-merge.js';
import { promptFields, scanAutoClaude } from './scan.js';
import { readUpstream, upstreamFiles, UPSTREAM_META } from './upstream.js';
import { backendVersion } from './version.js';

export interface UpgradeIo {
  cwd: string;
  print(line: string): void;
  /** Progress on stderr: "waiting for another ccm build…". */
  note(line: string): void;
}

type PromptOutcome = 'unchanged' | 'taken' | 'merged' | 'conflict' | 'new' | 'removed upstream';

const SAID: Readonly<Record<PromptOutcome, string>> = {
  unchanged: 'unchanged upstream (or already the same)',
  taken: 'new upstream text taken (the repo had not changed it)',
  merged: 'merged: your edits kept, the upstream changes taken',
  conflict: 'CONFLICT: marked in the body, resolve by hand',
  new: 'new upstream prompt, added',
  'removed upstream': 'no longer upstream: kept in the repo',
};

/**
 * `ccm import auto-claude <backend> --upgrade`: each prompt of the new backend is merged three-way
 * into the repo's prompt (base: the upstream text recorded at the last import, in upstream/auto-claude/;
 * ours: the repo's body; theirs: the backend's file). Clean merges are written, conflicts are written
 * with git-style markers and reported, new prompts are added, and the new upstream texts and
 * version become the base. The backend's manifest then owns the prompts as the update left them, so
 * that `ccm build` writes the merged texts over them instead of stopping at DRIFTED.
 */
/** What `ccm import auto-claude --upgrade` merged (its --json data). */
export interface UpgradeData {
  root: string;
  dryRun: boolean;
  /** Upstream version recorded at the last import, and the backend's now. */
  from: string | null;
  to: string | null;
  prompts: { name: string; outcome: PromptOutcome; file?: string; conflicts?: number }[];
  /** Prompts written with conflict markers. */
  conflicts: string[];
}

export async function runUpgrade(backendArg: string, io: UpgradeIo, dryRun: boolean): Promise<{ data: UpgradeData; diagnostics: Diagnostic[] }> {
  const root = findRepoRoot(io.cwd);
  const scan = scanAutoClaude(backendArg, [], io.cwd);
  // The upgrade is about prompts: what the scan says about the registry or profiles is for `ccm import`.
  const diagnostics: Diagnostic[] = scan.diagnostics.filter((d) => d.file?.includes('prompts/'));
  const theirs = new Map(scan.components.filter((c) => c.kind === 'auto-claude-prompt').map((c) => [c.name, c]));
  const version = backendVersion(scan.backendDir!);
  const upstream = readUpstream(root);
  const { repo, diagnostics: loaded } = await loadRepo(root);
  diagnostics.push(...loaded.filter((d) => d.severity === 'error'));

  const writes = new Map<string, string>();
  const outcomes: { name: string; outcome: PromptOutcome; file?: string; conflicts?: number }[] = [];
  const added: ComponentDraft[] = [];
  if (!upstream.recorded) {
    diagnostics.push(warning('UPGRADE_NO_BASE', `no upstream base is recorded (${UPSTREAM_META} is missing), so every prompt the repo and the backend have differently is a conflict`,
      { file: CONFIG_FILE, line: 1, col: 1 }, 'the base is recorded by `ccm import auto-claude` (and by every upgrade); next time the merge has one'));
  }
  for (const name of [...new Set([...theirs.keys(), ...upstream.prompts.keys()])].sort()) {
    const draft = theirs.get(name);
    const ours = repo.components['auto-claude-prompt'].get(name);
    if (!draft) {
      if (ours) outcomes.push({ name, outcome: 'removed upstream' });
      continue;
    }
    if (!ours) {
      added.push(draft);
      outcomes.push({ name, outcome: 'new' });
      continue;
    }
    const bodyPath = ours.body?.path ?? ours.file.path.replace(/\.ya?ml$/, '.md');
    const merged = mergePrompt(ours.body?.text ?? '', upstream.prompts.get(name), draft.body!);
    outcomes.push({ name, outcome: merged.kind, file: bodyPath, ...(merged.kind === 'conflict' ? { conflicts: merged.conflicts } : {}) });
    if (merged.kind === 'unchanged') continue;
    writes.set(bodyPath, merged.text);
    if (merged.kind === 'conflict') {
      diagnostics.push(error('UPGRADE_CONFLICT', `${merged.conflicts} conflict${merged.conflicts === 1 ? '' : 's'} between the repo's prompt "${name}" and the new upstream text ${merged.conflicts === 1 ? 'is' : 'are'} marked in this file (<<<<<<< ours … ||||||| base … ======= … >>>>>>> theirs)`,
        { file: bodyPath, line: merged.firstLine, col: 1 }, 'edit the file to keep what belongs, remove the markers, then run `ccm validate` and `ccm build`'));
      continue;
    }
    // The injection points follow the text the backend will load, as the import derives them.
    const points = promptFields(merged.text)['injectionPoints'] ?? [];
    if (JSON.stringify(points) !== JSON.stringify(ours.file.value['injectionPoints'] ?? [])) writes.set(ours.file.path, setTopLevel(ours.file.text, ['injectionPoints'], points));
  }
  if (added.length > 0) {
    const plan = await planImport(root, readCurrentRepo(root), { source: 'auto-claude', components: added, projects: [], secrets: [], checks: [], notes: [], diagnostics: [] },
      { groups: new Set(['prompts']), onClash: 'skip', existingSecret: () => Promise.resolve(undefined) });
    for (const w of plan.writes) if (w.path !== CONFIG_FILE) writes.set(w.path, typeof w.content === 'string' ? w.content : new TextDecoder().decode(w.content));
  }
  const base = upstreamFiles(new Map([...theirs].map(([n, d]) => [n, d.body!])), version, upstream);
  for (const w of base.writes) writes.set(w.path, w.content);

  const conflicts = outcomes.filter((o) => o.outcome === 'conflict');
  io.print(`Prompt upgrade from ${scan.backendDir!}: upstream ${upstream.version ?? '(no version recorded)'} → ${version ?? '(no version found)'}`);
  for (const o of outcomes.filter((x) => x.outcome !== 'unchanged')) io.print(`  ${o.name.padEnd(32)} ${SAID[o.outcome]}${o.conflicts ? ` (${o.conflicts} in ${o.file})` : ''}`);
  io.print(`  ${outcomes.filter((o) => o.outcome === 'unchanged').length} unchanged`);
  const data: UpgradeData = { root, dryRun, from: upstream.version ?? null, to: version ?? null, prompts: outcomes, conflicts: conflicts.map((c) => c.name) };
  if (dryRun) {
    io.print('Dry run: nothing was written.');
    return { data, diagnostics };
  }
  // The update replaced prompt files ccm owns; their manifest entries are set to the files as they
  // are now, so the next build rewrites them with the merged texts instead of stopping at DRIFTED (a
  // change made outside ccm before the update is as good as taken: the merge saw the upstream text,
  // and the repo's text is ours). Under the build locks, in one transaction with the repo's files.
  const configured = resolveBackend(repo)?.dir;
  const owned: RootTakeover[] = configured && resolve(configured) === resolve(scan.backendDir!)
    ? [{ root: { kind: 'backend', dir: scan.backendDir! }, files: [...theirs.keys()].map((name) => ({ path: `prompts/${name}.md` })) }]
    : [];
  await writeImport({ root, writes: [...writes].map(([path, content]) => ({ path, content })), deletes: base.deletes }, owned,
    { lock: { wait: true, note: (line) => io.note(line) }, secretValues: [], which: 'listed' });
  io.print(`The new upstream base (${version ?? 'no version'}) is recorded in ${UPSTREAM_META.replace(/\/[^/]+$/, '/')}.`);
  if (conflicts.length > 0) io.print(`${conflicts.length} prompt${conflicts.length === 1 ? ' has' : 's have'} conflicts: resolve the markers, then \`ccm validate\` and \`ccm build\`.`);
  else io.print('Next: review the change (git diff), then `ccm build` writes the merged prompts into the backend.');
  return { data, diagnostics };
}
