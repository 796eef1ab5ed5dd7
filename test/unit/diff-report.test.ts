import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMIT, planDiffs, unifiedDiff, writeDiffReport, type DiffReport, type ReviewFile } from '../../src/review/report.js';
import type { RootPlan } from '../../src/plan/plan.js';

const enc = new TextEncoder();
const base = { kind: 'base', ref: 'origin/main', commit: 'c'.repeat(40) } as const;
const fileOf = (path: string, before: string | undefined, after: string): ReviewFile => ({
  project: 'web',
  path,
  action: before === undefined ? 'create' : 'update',
  diff: unifiedDiff('web', path, before, after, false),
});

/** The fenced blocks of a Markdown text, as CommonMark reads them: a fence closes only with at least as many backticks. */
function fencedBlocks(md: string): string[] {
  const blocks: string[] = [];
  let open: string | undefined;
  let body: string[] = [];
  for (const line of md.split('\n')) {
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (open === undefined && fence) {
      open = fence;
      body = [];
    } else if (open !== undefined && fence && fence.length >= open.length && line.trim() === fence) {
      blocks.push(body.join('\n'));
      open = undefined;
    } else if (open !== undefined) body.push(line);
  }
  return blocks;
}

describe('writeDiffReport (markdown)', () => {
  it('fences each diff with more backticks than any run inside it', () => {
    const files = [fileOf('CLAUDE.md', 'Run:\n', 'Run:\n```sh\nnpm test\n```\n'), fileOf('x.md', undefined, 'A ````` run\n')];
    for (const against of [base, { kind: 'disk' } as const]) {
      const md = writeDiffReport({ against, files, risks: [] }, 'markdown').out;
      const blocks = fencedBlocks(md);
      expect(blocks).toHaveLength(2);
      expect(blocks[0]).toBe(files[0]!.diff.trimEnd());
      expect(blocks[1]).toBe(files[1]!.diff.trimEnd());
      expect(md).toContain('````diff\n');
      expect(md).toContain('``````diff\n');
    }
  });

  it('escapes text from the files in table cells', () => {
    const report: DiffReport = {
      against: base,
      files: [fileOf('.claude/settings.json', '{}\n', '{"a":1}\n')],
      risks: [{ kind: 'hook', severity: 'high', project: 'web', path: '.claude/settings.json', detail: 'runs `x | y` <!-- hidden' }],
    };
    const md = writeDiffReport(report, 'markdown').out;
    expect(md).toContain('| runs \\`x \\| y\\` &lt;!-- hidden |');
    expect(md).not.toContain('<!--');
  });

  it('never shows an absolute local path: project name and path in the project', () => {
    const plan: RootPlan = {
      root: { kind: 'project', project: 'web', dir: '/home/dev/src/web' },
      files: [{ path: '.claude/settings.json', action: 'create', content: enc.encode('{}\n'), secret: false, sources: [] }],
      manifest: { version: 1, files: {} } as unknown as RootPlan['manifest'],
      manifestChanged: true,
      createDir: true,
    };
    const files = planDiffs([plan]);
    expect(files[0]).toMatchObject({ project: 'web', path: '.claude/settings.json', action: 'create' });
    const md = writeDiffReport({ against: { kind: 'disk' }, files, risks: [] }, 'markdown').out;
    const unified = writeDiffReport({ against: { kind: 'disk' }, files, risks: [] }, 'unified').out;
    for (const text of [md, unified]) expect(text).not.toContain('/home/dev');
    expect(md).toContain('<code>web/.claude/settings.json</code>');
    expect(unified).toContain('+++ b/web/.claude/settings.json');
  });

  it('stays under the size limit and says what it left out and how to see it', () => {
    const line = (i: number): string => `line ${i} ${'x'.repeat(80)}\n`;
    const big = Array.from({ length: 400 }, (_, i) => line(i)).join('');
    const files = Array.from({ length: 6 }, (_, i) => fileOf(`docs/${i}.md`, undefined, big));
    for (const against of [base, { kind: 'disk' } as const]) {
      const md = writeDiffReport({ against, files, risks: [] }, 'markdown').out;
      expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
      expect(md).toMatch(/_Truncated to stay under GitHub's comment size limit: \d diffs left out\. Run `ccm diff( --base origin\/main)?` \(or add `--json`\) to see everything\._/);
      expect(md).toContain(against.kind === 'base' ? 'Run `ccm diff --base origin/main`' : 'Run `ccm diff`');
      expect(fencedBlocks(md).length).toBeGreaterThan(0);
    }
    // Thousands of risk rows are cut too.
    const risks = Array.from({ length: 3000 }, (_, i) => ({ kind: 'env' as const, severity: 'low' as const, project: 'web', path: '.auto-claude/.env', detail: `K${i}: a → b` }));
    const md = writeDiffReport({ against: base, files: files.slice(0, 1), risks }, 'markdown').out;
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(md).toMatch(/\d+ behaviour changes, .*left out/);
  });

  it('unified: diffs on out, the behaviour changes in the note', () => {
    const files = [fileOf('.claude/settings.json', '{}\n', '{"a":1}\n')];
    const r = writeDiffReport({ against: { kind: 'disk' }, files, risks: [{ kind: 'hook', severity: 'high', project: 'web', path: '.claude/settings.json', detail: 'apiKeyHelper runs `k`' }] }, 'unified');
    expect(r.out).toBe(files[0]!.diff.trimEnd() + '\n');
    expect(r.note).toContain('Behaviour changes to review (1):\n  high   hook            web/.claude/settings.json: apiKeyHelper runs `k`');
  });
});
