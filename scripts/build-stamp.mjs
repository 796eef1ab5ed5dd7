// What `npm run build` compiled from: one hash of every file it reads (src/, schemas/, templates/,
// the build scripts, package.json, tsconfig). bundle.mjs, the build's last step, writes it into
// dist/; the test setup (test/helpers/global-setup.ts) compares it and builds again only when a
// source changed, so the tests never run an outdated dist/ and never rebuild one that is current.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const INPUTS = ['src', 'schemas', 'templates', 'scripts', 'bin', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** `root`: a checkout of ccm (this one unless a test names another). */
export function sourceHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const abs = path.join(root, input);
    if (!existsSync(abs)) continue;
    const files = input.includes('.') ? [input] : readdirSync(abs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
    for (const file of files.sort()) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

export function isBuildCurrent() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sourceHash();
}

export function writeBuildStamp() {
  writeFileSync(STAMP, sourceHash());
}
