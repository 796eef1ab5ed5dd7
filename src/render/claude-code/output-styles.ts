import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { bodyText, componentSources, frontmatterOf, renderFile, verbatimFile, type RenderContext } from './shared.js';

export const OUTPUT_STYLE_TEMPLATE = 'claude-code/output-style.md.hbs';

/**
 * `.claude/output-styles/<name>.md`: the YAML fields as frontmatter in the order written (`name`
 * only when given: Claude Code defaults it to the file name) and the body, the style's system prompt.
 */
export function renderOutputStyles(ctx: RenderContext, styles: readonly Component[]): OutputFile[] {
  const files: OutputFile[] = [];
  for (const style of styles) {
    const frontmatter = frontmatterOf(style);
    const data = { name: style.name, frontmatter, hasFrontmatter: Object.keys(frontmatter).length > 0, body: bodyText(style) };
    const path = `.claude/output-styles/${style.name}.md`;
    const file = verbatimFile(ctx, OUTPUT_STYLE_TEMPLATE, path, style) ?? renderFile(ctx, OUTPUT_STYLE_TEMPLATE, path, data, componentSources(style));
    if (file) files.push(file);
  }
  return files;
}
