import type { Diagnostic } from '../../diagnostics.js';
import type { ResolvedBackend, ResolvedProject } from '../../resolve/types.js';
import type { TemplateEngine } from '../engine.js';
import type { JsonFilePatch, OutputFile, SecretLookup, SpecMetadataPatch } from '../types.js';
import { renderEnvFile } from './env-file.js';
import { renderAllowlist, sharedJsonPatches } from './project-files.js';
import type { RenderMemo } from '../memo.js';
import { renderPrompt } from './prompts.js';
import { modelProfilePatch } from './spec-patch.js';

export { ENV_PATH, ENV_TEMPLATE } from './env-file.js';
export { PROMPT_TEMPLATE } from './prompts.js';
export { formatEnvJson, formatEnvValue } from './dotenv.js';

/**
 * The Auto-Claude render stage for one project: `.auto-claude/.env` (MCP toggles, per-agent MCP
 * membership, custom MCP servers, integrations, other keys; decrypted secrets mark it `secret`)
 * `.auto-claude-allowlist`, the model profile as a patch for the spec folders' `task_metadata.json`
 * and the GitHub/GitLab runner settings as patches of their config.json. Pure and deterministic;
 * returns nothing when the project does not target Auto-Claude.
 */
export function renderAutoClaudeProject(
  project: ResolvedProject,
  engine: TemplateEngine,
  secrets?: SecretLookup,
): { files: OutputFile[]; specPatch?: SpecMetadataPatch; filePatches: JsonFilePatch[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!project.targets.autoClaude) return { files: [], filePatches: [], diagnostics };
  const files: OutputFile[] = [];
  const env = renderEnvFile(project, engine, secrets, diagnostics);
  if (env) files.push(env);
  const allowlist = renderAllowlist(project, engine, diagnostics);
  if (allowlist) files.push(allowlist);
  const filePatches = sharedJsonPatches(project, secrets, diagnostics);
  const specPatch = modelProfilePatch(project);
  return specPatch ? { files, specPatch, filePatches, diagnostics } : { files, filePatches, diagnostics };
}

/** Every prompt of the repo into the backend installation's `prompts/` folder, in name order. */
export function renderBackend(backend: ResolvedBackend, engine: TemplateEngine, memo?: RenderMemo): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files: OutputFile[] = [];
  for (const prompt of backend.prompts) {
    const file = renderPrompt(prompt, engine, diagnostics, memo);
    if (file) files.push(file);
  }
  return { files, diagnostics };
}
