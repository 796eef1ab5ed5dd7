import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { expectReadmeSection } from '../helpers/readme.js';

/**
 * The code tables (ErrorCode in src/errors.ts, DiagnosticCode in src/diagnostics.ts) against the
 * source: every declared code is raised somewhere, every code raised is declared, and no code is in
 * both tables. Read from the TypeScript syntax tree, so a code named only in a type, a comparison or
 * a comment does not count as raised.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  ast: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
}));

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The string literals of a type alias (`type ErrorCode = 'A' | 'B'`). */
function declared(file: string, alias: string): string[] {
  const ast = files.find((f) => f.path === file)!.ast;
  const codes: string[] = [];
  walk(ast, (n) => {
    if (!ts.isTypeAliasDeclaration(n) || n.name.text !== alias) return;
    walk(n.type, (t) => {
      if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) codes.push(t.literal.text);
    });
  });
  return codes;
}

/** Up from a literal through `a ? 'X' : 'Y'`, `('X')` and `'X' as const`. */
function valueParent(node: ts.Node): { child: ts.Node; parent: ts.Node } {
  let child = node;
  while (ts.isConditionalExpression(child.parent) || ts.isParenthesizedExpression(child.parent) || ts.isAsExpression(child.parent)) child = child.parent;
  return { child, parent: child.parent };
}

const CODE_SINKS = new Set(['error', 'warning', 'CcmError']);

/** Where a literal is a raised code: the first argument of error(), warning() or new CcmError(), or a `code:` property. */
function isRaiseSite(literal: ts.StringLiteral): boolean {
  const { child, parent } = valueParent(literal);
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.[0] === child) {
    return ts.isIdentifier(parent.expression) && CODE_SINKS.has(parent.expression.text);
  }
  return ts.isPropertyAssignment(parent) && parent.initializer === child && ts.isIdentifier(parent.name) && parent.name.text === 'code';
}

/** A literal in a value position other than a comparison (`d.code === 'X'`, `case 'X':`). */
function isUse(literal: ts.StringLiteral): boolean {
  if (ts.isLiteralTypeNode(literal.parent)) return false;
  const { parent } = valueParent(literal);
  if (ts.isCaseClause(parent)) return false;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken) return false;
  }
  return true;
}

interface Found {
  code: string;
  at: string;
}

function literals(filter: (l: ts.StringLiteral) => boolean): Found[] {
  const out: Found[] = [];
  for (const { path, ast } of files) {
    walk(ast, (n) => {
      if (!ts.isStringLiteral(n) || !/^[A-Z][A-Z0-9_]+$/.test(n.text) || !filter(n)) return;
      out.push({ code: n.text, at: `src/${path}:${ast.getLineAndCharacterOfPosition(n.getStart()).line + 1}` });
    });
  }
  return out;
}

const errorCodes = declared('errors.ts', 'ErrorCode');
const diagnosticCodes = declared('diagnostics.ts', 'DiagnosticCode');
const all = new Set([...errorCodes, ...diagnosticCodes]);

/** The diagnostic codes by the `// group` comments of the DiagnosticCode union. */
function diagnosticGroups(): { group: string; codes: string[] }[] {
  const text = readFileSync(join(SRC, 'diagnostics.ts'), 'utf8');
  const union = /export type DiagnosticCode =\n([\s\S]*?);\n/.exec(text)![1]!;
  const groups: { group: string; codes: string[] }[] = [];
  for (const line of union.split('\n')) {
    const comment = /^\s*\/\/ (.*)$/.exec(line);
    if (comment) groups.push({ group: comment[1]!, codes: [] });
    const code = /^\s*\| '([A-Z0-9_]+)'/.exec(line);
    if (code) groups.at(-1)!.codes.push(code[1]!);
  }
  return groups;
}

/** The README's list: the command errors, then the diagnostics by group. */
function codeTableMarkdown(): string {
  const row = (what: string, codes: readonly string[]): string => `| ${what} | ${codes.map((c) => `\`${c}\``).join(', ')} |\n`;
  return '| where | codes |\n|---|---|\n' + row('command errors (`error CODE:`, `error.code` in `--json`)', errorCodes)
    + diagnosticGroups().map((g) => row(`diagnostics: ${g.group}`, g.codes)).join('');
}

describe('the error and diagnostic code tables', () => {
  it('are read from the source (the scan finds both tables and many raise sites)', () => {
    expect(errorCodes.length).toBeGreaterThan(10);
    expect(diagnosticCodes.length).toBeGreaterThan(50);
    expect(literals(isRaiseSite).length).toBeGreaterThan(200);
  });

  it('declare every code the source raises', () => {
    const undeclared = literals(isRaiseSite).filter((f) => !all.has(f.code));
    expect(undeclared).toEqual([]);
  });

  it('declare only codes the source raises', () => {
    const used = new Set(literals(isUse).map((f) => f.code));
    expect([...errorCodes, ...diagnosticCodes].filter((c) => !used.has(c))).toEqual([]);
  });

  it('never give one code to both a command error and a diagnostic', () => {
    expect(errorCodes.filter((c) => diagnosticCodes.includes(c))).toEqual([]);
  });

  it('are the list in the README (UPDATE_GOLDEN=1 rewrites that copy)', () => {
    expect(diagnosticGroups().flatMap((g) => g.codes)).toEqual(diagnosticCodes);
    expectReadmeSection('error-codes', codeTableMarkdown());
  });
});
