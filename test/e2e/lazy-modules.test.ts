import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ccmProcess, PROJECT_ROOT, tempDir } from '../helpers/cli.js';
import { smallRepo } from '../helpers/small-repo.js';
import { YAML_LIB_FILE } from '../../src/core/yaml-lib.js';

const PROBE = pathToFileURL(join(PROJECT_ROOT, 'test/fixtures/probes/loaded-modules.mjs')).href;

/**
 * A `ccm build` of the real bundle in its own process, and what it loaded: Node's modules, whether it
 * loaded the yaml library (`yaml`) and whether it did so from the package's own modules (`yamlPackage`)
 * rather than from the one file the build bundles it into.
 */
function buildLoading(config: string): { builtins: string[]; yaml: boolean; yamlPackage: boolean } {
  const report = join(tempDir(), 'loaded.json');
  const run = ccmProcess(['build'], { cwd: config, env: { NODE_OPTIONS: `--import=${PROBE}`, CCM_TEST_LOADED: report } });
  expect(run.code, run.stderr).toBe(0);
  const loaded = JSON.parse(readFileSync(report, 'utf8')) as { builtins: string[]; files: string[] };
  const yamlPackage = loaded.files.some((f) => f.includes(`${sep}node_modules${sep}yaml${sep}`));
  return { builtins: loaded.builtins, yaml: yamlPackage || loaded.files.includes(join(PROJECT_ROOT, 'dist', YAML_LIB_FILE)), yamlPackage };
}

/**
 * smallRepo without warnings (a diagnostic's position is worked out from the YAML, so a repo that
 * warns loads the library on every build), built twice by the real bundle: the second build left
 * its no-op stamp.
 */
async function builtRepo(): Promise<{ config: string; app: string }> {
  const repo = await smallRepo({ warns: false });
  for (let i = 0; i < 2; i++) expect(ccmProcess(['build'], { cwd: repo.config }).code).toBe(0);
  return repo;
}

describe('what a short build never loads', () => {
  it('a no-op build loads neither node:crypto, node:child_process, perf_hooks nor the yaml library', async () => {
    const { config } = await builtRepo();
    const loaded = buildLoading(config);
    expect(loaded.builtins).not.toContain('crypto');
    expect(loaded.builtins).not.toContain('child_process');
    expect(loaded.builtins).not.toContain('perf_hooks');
    expect(loaded.yaml).toBe(false);
  });

  it('a body edit is built without node:child_process or the yaml library; a YAML edit loads yaml', async () => {
    const { config, app } = await builtRepo();
    appendFileSync(join(config, 'components/subagents/helper.md'), 'Carefully.\n');
    const body = buildLoading(config);
    expect(readFileSync(join(app, '.claude/agents/helper.md'), 'utf8')).toContain('Carefully.');
    expect(body.builtins).not.toContain('child_process');
    expect(body.yaml).toBe(false);
    // The probe does see the library when a file has to be parsed.
    writeFileSync(join(config, 'components/subagents/helper.yaml'), 'description: Helps a lot\n');
    const edit = buildLoading(config);
    expect(readFileSync(join(app, '.claude/agents/helper.md'), 'utf8')).toContain('Helps a lot');
    expect(edit.yaml).toBe(true);
    // From the bundled file, not the package's 74 modules.
    expect(edit.yamlPackage).toBe(false);
  });
});
