import { describe, expect, it } from 'vitest';
import { lenientFrontmatter, parseFrontmatterYaml } from '../../src/core/frontmatter.js';

const KEYS = new Set(['name', 'description', 'model', 'tools', 'color']);

describe('lenientFrontmatter (frontmatter a strict YAML parser rejects)', () => {
  it('starts a field only at a known key, so lines that look like keys continue the value before', () => {
    const yaml = 'name: tidy\ndescription: Tidies code.\\n<example>\nContext: a change\nuser: "tidy"\n</example>\nmodel: opus';
    expect(parseFrontmatterYaml(yaml).value).toBeUndefined();
    expect(lenientFrontmatter(yaml, KEYS)).toEqual({
      name: 'tidy',
      description: 'Tidies code.\\n<example>\nContext: a change\nuser: "tidy"\n</example>',
      model: 'opus',
    });
  });

  it('parses a field that is YAML on its own (a flow list) and unquotes one that is not', () => {
    const yaml = 'description: "Audits: logs" and more: yes\ntools: ["Read", "Grep"]\ncolor: "cyan"';
    expect(lenientFrontmatter(yaml, KEYS)).toEqual({ description: '"Audits: logs" and more: yes', tools: ['Read', 'Grep'], color: 'cyan' });
  });

  it('ignores text before the first known key and keeps unknown keys inside the field before them', () => {
    const yaml = '# comment\nweird line: x\nname: a\nversion: 1: 2\ndescription: b: c';
    expect(lenientFrontmatter(yaml, KEYS)).toEqual({ name: 'a\nversion: 1: 2', description: 'b: c' });
  });

  it('reads CRLF and tab-indented continuations like LF', () => {
    expect(lenientFrontmatter('name: x\r\ndescription: Note: read only\r\n\tand careful', KEYS)).toEqual({ name: 'x', description: 'Note: read only\n\tand careful' });
  });
});
