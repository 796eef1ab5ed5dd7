import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CcmError } from '../../errors.js';
import { writeNewFiles } from '../../io/write-new.js';
import { SCHEMAS_DIR } from '../../paths.js';
import { initFiles } from '../../scaffold/init-files.js';
import type { CommandImpl } from './index.js';

export const init: CommandImpl = async (ctx, args) => {
  const target = resolve(ctx.options.cwd, typeof args[0] === 'string' ? args[0] : '.');
  const files = initFiles(target, SCHEMAS_DIR);
  const existing = files.filter((f) => existsSync(resolve(target, f.path))).map((f) => f.path);
  if (existing.length > 0) {
    throw new CcmError('INIT_TARGET_NOT_EMPTY', `${target} already has ${existing.join(', ')}; ccm init never overwrites files`, {
      hint: 'run it in an empty folder, or move those files away first',
    });
  }
  await writeNewFiles(target, files);
  ctx.print(`Created a ccm config repo in ${target} (${files.length} files).`);
  ctx.print('Next: add a project in projects/<name>.yaml, then run `ccm validate` and `ccm build`.');
  return { data: { root: target, files: files.map((f) => f.path) } };
};
