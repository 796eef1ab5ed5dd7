import { isMapping } from '../core/values.js';
import { error } from '../diagnostics.js';
import { jsonSyntaxError } from '../import/claude/json.js';
import type { Component } from '../load/model.js';
import { positionOf } from '../load/yaml-file.js';
import { CCM_ONLY } from '../render/claude-code/settings.js';
import { emptyReport, type AdoptContext, type FileReport } from './model.js';

const dec = new TextDecoder();

/**
 * Takes a drifted `.claude/settings.json` back into the settings fragments, top-level key by key
 * (the granularity the import splits settings into): a changed key goes to the one fragment that
 * sets it, a new key to the project's first fragment of its own, a dropped key stays. `hooks` come
 * from hooks components merged by event and cannot be taken back.
 */
export function adoptSettings(ctx: AdoptContext): FileReport {
  const report = emptyReport(ctx.project.name, ctx.output.path);
  const text = dec.decode(ctx.disk);
  let disk: unknown;
  try {
    disk = JSON.parse(text);
  } catch {
    const at = jsonSyntaxError(text);
    ctx.diagnostics.push(error('ADOPT_UNREADABLE', `this file is not valid JSON (${at.message}), so adopt cannot read it back; nothing was adopted`,
      { file: ctx.shown, line: at.line, col: at.col }, 'fix the JSON and adopt again, or run `ccm build --force` to overwrite it'));
    return report;
  }
  if (!isMapping(disk)) {
    ctx.diagnostics.push(error('ADOPT_UNREADABLE', 'this file is not a JSON object, so adopt cannot read it back; nothing was adopted', { file: ctx.shown, line: 1, col: 1 },
      'run `ccm build --force` to overwrite it'));
    return report;
  }
  const rendered = JSON.parse(typeof ctx.output.content === 'string' ? ctx.output.content : dec.decode(ctx.output.content)) as Record<string, unknown>;
  report.dropped = Object.keys(rendered).filter((k) => !(k in disk));
  const fragments = ctx.project.components.settings;
  for (const [key, value] of Object.entries(disk)) {
    if (key in rendered && canonical(rendered[key]) === canonical(value)) continue;
    if (key === 'hooks') {
      const first = ctx.project.components.hook[0];
      ctx.diagnostics.push(error('ADOPT_CONFLICT', `"hooks" in ${ctx.shown} was changed outside ccm; hooks are merged from the project's hooks components by event, so adopt cannot tell which one the change belongs to; nothing was adopted`,
        first ? positionOf(first.file, ['hooks'], true) : { file: ctx.project.file.path, line: 1, col: 1 }, 'put the change into components/hooks/ by hand, or run `ccm build --force` to overwrite the file'));
      continue;
    }
    const setters = fragments.filter((f) => pathIn(f, key) !== undefined);
    if (setters.length > 1) {
      ctx.diagnostics.push(error('ADOPT_CONFLICT', `settings key "${key}" in ${ctx.shown} was changed outside ccm, but it is merged from ${setters.map((f) => f.file.path).join(', ')}, so adopt cannot tell which one the change belongs to; nothing was adopted`,
        positionOf(setters[1]!.file, pathIn(setters[1]!, key)!, true), 'move the key into one fragment, or put the change in by hand and run `ccm build --force`'));
      continue;
    }
    const target = setters[0] ?? fragments.find((f) => ctx.sharing.projectsSelecting(f).length === 1);
    if (!target) {
      ctx.diagnostics.push(error('ADOPT_CONFLICT', `settings key "${key}" was added to ${ctx.shown} outside ccm, but project "${ctx.project.name}" has no settings fragment of its own to take it; nothing was adopted`,
        positionOf(ctx.project.file, ['profiles'], true), 'add a settings fragment that only this project selects, and adopt again'));
      continue;
    }
    const users = ctx.sharing.projectsSelecting(target);
    if (users.length > 1) {
      ctx.diagnostics.push(error('ADOPT_CONFLICT', `settings key "${key}" was changed in ${ctx.shown}, but it comes from ${target.file.path}, which the projects ${users.join(', ')} share; taking the change would change them all, so nothing was adopted`,
        positionOf(target.file, pathIn(target, key) ?? [], true), `move the key into a fragment only project "${ctx.project.name}" selects, or run \`ccm build --force\` to keep the shared value`));
      continue;
    }
    const path = pathIn(target, key) ?? (CCM_ONLY.has(key) ? ['extra', key] : [key]);
    ctx.edits.set(target.file, path, value);
    report.taken.push({ key, into: `${target.file.path}: ${path.join('.')}` });
  }
  return report;
}

/** Where a fragment sets a settings key: at the top level, or under `extra` (for ccm's own names). */
function pathIn(fragment: Component<'settings'>, key: string): string[] | undefined {
  const value = fragment.file.value;
  if (!CCM_ONLY.has(key) && Object.prototype.hasOwnProperty.call(value, key)) return [key];
  const extra = value.extra;
  if (extra && Object.prototype.hasOwnProperty.call(extra, key)) return ['extra', key];
  return undefined;
}

/** JSON with sorted keys: settings equal in value compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (isMapping(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
