import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { error, type Diagnostic } from '../diagnostics.js';
import { pointerToPath, positionOf, type PathSegment, type YamlFile } from '../load/yaml-file.js';

type SchemaNode = { description?: string; properties?: Record<string, SchemaNode>; pattern?: string; examples?: unknown[] };

/**
 * Turns ajv's errors into one readable diagnostic per real problem, positioned in the YAML source.
 * Alternatives (`anyOf`) are collapsed: a value that matches none of them gets one message, unless
 * one alternative got further into the value, in which case its deeper errors are the useful ones.
 */
export function schemaDiagnostics(file: YamlFile, errors: readonly ErrorObject[]): Diagnostic[] {
  const kept = collapseAlternatives(errors.filter((e) => e.keyword !== 'if'));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of kept) {
    const d = toDiagnostic(file, e);
    const key = `${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const dropped = new Set<ErrorObject>();
  for (const alt of alternatives) {
    const branchErrors = errors.filter((e) => e !== alt && e.schemaPath.startsWith(alt.schemaPath + '/'));
    const deeper = branchErrors.filter((e) => e.instancePath.length > alt.instancePath.length);
    if (deeper.length > 0) {
      dropped.add(alt);
      for (const e of branchErrors) if (e.instancePath === alt.instancePath) dropped.add(e);
    } else {
      for (const e of branchErrors) dropped.add(e);
    }
  }
  return errors.filter((e) => !dropped.has(e));
}

function toDiagnostic(file: YamlFile, e: ErrorObject): Diagnostic {
  const path = pointerToPath(e.instancePath);
  const where = path.length ? `${label(path)}: ` : '';
  const parent = (e.parentSchema ?? {}) as SchemaNode;
  const value = e.data;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      return error('SCHEMA_UNKNOWN_KEY', `${where}unknown key "${key}"`, positionOf(file, [...path, key], true), suggest(key, allowed, 'allowed keys'));
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      const about = parent.properties?.[key]?.description;
      return error('SCHEMA_REQUIRED', `${where}missing required key "${key}"`, positionOf(file, path),
        `add \`${key}: …\`${about ? ` (${lowerFirst(about)})` : ''}`);
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type).replace(/,/g, ' or ');
      return error('SCHEMA_TYPE', `${where}expected ${article(expected)}, found ${describe(value)}`, positionOf(file, path), describeHint(parent));
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      return error('SCHEMA_ENUM', `${where}${JSON.stringify(value)} is not one of: ${allowed.join(', ')}`, positionOf(file, path),
        typeof value === 'string' ? suggest(value, allowed, 'allowed values') : undefined);
    }
    case 'const':
      return error('SCHEMA_ENUM', `${where}must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`, positionOf(file, path));
    case 'pattern':
      return error('SCHEMA_PATTERN', `${where}${JSON.stringify(value)} does not have the required form (${(e.params as { pattern: string }).pattern})`,
        positionOf(file, path), describeHint(parent));
    case 'anyOf':
    case 'oneOf':
      return error('SCHEMA_TYPE', `${where}${describe(value)} is not an accepted form of this value`, positionOf(file, path), describeHint(parent));
    case 'not':
      return error('SCHEMA_INVALID', `${where}${JSON.stringify(value)} is not allowed here`, positionOf(file, path), describeHint(parent));
    default:
      return error('SCHEMA_INVALID', `${where}${e.message ?? 'is invalid'}`, positionOf(file, path), describeHint(parent));
  }
}

/** `permissions.allow[2]` — how a person would name the value. */
export function label(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function suggest(word: string, candidates: readonly string[], what: string): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  if (distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3))) return `did you mean "${best}"?`;
  return `${what}: ${candidates.join(', ')}`;
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
  return `${typeof value} ${String(value)}`;
}

function article(type: string): string {
  return type.replace(/\b(object|array|integer|string|number|boolean)\b/g, (t) =>
    ({ object: 'a mapping', array: 'a list', integer: 'an integer', string: 'a string', number: 'a number', boolean: 'true or false' })[t] ?? t,
  );
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}
