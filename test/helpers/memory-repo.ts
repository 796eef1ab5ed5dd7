import { assembleRepo } from '../../src/load/assemble.js';
import type { ConfigRepo } from '../../src/load/model.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { validateRepo } from '../../src/validate/validate.js';

/**
 * Builds a config repo model from an in-memory file tree, through the same pure stages `ccm` uses
 * (assemble + validate), for unit tests of the later stages. `ccm.config.yaml` defaults to `version: 1`.
 */
export function memoryRepo(files: Record<string, string | Uint8Array>, root = '/repo'): { repo: ConfigRepo; diagnostics: Diagnostic[] } {
  const enc = new TextEncoder();
  const raw = Object.entries(files)
    .filter(([path]) => path !== 'ccm.config.yaml')
    .map(([path, content]) => ({ path, bytes: typeof content === 'string' ? enc.encode(content) : content }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const config = files['ccm.config.yaml'] ?? 'version: 1\n';
  const { repo, diagnostics } = assembleRepo(root, { path: 'ccm.config.yaml', bytes: typeof config === 'string' ? enc.encode(config) : config }, raw);
  return { repo, diagnostics: [...diagnostics, ...validateRepo(repo)] };
}
