import { error, type Diagnostic } from '../diagnostics.js';
import type { Component, ConfigRepo } from '../load/model.js';
import { positionOf } from '../load/yaml-file.js';
import type { ResolvedProject } from './types.js';

/** The name `outputStyle` chooses a style by: its `name`, else its file name. */
export function outputStyleName(style: Component<'output-style'>): string {
  return style.file.value.name ?? style.name;
}

/**
 * `outputStyle` naming a style of this repo is only met when the project selects that style too:
 * otherwise the project's `.claude/output-styles/` lacks it and Claude Code falls back to the
 * default style without a word. Names the repo does not define are validate's business.
 */
export function outputStyleDiagnostics(repo: ConfigRepo, project: ResolvedProject): Diagnostic[] {
  if (!project.targets.claudeCode) return [];
  const out: Diagnostic[] = [];
  const selected = new Set(project.components['output-style'].map(outputStyleName));
  for (const fragment of project.components.settings) {
    const style = fragment.file.value.outputStyle;
    if (style === undefined || selected.has(style)) continue;
    const defining = [...repo.components['output-style'].values()].find((c) => outputStyleName(c) === style);
    if (!defining) continue;
    const profiles = project.profiles.length ? ` or one of its profiles (${project.profiles.join(', ')})` : '';
    out.push(error('OUTPUT_STYLE_NOT_SELECTED',
      `settings choose output style "${style}", which ${defining.file.path} defines, but project "${project.name}" does not select it, so Claude Code would not find it`,
      positionOf(fragment.file, ['outputStyle']),
      `add "${defining.name}" to components.output-styles in ${project.file.path}${profiles}`));
  }
  return out;
}
