import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { bodyText, componentSources, frontmatterOf, renderFile, verbatimFile, type RenderContext } from './shared.js';

export const RULE_TEMPLATE = 'claude-code/rule.md.hbs';

/**
 * `.claude/rules/<path>.md` (subfolders kept): a memory file; `paths` (and any other field) as frontmatter, and a
 * plain Markdown file without a `---` block when there are no fields (the rule then always loads).
 */
export function renderRules(ctx: RenderContext, rules: readonly Component[]): OutputFile[] {
  const files: OutputFile[] = [];
  for (const rule of rules) {
    const frontmatter = frontmatterOf(rule);
    const data = { name: rule.name, frontmatter, hasFrontmatter: Object.keys(frontmatter).length > 0, body: bodyText(rule) };
    const path = `.claude/rules/${rule.name}.md`;
    const file = verbatimFile(ctx, RULE_TEMPLATE, path, rule) ?? renderFile(ctx, RULE_TEMPLATE, path, data, componentSources(rule));
    if (file) files.push(file);
  }
  return files;
}
