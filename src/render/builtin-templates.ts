import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { builtFile } from '../built-files.js';
import { TEMPLATES_DIR } from '../paths.js';

export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** The module scripts/precompile-templates.mjs writes at `npm run build`. */
export const PRECOMPILED_TEMPLATES_FILE = 'render/templates.cjs';
/** The Handlebars compiler in one file, which scripts/bundle.mjs writes at `npm run build`. */
export const HANDLEBARS_COMPILER_FILE = 'render/handlebars-compiler.cjs';

export interface BuiltinTemplates {
  /** Paths below templates/ (`claude-code/agent.md.hbs`, …), sorted. */
  names: readonly string[];
  /**
   * Each template compiled at package build, for the Handlebars runtime; undefined when running
   * from src/ (tests), where the engine compiles templates/ itself.
   */
  specs: ReadonlyMap<string, TemplateSpec> | undefined;
}

let builtins: BuiltinTemplates | undefined;

/** The package's built-in templates, found once per process. */
export function builtinTemplates(): BuiltinTemplates {
  builtins ??= loadPrecompiled() ?? { names: listTemplatesDir(), specs: undefined };
  return builtins;
}

function loadPrecompiled(): BuiltinTemplates | undefined {
  const file = builtFile(PRECOMPILED_TEMPLATES_FILE);
  if (!file) return undefined;
  const { templates } = createRequire(import.meta.url)(file) as { templates: Record<string, TemplateSpec> };
  const specs = new Map(Object.entries(templates));
  return { names: [...specs.keys()].sort(), specs };
}

/** The `.hbs` files below templates/, as the precompile script lists them too. */
export function listTemplatesDir(): string[] {
  return readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.hbs'))
    .map((p) => p.split('\\').join('/'))
    .sort();
}

const texts = new Map<string, string>();

/** A built-in template's text: compiled from when running from src/, quoted by errors either way. */
export function builtinText(name: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(join(TEMPLATES_DIR, name), 'utf8');
    texts.set(name, text);
  }
  return text;
}
