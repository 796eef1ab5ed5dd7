import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { renderMarkdownFiles, type RenderContext } from './shared.js';

export const RULE_TEMPLATE = 'claude-code/rule.md.hbs';

/**
 * `.claude/rules/<path>.md` (subfolders kept): a memory file, `paths` as frontmatter; without fields a
 * plain Markdown file, which Claude Code then always loads.
 */
export function renderRules(ctx: RenderContext, rules: readonly Component<'rule'>[]): OutputFile[] {
  return renderMarkdownFiles(ctx, rules, RULE_TEMPLATE, '.claude/rules');
}
