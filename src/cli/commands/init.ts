import { lstatSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { CONFIG_FILE } from '../../core/kinds.js';
import { CcmError } from '../../errors.js';
import { writeNewFiles } from '../../io/write-new.js';
import { SCHEMAS_DIR } from '../../paths.js';
import { initFiles } from '../../scaffold/init-files.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { INIT } from './index.js';

export interface InitData {
  root: string;
  /** Paths of the files created, relative to root. */
  files: string[];
}

export const init: CommandImpl<InputOf<typeof INIT>, InitData> = async (ctx, { dir, defaults }) => {
  const target = resolve(ctx.options.cwd, dir);
  const files = initFiles(target, SCHEMAS_DIR, { defaults });
  // A file where a folder must go would make the write fail half-way (and read as a ccm bug).
  const folders = new Set(files.flatMap((f) => ancestors(target, resolve(target, f.path))));
  const blocked = [...folders].filter((dir) => statOrUndefined(dir, statSync)?.isDirectory() === false);
  if (blocked.length > 0) {
    const where = blocked.includes(target) ? `${target} is a file` : `in ${target}, ${listSome(blocked.map((dir) => relative(target, dir)), 5)} ${blocked.length === 1 ? 'is a file' : 'are files'}`;
    throw new CcmError('INIT_TARGET_NOT_EMPTY', `${where}, but ccm init needs a folder there`, {
      hint: 'move it away, or run `ccm init <another folder>`',
    });
  }
  // lstat, so that a dangling symlink counts as existing: `wx` would refuse to write through it.
  const existing = files.filter((f) => statOrUndefined(resolve(target, f.path), lstatSync) !== undefined).map((f) => f.path);
  if (existing.length > 0) {
    // A second `ccm init` would list every scaffold file; name the config file, or the first few.
    const shown = existing.includes(CONFIG_FILE) ? `${CONFIG_FILE} (it is a ccm config repo already)` : listSome(existing, 5);
    throw new CcmError('INIT_TARGET_NOT_EMPTY', `${target} already has ${shown}; ccm init never overwrites files`, {
      hint: existing.includes(CONFIG_FILE) ? 'edit the existing config repo, or run `ccm init <new folder>`' : 'run it in an empty folder, or move those files away first',
    });
  }
  try {
    await writeNewFiles(target, files);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (!code) throw cause;
    throw new CcmError('IO', `cannot create the config repo in ${target}: ${(cause as Error).message}`, { hint: 'check that you may write to that folder', cause });
  }
  ctx.print(`Created a ccm config repo in ${target} (${files.length} files).`);
  ctx.print(
    defaults
      ? 'Next: point projects/my-app.yaml at your project, import prompts with `ccm import auto-claude <backend>`, then `ccm build`.'
      : 'Next: add components (README.md shows where each kind goes), select them in profiles/base.yaml, add a project in projects/<name>.yaml, then run `ccm validate` and `ccm build`.',
  );
  return { data: { root: target, files: files.map((f) => f.path) } };
};

function listSome(items: readonly string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `dir` and every folder between it and `file`. */
function ancestors(dir: string, file: string): string[] {
  const out: string[] = [];
  for (let d = dirname(file); d.length >= dir.length; d = dirname(d)) {
    out.push(d);
    if (d === dir || d === dirname(d)) break;
  }
  return out;
}

function statOrUndefined<T>(path: string, stat: (p: string) => T): T | undefined {
  try {
    return stat(path);
  } catch {
    return undefined;
  }
}
