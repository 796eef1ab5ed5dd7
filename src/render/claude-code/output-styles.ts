import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { renderMarkdownFiles, type RenderContext } from './shared.js';

export const OUTPUT_STYLE_TEMPLATE = 'claude-code/output-style.md.hbs';

/**
 * `.claude/output-styles/<name>.md`: the fields (`name` only when given: Claude Code defaults it to
 * the file name) and the body, the style's system prompt.
 */
export function renderOutputStyles(ctx: RenderContext, styles: readonly Component<'output-style'>[]): OutputFile[] {
  return renderMarkdownFiles(ctx, styles, OUTPUT_STYLE_TEMPLATE, '.claude/output-styles');
}
