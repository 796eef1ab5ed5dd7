import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PROJECT_ROOT } from './cli.js';

const README = join(PROJECT_ROOT, 'README.md');

/**
 * The README's copy between `<!-- name:start … -->` and `<!-- name:end -->` equals `markdown`, the
 * text the code generates; under UPDATE_GOLDEN=1 the copy is rewritten instead.
 */
export function expectReadmeSection(name: string, markdown: string): void {
  const text = readFileSync(README, 'utf8');
  const start = new RegExp(`<!-- ${name}:start[^\\n]*-->\\n`).exec(text);
  expect(start, `README has the ${name} markers`).not.toBeNull();
  const from = start!.index + start![0].length;
  const to = text.indexOf(`<!-- ${name}:end -->`, from);
  expect(to).toBeGreaterThan(0);
  if (process.env['UPDATE_GOLDEN']) writeFileSync(README, text.slice(0, from) + markdown + text.slice(to));
  else expect(text.slice(from, to)).toBe(markdown);
}
