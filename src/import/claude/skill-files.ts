import { lstatSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { isLitter } from '../../core/litter.js';
import { error, warning, type Diagnostic } from '../../diagnostics.js';
import { isExecutable } from '../../load/read-tree.js';

/** A regular file of a skill folder, found by {@link skillFolderFiles}. */
export interface SkillFolderFile {
  /** POSIX path relative to the skill folder. */
  rel: string;
  abs: string;
  size: number;
  executable: boolean;
  /** Reached through a symbolic link (the file itself or a folder on the way). */
  linked: boolean;
}

/**
 * Every regular file of a skill folder, sorted, with its execute bit: dot-files and README.md
 * included, as Claude Code gives the skill its whole folder. Symbolic links are followed only while
 * they stay inside the (real) skill folder, so that an import cannot copy a link's target from
 * elsewhere on the machine into the config repo; others, and anything that is not a regular file
 * (a FIFO would block the read), are reported and skipped.
 */
export function skillFolderFiles(folder: string, diagnostics: Diagnostic[], show: (abs: string) => string): SkillFolderFile[] {
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
  } catch {
    return [];
  }
  const out: SkillFolderFile[] = [];
  const walking = new Set<string>([realFolder]);
  const skip = (abs: string, why: string): void => {
    diagnostics.push(warning('IMPORT_SKIPPED', `${why}; it is not imported`, { file: show(abs), line: 1, col: 1 }));
  };

  const visit = (rel: string, linked: boolean): void => {
    const dir = rel ? join(folder, rel) : folder;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (cause) {
      diagnostics.push(error('UNREADABLE_FILE', `cannot read this folder (${(cause as NodeJS.ErrnoException).code ?? String(cause)}); its files are not imported`, { file: show(dir) }));
      return;
    }
    for (const name of entries) {
      if (isLitter(name)) continue;
      const r = rel ? `${rel}/${name}` : name;
      const abs = join(folder, r);
      let info: Stats = lstatSync(abs);
      const link = info.isSymbolicLink();
      if (link) {
        let target: string;
        try {
          target = realpathSync(abs);
        } catch {
          skip(abs, 'symbolic link points to a file that does not exist');
          continue;
        }
        if (target !== realFolder && !target.startsWith(realFolder + sep)) {
          skip(abs, `symbolic link points outside the skill folder (to ${show(target)}), so ccm does not follow it`);
          continue;
        }
        info = lstatSync(target);
        if (info.isDirectory() && walking.has(target)) {
          skip(abs, 'symbolic link points to a folder that contains it');
          continue;
        }
      }
      if (info.isDirectory()) {
        const real = realpathSync(abs);
        walking.add(real);
        visit(r, linked || link);
        walking.delete(real);
      } else if (info.isFile()) {
        out.push({ rel: r, abs, size: info.size, executable: isExecutable(info.mode), linked: linked || link });
      } else skip(abs, 'not a regular file');
    }
  };
  visit('', false);
  return out;
}
