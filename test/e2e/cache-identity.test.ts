import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ccmProcess, tempDir, tempTree } from '../helpers/cli.js';

/**
 * The identity a bundle stamps on its `.ccm/cache/` files (src/cache/store.ts) is the hash of the
 * sources it was built from (scripts/build-stamp.mjs, put in by scripts/bundle.mjs). cache.test.ts
 * proves a cache of another identity is ignored; this proves that another build of ccm has another
 * identity, so its cache is never taken for this one's.
 */

const checkout = fileURLToPath(new URL('../..', import.meta.url));
const { sourceHash } = (await import(join(checkout, 'scripts/build-stamp.mjs'))) as { sourceHash: (root?: string) => string };

function put(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A checkout in miniature: a file of each input the build reads, and some it does not. */
function miniCheckout(): string {
  const root = tempDir();
  put(root, 'package.json', '{"name":"ccm","version":"0.1.0"}\n');
  put(root, 'src/render/engine.ts', 'export const engine = 1;\n');
  put(root, 'schemas/subagent.schema.json', '{"type":"object"}\n');
  put(root, 'templates/claude-code/agent.md.hbs', '{{body}}\n');
  put(root, 'README.md', '# ccm\n');
  put(root, 'node_modules/x/index.js', 'module.exports = 1;\n');
  return root;
}

describe('cache identity of a build of ccm', () => {
  it('changes with any source, schema or template, and with nothing else', () => {
    const root = miniCheckout();
    const before = sourceHash(root);
    expect(sourceHash(root)).toBe(before);
    put(root, 'README.md', '# ccm, edited\n');
    put(root, 'node_modules/x/index.js', 'module.exports = 2;\n');
    expect(sourceHash(root)).toBe(before);
    const seen = new Set([before]);
    for (const [path, text] of [
      ['src/render/engine.ts', 'export const engine = 2;\n'],
      ['schemas/subagent.schema.json', '{"type":"object","required":["description"]}\n'],
      ['templates/claude-code/agent.md.hbs', '{{{body}}}\n'],
      ['src/render/new-module.ts', 'export {};\n'],
      ['package.json', '{"name":"ccm","version":"0.1.1"}\n'],
    ] as const) {
      put(root, path, text);
      const next = sourceHash(root);
      expect(seen.has(next), `${path} changed, the identity did not`).toBe(false);
      seen.add(next);
    }
  });

  it('is what the bundle under test stamps on the caches it writes: the hash of this checkout', () => {
    const work = tempDir();
    const config = join(work, 'config');
    tempTree({
      'ccm.config.yaml': 'version: 1\n',
      'components/subagents/rev.yaml': 'description: reviews one\n',
      'components/subagents/rev.md': 'You review.\n',
      'projects/app.yaml': 'path: ../out\ncomponents:\n  subagents: [rev]\ntargets: [claude-code]\n',
    }, config);
    const run = ccmProcess(['build', '--cwd', config]);
    expect(run.code, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(config, '.ccm/cache/parse.json'), 'utf8')) as { identity: string };
    expect(written.identity).toBe(sourceHash().slice(0, 32));
  });
});
