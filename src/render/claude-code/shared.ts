import { lenientFrontmatter, parseFrontmatterYaml, splitFrontmatter } from '../../core/frontmatter.js';
import { frontmatterKeys } from '../../core/frontmatter-keys.js';
import { warning, type Diagnostic } from '../../diagnostics.js';
import { positionOf } from '../../load/yaml-file.js';
import type { Component } from '../../load/model.js';
import type { McpServer } from '../../generated/index.js';
import type { ResolvedProject } from '../../resolve/types.js';
import type { TemplateEngine } from '../engine.js';
import { finalizeText } from '../final-text.js';
import { BODY_SENTINEL, normalizeBody, offerBodySlot, slotFromRender } from '../body-slot.js';
import { memoized, type RenderMemo } from '../memo.js';
import type { OutputFile } from '../types.js';

import { isMapping, secretName, type Obj } from '../../core/values.js';

export { isMapping, secretName, type Obj };

/** Everything a Claude Code output module needs besides its components. */
export interface RenderContext {
  project: ResolvedProject;
  engine: TemplateEngine;
  diagnostics: Diagnostic[];
  /** Renders this machine did before (an incremental build); absent: everything renders. */
  memo?: RenderMemo;
}

/** Sets a key as an own data property, so that a YAML key `__proto__` stays a plain key. */
export function setKey(target: Obj, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}


/** A map of strings or secret references with every secret written as `${NAME}`; the names found go to `found`. */
export function secretsToRefs(map: Obj, found?: string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(map)) {
    const name = secretName(v);
    if (name !== undefined) found?.push(name);
    setKey(out, k, name === undefined ? v : `\${${name}}`);
  }
  return out;
}

/**
 * The `hooks` shape with the secret references of `http` hooks' headers written as `${NAME}`, and
 * each NAME listed in that hook's `allowedEnvVars` (Claude Code expands only listed variables).
 */
export function hooksForOutput(hooks: Obj): Obj {
  const out: Obj = {};
  for (const [event, groups] of Object.entries(hooks)) {
    setKey(out, event, Array.isArray(groups) ? groups.map((g) => (isMapping(g) ? hookGroupForOutput(g) : g)) : groups);
  }
  return out;
}

function hookGroupForOutput(group: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(group)) {
    setKey(out, k, k === 'hooks' && Array.isArray(v) ? v.map((h) => (isMapping(h) ? hookForOutput(h) : h)) : v);
  }
  return out;
}

function hookForOutput(hook: Obj): Obj {
  if (hook['type'] !== 'http' || !isMapping(hook['headers'])) return { ...hook };
  const names: string[] = [];
  const out: Obj = {};
  for (const [k, v] of Object.entries(hook)) setKey(out, k, k === 'headers' && isMapping(v) ? secretsToRefs(v, names) : v);
  if (names.length > 0) {
    const allowed = Array.isArray(out['allowedEnvVars']) ? [...(out['allowedEnvVars'] as unknown[])] : [];
    for (const n of names) if (!allowed.includes(n)) allowed.push(n);
    out['allowedEnvVars'] = allowed;
  }
  return out;
}

/** One `.mcp.json` server entry (or an inline subagent server): ccm-only `description` dropped, secrets as `${NAME}`. */
export function mcpServerForOutput(config: McpServer | Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === 'description') continue;
    setKey(out, k, (k === 'env' || k === 'headers') && isMapping(v) ? secretsToRefs(v) : v);
  }
  return out;
}

/** The kinds written as Markdown files with frontmatter: their YAML fields are the frontmatter. */
export type MarkdownKind = 'subagent' | 'skill' | 'command' | 'output-style' | 'rule';

/** Frontmatter in the order the user wrote it, `name` first when given; `hooks` with secret references resolved. */
export function frontmatterOf(component: Component<MarkdownKind>, name?: string): Obj {
  const out: Obj = {};
  if (name !== undefined) setKey(out, 'name', name);
  for (const [k, v] of Object.entries(component.file.value)) {
    if ((k === 'name' && name !== undefined) || k === FRONTMATTER_TEXT) continue;
    setKey(out, k, k === 'hooks' && isMapping(v) ? hooksForOutput(v) : v);
  }
  return out;
}

/** ccm-only field of subagents, skills and commands that `ccm import` writes (see {@link verbatimFile}). */
export const FRONTMATTER_TEXT = 'frontmatterText';

/** The kept text when it still says what the fields say; `rewritten` when it is not YAML and they differ. */
interface Verbatim {
  prefix: string | null;
  rewritten: boolean;
}

const verbatimCache = new WeakMap<Component, Verbatim>();

/**
 * An imported file byte for byte: the component's `frontmatterText` followed by its body exactly as
 * written (no normalisation), while that text still parses to exactly the component's fields and
 * the repo does not override the kind's template. Frontmatter that is not strict YAML is read the
 * way the import read it ({@link lenientFrontmatter}). Otherwise undefined: the file is rendered
 * from the fields as usual, so editing a field (or deleting `frontmatterText`) hands formatting to
 * ccm; for a non-YAML text a FRONTMATTER_REWRITTEN warning says that the file changes shape.
 */
export function verbatimFile(ctx: RenderContext, template: string, path: string, component: Component<MarkdownKind>): OutputFile | undefined {
  let verbatim = verbatimCache.get(component);
  if (verbatim === undefined) {
    verbatim = { prefix: null, rewritten: false };
    const text = component.file.value.frontmatterText;
    if (text !== undefined) {
      const split = splitFrontmatter(text);
      let fields: Record<string, unknown> | undefined;
      let strictYaml = true;
      if (split.prefix === text) {
        if (split.yaml === undefined) fields = {};
        else {
          fields = parseFrontmatterYaml(split.yaml).value;
          if (!fields) {
            strictYaml = false;
            fields = lenientFrontmatter(split.yaml, frontmatterKeys(component.kind));
          }
        }
      }
      if (fields && canonical(fields) === canonical(frontmatterOf(component))) verbatim.prefix = text;
      else verbatim.rewritten = !strictYaml;
    }
    verbatimCache.set(component, verbatim);
  }
  if (verbatim.rewritten) {
    ctx.diagnostics.push(warning('FRONTMATTER_REWRITTEN',
      `${path}: the fields no longer match frontmatterText, which is not strict YAML, so ccm writes the frontmatter from the fields as valid YAML`,
      positionOf(component.file, [FRONTMATTER_TEXT], true), 'delete frontmatterText to make this the normal form (and silence this warning)'));
  }
  const prefix = verbatim.prefix;
  if (prefix === null || !ctx.engine.sourceOf(template).startsWith('(built-in)')) return undefined;
  // Through the memo like a render, so that an unchanged body is not even read.
  const key = { verbatim: prefix, body: new TemplateBody(component).key };
  const file = memoized(ctx.memo, { template: VERBATIM, path, context: key, sources: componentSources(component) }, ctx.diagnostics, () => prefix + (component.body?.text ?? ''));
  const bodyPath = component.body?.path;
  if (file && bodyPath !== undefined) offerBodySlot(file, () => ({ body: bodyPath, prefix, suffix: '', verbatim: true }));
  return file;
}

/** The memo's name for {@link verbatimFile}'s "template": the kept text and the body as written. */
const VERBATIM = '(verbatim)';

/** A component's Markdown body as written, normalised by {@link normalizeBody}. */
export function bodyText(component: Component): string {
  return normalizeBody(component.body?.text ?? '');
}

/**
 * The `body` of a template's data: {@link bodyText} on first use, and in the render fingerprint the
 * hash of the body's bytes (normalising is a pure function of them), so that an output whose
 * fingerprint this machine rendered before is planned without reading its body at all.
 */
export class TemplateBody {
  private text: string | undefined;

  constructor(private readonly component: Component) {}

  get key(): unknown {
    const sha256 = this.component.body?.sha256;
    return sha256 === undefined ? this.value : { sha256 };
  }

  get value(): string {
    return (this.text ??= bodyText(this.component));
  }

  /** The body's `.md` file; undefined for a component without one. */
  get path(): string | undefined {
    return this.component.body?.path;
  }
}


/** The context every Claude Code template gets, plus the module's own data. */
export function templateContext(project: ResolvedProject, data: Obj): Obj {
  return { vars: project.variables, project: project.name, ...data };
}

/** Renders one template into an output file; undefined when the template failed (a TEMPLATE_ERROR is recorded). */
export function renderFile(ctx: RenderContext, template: string, path: string, data: Obj, sources: string[]): OutputFile | undefined {
  const context = templateContext(ctx.project, data);
  const body = context['body'] instanceof TemplateBody ? context['body'] : undefined;
  const key = body ? { ...context, body: body.key } : context;
  const file = memoized(ctx.memo, { template, path, context: key, sources: unique([...sources, ctx.engine.sourceOf(template)]) }, ctx.diagnostics, (diagnostics) => {
    const text = ctx.engine.render(template, body ? { ...context, body: body.value } : context, diagnostics);
    return text === undefined ? undefined : finalizeText(text);
  });
  const bodyPath = body?.path;
  // Only a built-in template is known to insert the body once and not look at it; an override may do anything.
  if (file && bodyPath !== undefined && ctx.engine.sourceOf(template).startsWith('(built-in)')) {
    offerBodySlot(file, () => {
      const found: Diagnostic[] = [];
      const text = ctx.engine.render(template, { ...context, body: BODY_SENTINEL }, found);
      return text === undefined || found.length > 0 ? undefined : slotFromRender(bodyPath, text);
    });
  }
  return file;
}

/** Repo-relative sources of a component: its YAML, then its Markdown body. */
export function componentSources(c: Component): string[] {
  return c.body ? [c.file.path, c.body.path] : [c.file.path];
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** JSON with object keys sorted, for comparing values regardless of key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isMapping(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** `file:line` of a YAML location, the form keySources and messages use. */
export function fileLine(at: { file: string; line?: number }): string {
  return `${at.file}:${at.line ?? 1}`;
}

/**
 * One Markdown file per component at `<folder>/<name>.md`: the YAML fields as frontmatter in the
 * order written, no `---` block when there are none, then the body.
 */
export function renderMarkdownFiles(ctx: RenderContext, components: readonly Component<MarkdownKind>[], template: string, folder: string): OutputFile[] {
  const files: OutputFile[] = [];
  for (const c of components) {
    const frontmatter = frontmatterOf(c);
    const data = { name: c.name, frontmatter, hasFrontmatter: Object.keys(frontmatter).length > 0, body: new TemplateBody(c) };
    const path = `${folder}/${c.name}.md`;
    const file = verbatimFile(ctx, template, path, c) ?? renderFile(ctx, template, path, data, componentSources(c));
    if (file) files.push(file);
  }
  return files;
}
