import { error } from '../../diagnostics.js';
import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { TemplateBody, componentSources, frontmatterOf, renderFile, verbatimFile, type RenderContext } from './shared.js';

export const SKILL_TEMPLATE = 'claude-code/skill.md.hbs';

/** `.claude/skills/<dir>/SKILL.md` (frontmatter `name` first) and every supporting file, byte for byte and with its executable bit. */
export function renderSkills(ctx: RenderContext, skills: readonly Component<'skill'>[]): OutputFile[] {
  const files: OutputFile[] = [];
  for (const skill of skills) {
    const dir = `.claude/skills/${skill.name}`;
    const name = skill.file.value.name ?? skill.name;
    const data = { name, frontmatter: frontmatterOf(skill, name), body: new TemplateBody(skill) };
    const file = verbatimFile(ctx, SKILL_TEMPLATE, `${dir}/SKILL.md`, skill) ?? renderFile(ctx, SKILL_TEMPLATE, `${dir}/SKILL.md`, data, componentSources(skill));
    if (file) files.push(file);
    const supporting = [...(skill.files ?? [])].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
    for (const { relPath, file: raw } of supporting) {
      if (!isSafeRelPath(relPath)) {
        ctx.diagnostics.push(error('OUTPUT_PATH_ESCAPES', `supporting file "${relPath}" of skill "${skill.name}" would be written outside ${dir}/`, { file: raw.path },
          'keep supporting files inside the skill folder'));
        continue;
      }
      files.push({ path: `${dir}/${relPath}`, content: raw.bytes, sources: [raw.path], ...(raw.executable ? { executable: true as const } : {}) });
    }
  }
  return files;
}

function isSafeRelPath(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}
