import type { Diagnostic } from '../../diagnostics.js';
import type { ResolvedProject } from '../../resolve/types.js';
import type { TemplateEngine } from '../engine.js';
import type { RenderMemo } from '../memo.js';
import type { OutputFile } from '../types.js';
import { renderAgents } from './agents.js';
import { renderClaudeMd } from './claude-md.js';
import { renderCommands } from './commands.js';
import { renderMcp } from './mcp.js';
import { renderOutputStyles } from './output-styles.js';
import { renderRules } from './rules.js';
import { renderSettings } from './settings.js';
import type { RenderContext } from './shared.js';
import { renderSkills } from './skills.js';

export { SETTINGS_SCHEMA_URL } from './settings.js';

/**
 * The Claude Code render stage for one project: `.claude/agents`, `.claude/commands`,
 * `.claude/skills`, `.claude/output-styles`, `.claude/rules`, `.claude/settings.json`, `.mcp.json`,
 * `CLAUDE.md` and `<directory>/CLAUDE.md`, each through its template
 * in templates/claude-code/ (a repo's templates/ overrides it). Pure and deterministic; returns no
 * files when the project does not target Claude Code. Never writes `settings.local.json`.
 */
export function renderClaudeCode(project: ResolvedProject, engine: TemplateEngine, memo?: RenderMemo): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!project.targets.claudeCode) return { files: [], diagnostics };
  const ctx: RenderContext = { project, engine, diagnostics, ...(memo ? { memo } : {}) };
  const files: OutputFile[] = [
    ...renderAgents(ctx, project.components.subagent),
    ...renderCommands(ctx, project.components.command),
    ...renderSkills(ctx, project.components.skill),
    ...renderOutputStyles(ctx, project.components['output-style']),
    ...renderRules(ctx, project.components.rule),
  ];
  for (const file of [renderSettings(ctx), renderMcp(ctx)]) if (file) files.push(file);
  files.push(...renderClaudeMd(ctx));
  return { files, diagnostics };
}
