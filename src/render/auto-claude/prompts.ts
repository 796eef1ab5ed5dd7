import { error, type Diagnostic } from '../../diagnostics.js';
import type { Component } from '../../load/model.js';
import type { TemplateEngine } from '../engine.js';
import { memoized, type RenderMemo } from '../memo.js';
import type { OutputFile } from '../types.js';

export const PROMPT_TEMPLATE = 'auto-claude/prompt.md.hbs';

/**
 * `prompts/<name>.md` in the backend for one prompt component (subfolders kept). The body reaches
 * the file byte for byte: no line-ending or final-newline normalisation, so the runtime's own
 * `{{BASE_BRANCH}}` and injection markers survive. Only with `template: true` is the body first
 * rendered with Handlebars (context `{ vars: {}, prompt: { name } }`). Either way the text goes
 * through templates/auto-claude/prompt.md.hbs, whose built-in form is exactly `{{{body}}}`.
 */
export function renderPrompt(prompt: Component<'auto-claude-prompt'>, engine: TemplateEngine, diagnostics: Diagnostic[], memo?: RenderMemo): OutputFile | undefined {
  const mdPath = prompt.file.path.replace(/\.ya?ml$/, '.md');
  if (!prompt.body) {
    diagnostics.push(error('MISSING_CONFIG', `Auto-Claude prompt "${prompt.name}" has no Markdown body`, { file: prompt.file.path, line: 1, col: 1 },
      `add ${mdPath} with the prompt text; the backend loads prompts/${prompt.name}.md`));
    return undefined;
  }
  let body: string | undefined = prompt.body.text;
  if (prompt.file.value.template === true) {
    body = engine.renderText(prompt.body, { vars: {}, prompt: { name: prompt.name } }, diagnostics);
    if (body === undefined) return undefined;
  }
  const context = { body, prompt: { name: prompt.name } };
  const file = { template: PROMPT_TEMPLATE, path: `prompts/${prompt.name}.md`, context, sources: [prompt.file.path, prompt.body.path, engine.sourceOf(PROMPT_TEMPLATE)] };
  return memoized(memo, file, diagnostics, (found) => engine.render(PROMPT_TEMPLATE, context, found));
}
