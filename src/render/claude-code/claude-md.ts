import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { normalizeBody } from '../body-slot.js';
import { componentSources, renderFile, templateContext, type RenderContext } from './shared.js';

export const CLAUDE_MD_TEMPLATE = 'claude-code/CLAUDE.md.hbs';

/**
 * `CLAUDE.md` of the project root, and `<directory>/CLAUDE.md` for sections with a `directory`
 * (validate keeps it inside the project): per file, the sections by `order` (default 100), then
 * name, separated by one blank line. A section with `template: true` is rendered with the
 * project's variables; any other is literal. When a section fails to render, its file is left out
 * (the TEMPLATE_ERROR says why); the other files are still written.
 */
export function renderClaudeMd(ctx: RenderContext): OutputFile[] {
  const byDirectory = new Map<string, Component<'claude-md'>[]>();
  for (const section of ctx.project.components['claude-md']) {
    const dir = directoryOf(section);
    byDirectory.set(dir, [...(byDirectory.get(dir) ?? []), section]);
  }
  const files: OutputFile[] = [];
  for (const dir of [...byDirectory.keys()].sort()) {
    const file = renderOne(ctx, dir === '' ? 'CLAUDE.md' : `${dir}/CLAUDE.md`, byDirectory.get(dir)!);
    if (file) files.push(file);
  }
  return files;
}

function renderOne(ctx: RenderContext, path: string, selected: readonly Component<'claude-md'>[]): OutputFile | undefined {
  const sections = [...selected].sort((a, b) => orderOf(a) - orderOf(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rendered: { name: string; text: string }[] = [];
  let failed = false;
  for (const section of sections) {
    const raw = normalizeBody(section.body?.text ?? '');
    let text: string | undefined = raw;
    if (section.file.value.template === true) {
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
  return renderFile(ctx, CLAUDE_MD_TEMPLATE, path, { sections: rendered, directory: path === 'CLAUDE.md' ? '' : path.slice(0, -'/CLAUDE.md'.length) }, sections.flatMap(componentSources));
}

/** The section's directory inside the project; '' for the root. */
function directoryOf(c: Component<'claude-md'>): string {
  return c.file.value.directory ?? '';
}

function orderOf(c: Component<'claude-md'>): number {
  return c.file.value.order ?? 100;
}
