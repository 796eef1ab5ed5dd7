import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { componentSources, normalizeBody, renderFile, templateContext, type RenderContext } from './shared.js';

export const CLAUDE_MD_TEMPLATE = 'claude-code/CLAUDE.md.hbs';

/**
 * `CLAUDE.md`: the selected sections by `order` (default 100), then name, separated by one blank
 * line. A section with `template: true` is rendered with the project's variables; any other is
 * literal. When a section fails to render, the file is left out (the TEMPLATE_ERROR says why).
 */
export function renderClaudeMd(ctx: RenderContext): OutputFile | undefined {
  const sections = [...ctx.project.components['claude-md']].sort((a, b) => orderOf(a) - orderOf(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sections.length === 0) return undefined;
  const rendered: { name: string; text: string }[] = [];
  let failed = false;
  for (const section of sections) {
    const raw = normalizeBody(section.body?.text ?? '');
    let text: string | undefined = raw;
    if (section.file.value['template'] === true) {
      text = ctx.engine.renderText({ path: section.body?.path ?? section.file.path, text: raw }, templateContext(ctx.project, {}), ctx.diagnostics);
    }
    if (text === undefined) {
      failed = true;
      continue;
    }
    // One blank line between sections, whatever blank lines a body starts or ends with.
    text = normalizeBody(text).replace(/^([ \t]*\n)+/, '');
    if (text.trim() !== '') rendered.push({ name: section.name, text });
  }
  if (failed || rendered.length === 0) return undefined;
  return renderFile(ctx, CLAUDE_MD_TEMPLATE, 'CLAUDE.md', { sections: rendered }, sections.flatMap(componentSources));
}

function orderOf(c: Component): number {
  const order = c.file.value['order'];
  return typeof order === 'number' && Number.isFinite(order) ? order : 100;
}
