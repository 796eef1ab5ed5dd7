import { KIND_INFO } from '../core/kinds.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { directoryProblem, globProblem } from '../core/project-paths.js';
import type { ConfigRepo } from '../load/model.js';
import { positionOf, type YamlFile } from '../load/yaml-file.js';

/**
 * Checks of the Markdown kinds Claude Code reads as instructions that the schemas cannot state:
 * an output style is its body, so it needs one; the `paths` globs of a rule, skill or command and a CLAUDE.md section's directory
 * name places inside the project, so they must not leave it.
 */
export function instructionFileDiagnostics(repo: ConfigRepo, usable: (file: YamlFile) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of repo.components['output-style'].values()) {
    const mdPath = c.file.path.replace(/\.ya?ml$/, '.md');
    if (!c.body) {
      out.push(error('MISSING_BODY', `output style "${c.name}" has no body: ${mdPath} is missing`, { file: c.file.path, line: 1, col: 1 },
        `write the style's instructions (its system prompt) into ${mdPath}`));
    } else if (c.body.text.trim() === '') {
      out.push(error('MISSING_BODY', `output style "${c.name}" has an empty body; the body is the style's system prompt`, { file: c.body.path, line: 1, col: 1 },
        'write the instructions of the style into this file, or delete the style'));
    }
  }
  // Skills and commands take the same `paths` globs as rules (they load only for matching files).
  for (const c of (['rule', 'skill', 'command'] as const).flatMap((k) => [...repo.components[k].values()])) {
    if (!usable(c.file)) continue;
    const paths = c.file.value['paths'];
    const globs: [string, (string | number)[]][] = typeof paths === 'string' ? [[paths, ['paths']]]
      : Array.isArray(paths) ? paths.flatMap((g, i) => (typeof g === 'string' ? [[g, ['paths', i]] as [string, (string | number)[]]] : [])) : [];
    for (const [glob, path] of globs) {
      const problem = globProblem(glob);
      if (problem) {
        out.push(error('INVALID_GLOB', `${KIND_INFO[c.kind].noun} "${c.name}": the glob ${JSON.stringify(glob)} ${problem}`, positionOf(c.file, path),
          'write a glob relative to the project root, such as src/**/*.ts or docs/*.md'));
      }
    }
  }
  for (const c of repo.components['claude-md'].values()) {
    if (!usable(c.file)) continue;
    const dir = c.file.value.directory;
    if (dir === undefined) continue;
    const problem = directoryProblem(dir);
    if (problem) {
      out.push(error('INVALID_DIRECTORY', `CLAUDE.md section "${c.name}": directory ${JSON.stringify(dir)} ${problem}`, positionOf(c.file, ['directory']),
        'name a subdirectory of the project, relative to it, such as packages/api; leave `directory` out for the root CLAUDE.md'));
    }
  }
  return out;
}
