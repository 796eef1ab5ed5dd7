import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { TemplateBody, componentSources, frontmatterOf, renderFile, verbatimFile, type RenderContext } from './shared.js';

export const COMMAND_TEMPLATE = 'claude-code/command.md.hbs';

/**
 * `.claude/commands/<ns>/<name>.md`: the YAML fields as frontmatter (no `---` block when there are
 * none) and the body as written; `$ARGUMENTS`, `!`cmd`` and `@file` reach Claude Code untouched.
 */
export function renderCommands(ctx: RenderContext, commands: readonly Component<'command'>[]): OutputFile[] {
  const files: OutputFile[] = [];
  for (const command of commands) {
    const frontmatter = frontmatterOf(command);
    const hasFrontmatter = Object.keys(frontmatter).length > 0;
    const data = { name: command.name, frontmatter, hasFrontmatter, body: new TemplateBody(command) };
    const path = `.claude/commands/${command.name}.md`;
    const file = verbatimFile(ctx, COMMAND_TEMPLATE, path, command) ?? renderFile(ctx, COMMAND_TEMPLATE, path, data, componentSources(command));
    if (file) files.push(file);
  }
  return files;
}
