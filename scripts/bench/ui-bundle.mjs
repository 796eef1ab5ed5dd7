// The size of `ccm ui`'s client as built into dist/client/ (issue #12: < 500 KB gzip): every asset
// gzipped at level 9, as a server or a proxy would send it, and what the first page load fetches
// (index.html, the entry script and CSS; the editor's CodeMirror chunk loads on an editor page only).
// `npm run bench` prints it; `node scripts/bench/ui-bundle.mjs` prints it alone after `npm run build`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const LIMIT_KB = 500;

export function clientBundle(dir = join(root, 'dist/client')) {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => {
    const path = join(e.parentPath ?? e.path, e.name);
    const bytes = readFileSync(path);
    return { file: path.slice(dir.length + 1), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  }).sort((a, b) => b.gzipBytes - a.gzipBytes);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entry = new Set(['index.html', ...[...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1])]);
  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  const gzipKB = Number((sum(files, 'gzipBytes') / 1024).toFixed(1));
  return {
    files,
    bytes: sum(files, 'bytes'),
    gzipKB,
    firstLoadGzipKB: Number((sum(files.filter((f) => entry.has(f.file)), 'gzipBytes') / 1024).toFixed(1)),
    limitKB: LIMIT_KB,
    met: gzipKB < LIMIT_KB,
  };
}

export function renderBundle(b) {
  if (!b) return 'ui client bundle: dist/client/ is not built (npm run build)';
  return `ui client bundle: ${b.gzipKB} KB gzip in ${b.files.length} files (first page load ${b.firstLoadGzipKB} KB), target < ${b.limitKB} KB: ${b.met ? 'met' : 'NOT met'}\n`
    + b.files.map((f) => `  ${f.file}  ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzipBytes / 1024).toFixed(1)} KB gzip`).join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(renderBundle(clientBundle()));
