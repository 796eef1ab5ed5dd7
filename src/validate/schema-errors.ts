import type { ErrorObject } from 'ajv';
import { didYouMean, nearest } from '../core/did-you-mean.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { pointerToPath, positionOf, type PathSegment, type YamlFile } from '../load/yaml-file.js';
import { OPEN_KEYWORD } from './ajv.js';

type SchemaNode = { description?: string; properties?: Record<string, SchemaNode>; pattern?: string; examples?: unknown[]; [OPEN_KEYWORD]?: boolean };

/**
 * Turns ajv's errors into one readable diagnostic per real problem, positioned in the YAML source.
 * Alternatives (`anyOf`) are collapsed: a value that matches none of them gets one message, unless
 * one alternative got further into the value (deeper errors) or accepted its type (errors other
 * than `type`), in which case that alternative's errors are the useful ones.
 */
export function schemaDiagnostics(file: YamlFile, errors: readonly ErrorObject[]): Diagnostic[] {
  const { kept, context } = collapseAlternatives(errors.filter((e) => e.keyword !== 'if'));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of kept) {
    const d = toDiagnostic(file, e, context.get(e) ?? []);
    const key = `${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/**
 * ajv reports the errors of an `anyOf` branch (or of a `propertyNames` check) just before the error
 * of the keyword itself. Schema paths cannot tell them apart once a branch is a `$ref` (its errors
 * carry the referenced schema's path), so a branch's errors are found by position instead: the run
 * of errors right before the keyword, at or below its value, that come from another schema object.
 */
function precedingRun(errors: readonly ErrorObject[], index: number, belongs: (e: ErrorObject) => boolean): ErrorObject[] {
  const run: ErrorObject[] = [];
  for (let i = index - 1; i >= 0 && belongs(errors[i]!); i--) run.unshift(errors[i]!);
  return run;
}

const within = (e: ErrorObject, parent: ErrorObject): boolean => e.instancePath === parent.instancePath || e.instancePath.startsWith(parent.instancePath + '/');

/** Exported for unit tests. `context` maps a kept error to the errors it stands for. */
export function collapseAlternatives(errors: readonly ErrorObject[]): { kept: ErrorObject[]; context: Map<ErrorObject, ErrorObject[]> } {
  const dropped = new Set<ErrorObject>();
  const context = new Map<ErrorObject, ErrorObject[]>();
  errors.forEach((e, index) => {
    if (e.keyword === 'propertyNames') {
      const name = (e.params as { propertyName?: string }).propertyName;
      const inner = precedingRun(errors, index, (x) => x.instancePath === e.instancePath && x.keyword !== 'propertyNames' && x.data === name);
      for (const x of inner) dropped.add(x);
      context.set(e, inner);
      return;
    }
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') return;
    const branches = precedingRun(errors, index, (x) => within(x, e) && x.parentSchema !== e.parentSchema).filter((x) => !dropped.has(x));
    const here = branches.filter((x) => x.instancePath === e.instancePath);
    const deeper = branches.filter((x) => x.instancePath !== e.instancePath);
    // A type mismatch, or an inner alternative that itself failed only on types.
    const typeOnly = here.filter((x) => x.keyword === 'type' || ((x.keyword === 'anyOf' || x.keyword === 'oneOf') && context.has(x)));
    // A branch that rejected the value's type says nothing more (`type: integer, enum: [0, 1]` on a string).
    const wrongType = new Set(typeOnly.map((x) => x.parentSchema));
    const fitting = here.filter((x) => !wrongType.has(x.parentSchema));
    if (deeper.length > 0) {
      dropped.add(e);
      for (const x of here) dropped.add(x);
    } else if (fitting.length > 0) {
      // Some alternative accepted the value's type and failed on something else: that is the real problem.
      dropped.add(e);
      for (const x of here) if (!fitting.includes(x)) dropped.add(x);
    } else {
      for (const x of here) dropped.add(x);
      context.set(e, typeOnly.flatMap((x) => (x.keyword === 'type' ? [x] : (context.get(x) ?? []))));
    }
  });
  return { kept: errors.filter((e) => !dropped.has(e)), context };
}

function toDiagnostic(file: YamlFile, e: ErrorObject, inner: readonly ErrorObject[]): Diagnostic {
  const path = pointerToPath(e.instancePath);
  const where = path.length ? `${label(path)}: ` : '';
  const parent = (e.parentSchema ?? {}) as SchemaNode;
  const value = e.data;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      if (parent[OPEN_KEYWORD] === true) return unknownField(file, path, key, allowed);
      return error('SCHEMA_UNKNOWN_KEY', `${where}unknown key "${key}"`, positionOf(file, [...path, key], true), suggest(key, allowed, 'allowed keys'));
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      const about = parent.properties?.[key]?.description;
      return error('SCHEMA_REQUIRED', `${where}missing required key "${key}"`, positionOf(file, path),
        `add \`${key}: …\`${about ? ` (${lowerFirst(about)})` : ''}`);
    }
    case 'type':
      return error('SCHEMA_TYPE', `${where}expected ${expectedTypes([e])}, found ${describe(value)}`, positionOf(file, path), describeHint(parent));
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      return error('SCHEMA_ENUM', `${where}${JSON.stringify(value)} is not one of: ${allowed.join(', ')}`, positionOf(file, path),
        typeof value === 'string' ? suggest(value, allowed, 'allowed values') : undefined);
    }
    case 'const':
      return error('SCHEMA_ENUM', `${where}must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}, found ${describe(value)}`, positionOf(file, path));
    case 'pattern': {
      // A person reads the schema's description better than its regex; the regex is the fallback.
      const hint = describeHint(parent);
      const form = hint ? 'is not in the required form' : `does not match the pattern ${(e.params as { pattern: string }).pattern}`;
      return error('SCHEMA_PATTERN', `${where}${JSON.stringify(value)} ${form}`, positionOf(file, path), hint);
    }
    case 'propertyNames': {
      const key = String((e.params as { propertyName: string }).propertyName);
      const cause = inner[0];
      const hint = (cause && describeHint((cause.parentSchema ?? {}) as SchemaNode)) ?? describeHint(parent);
      return error(cause?.keyword === 'pattern' ? 'SCHEMA_PATTERN' : 'SCHEMA_INVALID', `${where}key ${JSON.stringify(key)} is not in the required form`,
        positionOf(file, [...path, key], true), hint);
    }
    case 'anyOf':
    case 'oneOf':
      if (inner.length > 0) {
        return error('SCHEMA_TYPE', `${where}expected ${expectedTypes(inner)}, found ${describe(value)}`, positionOf(file, path), describeHint(parent));
      }
      return error('SCHEMA_TYPE', `${where}${describe(value)} is not an accepted form of this value`, positionOf(file, path), describeHint(parent));
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const items = Array.isArray(value) ? (value as unknown[]) : [];
      return error('SCHEMA_INVALID', `${label([...path, Math.max(i, j)])}: ${JSON.stringify(items[Math.max(i, j)])} is listed twice (also at ${label([...path, Math.min(i, j)])})`,
        positionOf(file, [...path, Math.max(i, j)]), 'remove the repeated entry');
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = e.params as { comparison: string; limit: number };
      const bound = ({ '>=': 'at least', '<=': 'at most', '>': 'greater than', '<': 'less than' } as Record<string, string>)[comparison] ?? comparison;
      return error('SCHEMA_INVALID', `${where}must be ${bound} ${limit}, found ${describe(value)}`, positionOf(file, path), describeHint(parent));
    }
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = (e.params as { limit: number }).limit;
      const unit = e.keyword.endsWith('Length') ? 'character' : e.keyword.endsWith('Items') ? 'item' : 'key';
      const message = e.keyword.startsWith('min')
        ? limit === 1 ? 'must not be empty' : `must have at least ${limit} ${unit}s`
        : `must have at most ${limit} ${unit}${limit === 1 ? '' : 's'}`;
      return error('SCHEMA_INVALID', `${where}${message}`, positionOf(file, path), describeHint(parent));
    }
    case 'not':
      return error('SCHEMA_INVALID', `${where}${JSON.stringify(value)} is not allowed here`, positionOf(file, path), describeHint(parent));
    default:
      return error('SCHEMA_INVALID', `${where}${e.message ?? 'is invalid'}`, positionOf(file, path), describeHint(parent));
  }
}

/**
 * A key ccm does not know where Claude Code defines the keys (frontmatter, hooks, `.mcp.json`
 * entries): Claude Code may know it, so it is written unchanged and only warned about; `strict:
 * true` in ccm.config.yaml turns the warning into an error (see validate.ts).
 */
function unknownField(file: YamlFile, path: readonly PathSegment[], key: string, allowed: readonly string[]): Diagnostic {
  const where = path.length ? ` in ${label(path)}` : '';
  const best = nearest(key, allowed);
  const hint = best !== undefined
    ? `did you mean "${best}"? ccm writes "${key}" unchanged`
    : 'ccm does not know this key and writes it unchanged; if Claude Code does not know it either, it ignores it';
  return warning('UNKNOWN_FIELD', `unknown key "${key}"${where} is kept and written as is`, positionOf(file, [...path, key], true), hint);
}

/** `permissions.allow[2]` — how a person would name the value. */
export function label(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function suggest(word: string, candidates: readonly string[], what: string): string | undefined {
  if (candidates.length === 0) return undefined;
  return didYouMean(word, candidates) ?? `${what}: ${candidates.join(', ')}`;
}

function describeHint(schema: SchemaNode): string | undefined {
  if (!schema.description) return undefined;
  const example = schema.examples?.[0];
  return `${schema.description}${example !== undefined ? ` Example: ${JSON.stringify(example)}` : ''}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'an integer', string: 'a string', number: 'a number', boolean: 'true or false', null: 'an empty value' };

/** `a string or a mapping`, from the `type` errors of one value. */
function expectedTypes(errors: readonly ErrorObject[]): string {
  const types = errors.flatMap((x) => [(x.params as { type: string | string[] }).type].flat().flatMap((t) => String(t).split(',')));
  const names = [...new Set(types.map((t) => TYPE_NAMES[t] ?? t))];
  return names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}
