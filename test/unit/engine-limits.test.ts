import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { RawFile } from '../../src/load/model.js';
import { createEngine } from '../../src/render/engine.js';
import { unclosedBlock } from '../../src/render/template-errors.js';

/** The engine with one override of the agent template, rendered once. */
function renderAgent(text: string, context: object = {}): { out: string | undefined; diagnostics: Diagnostic[] } {
  const overrides = new Map<string, RawFile>([['claude-code/agent.md.hbs', { path: 'templates/claude-code/agent.md.hbs', bytes: new TextEncoder().encode(text) }]]);
  const diagnostics: Diagnostic[] = [];
  return { out: createEngine(overrides).render('claude-code/agent.md.hbs', context, diagnostics), diagnostics };
}

describe('template helpers have bounded arguments', () => {
  it('refuses a json indent that is not a small whole number, at the call', () => {
    const r = renderAgent('x\n  {{json value "\t\t"}}\n', { value: { a: 1 } });
    expect(r.out).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'TEMPLATE_ERROR', file: 'templates/claude-code/agent.md.hbs', line: 2, col: 3 }]);
    expect(r.diagnostics[0]!.message).toMatch(/json: the indent must be a whole number from 0 to 10/);
    // The one-argument forms keep their defaults.
    expect(renderAgent('{{indent text}}|{{json v}}|{{json v 0}}|{{join list}}', { text: 'a\nb', v: [1], list: ['x', 'y'] }).out).toBe('  a\n  b|[\n  1\n]|[1]|x, y');
  });

  it('refuses a negative or fractional indent width', () => {
    for (const width of ['-1', '2.5']) expect(renderAgent(`{{indent "a" ${width}}}`).diagnostics[0]?.message).toMatch(/indent: the width must be a whole number/);
  });

  it('refuses a join whose result is over 10 MiB', () => {
    const r = renderAgent('{{join list sep}}', { list: Array.from({ length: 11 }, () => 'x'.repeat(1024 * 1024)), sep: '' });
    expect(r.diagnostics[0]).toMatchObject({ code: 'TEMPLATE_ERROR', line: 1, col: 1 });
    expect(r.diagnostics[0]!.message).toMatch(/join: the result is over 10 MiB/);
  });
});

describe('unclosedBlock', () => {
  it('finds the innermost block left open, ignoring comments and closed blocks', () => {
    expect(unclosedBlock('{{#if a}}x{{/if}}\n{{!-- {{#each y}} --}}\n  {{#each items}}\n{{#with z}}{{/with}}\n')).toEqual({ name: 'each', sigil: '#', line: 3, col: 3 });
    expect(unclosedBlock('{{#> layout}}\n')).toMatchObject({ name: 'layout', sigil: '#>' });
    expect(unclosedBlock('{{#if a}}{{else}}{{/if}}')).toBeUndefined();
  });
});
