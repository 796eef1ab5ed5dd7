import { describe, expect, it } from 'vitest';
import { bodySlotOf, fillBodySlot } from '../../src/render/body-slot.js';
import { renderClaudeCode } from '../../src/render/claude-code/index.js';
import { createEngine } from '../../src/render/engine.js';
import { resolveProject } from '../../src/resolve/resolve.js';
import { memoryRepo } from '../helpers/memory-repo.js';

/**
 * A body slot (src/render/body-slot.ts) is what a replayed build fills instead of rendering: for
 * every output that has one, filling it with the body must give exactly the rendered bytes, for
 * any body text, in every Markdown kind, rendered from fields or kept verbatim.
 */

const BODIES = [
  'Plain.\n',
  'No final newline',
  '\uFEFFA byte-order mark.\r\nCRLF lines.\r\n',
  'Old Mac\rline ends\r',
  'Trailing blank lines.\n\n \t\n\n',
  '\n\nLeading blank lines.\n',
  'Handlebars {{not.a.var}} {{{triple}}} {{#if x}}y{{/if}} and \\{{escaped}}\n',
  "Replacement patterns $& $1 $$ $' $` in the text\n",
  '---\nnot: frontmatter\n---\nA body that starts like one.\n',
  `${'Long line. '.repeat(2000)}\n`,
  'Ünïcödé ✓ and emoji 🎉\n',
];

const FILES = (body: string): Record<string, string> => ({
  'ccm.config.yaml': 'version: 1\n',
  'components/subagents/rev.yaml': 'description: Reviews\ntools: [Read, Grep]\n',
  'components/subagents/rev.md': body,
  'components/subagents/kept.yaml': 'description: Kept\nfrontmatterText: "---\\ndescription: Kept\\n---\\n"\n',
  'components/subagents/kept.md': body,
  'components/commands/ship.yaml': 'description: Ships\nargument-hint: "[target]"\n',
  'components/commands/ship.md': body,
  'components/commands/bare.yaml': '{}\n',
  'components/commands/bare.md': body,
  'components/skills/lint/skill.yaml': 'description: Lints the code\n',
  'components/skills/lint/SKILL.md': body,
  'components/rules/style.yaml': 'paths: ["src/**"]\n',
  'components/rules/style.md': body,
  'components/rules/any.yaml': '{}\n',
  'components/rules/any.md': body,
  'components/output-styles/terse.yaml': 'description: Terse\n',
  'components/output-styles/terse.md': body,
  'projects/app.yaml': 'path: out/app\ntargets: [claude-code]\ncomponents:\n  subagents: [rev, kept]\n  commands: [ship, bare]\n  skills: [lint]\n  rules: [style, any]\n  output-styles: [terse]\n',
});

function rendered(files: Record<string, string>) {
  const { repo, diagnostics } = memoryRepo(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const resolved = resolveProject(repo, 'app');
  return renderClaudeCode(resolved.project!, createEngine(repo.templates)).files;
}

describe('body slots', () => {
  it('filled with the body, give exactly what the render gives, for every Markdown kind', () => {
    for (const body of BODIES) {
      const files = rendered(FILES(body));
      const slotted = files.filter((f) => bodySlotOf(f));
      expect(slotted.map((f) => f.path).sort()).toEqual([
        '.claude/agents/kept.md', '.claude/agents/rev.md', '.claude/commands/bare.md', '.claude/commands/ship.md',
        '.claude/output-styles/terse.md', '.claude/rules/any.md', '.claude/rules/style.md', '.claude/skills/lint/SKILL.md',
      ]);
      for (const file of slotted) {
        const slot = bodySlotOf(file)!;
        expect(FILES(body)[slot.body], `${file.path} names its body`).toBe(body);
        // The text a load decodes: a byte-order mark is kept (the render drops it when it normalises).
        expect(fillBodySlot(slot, body), `${file.path} with ${JSON.stringify(body.slice(0, 30))}`).toBe(file.content);
      }
      expect(bodySlotOf(files.find((f) => f.path === '.claude/agents/kept.md')!)!.verbatim).toBe(true);
    }
  });

  it('an output rendered through a template override has no slot', () => {
    const files = rendered({ ...FILES('Body.\n'), 'templates/claude-code/agent.md.hbs': '{{body}}\n{{body}}\n' });
    expect(bodySlotOf(files.find((f) => f.path === '.claude/agents/rev.md')!)).toBeUndefined();
    expect(bodySlotOf(files.find((f) => f.path === '.claude/commands/ship.md')!)).toBeDefined();
  });
});
