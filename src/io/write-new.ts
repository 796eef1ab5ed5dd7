import { mkdir, open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Creates files that must not exist yet (`wx`), all or nothing: if one cannot be created, the
 * ones created so far are removed again, so a failed scaffold leaves the folder as it was.
 */
export async function writeNewFiles(root: string, files: readonly { path: string; content: string }[]): Promise<void> {
  const created: string[] = [];
  try {
    for (const f of files) {
      const abs = join(root, f.path);
      await mkdir(dirname(abs), { recursive: true });
      const handle = await open(abs, 'wx');
      created.push(abs);
      try {
        await handle.writeFile(f.content, 'utf8');
      } finally {
        await handle.close();
      }
    }
  } catch (err) {
    await Promise.all(created.map((p) => rm(p, { force: true })));
    throw err;
  }
}
