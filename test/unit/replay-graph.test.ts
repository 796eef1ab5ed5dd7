import { describe, expect, it } from 'vitest';
import type { ReplayGraph } from '../../src/cache/replay-graph.js';
import { replayGraphOf } from '../../src/pipeline/replay-record.js';
import { renderClaudeCode } from '../../src/render/claude-code/index.js';
import { createEngine } from '../../src/render/engine.js';
import type { RenderMemo } from '../../src/render/memo.js';
import type { RenderedTarget } from '../../src/render/types.js';
import { resolveProject } from '../../src/resolve/resolve.js';
import { memoryRepo } from '../helpers/memory-repo.js';

/**
 * A build records the replay graph from its renders (src/pipeline/replay-record.ts). Finding a
 * body slot costs a render, so an output whose render fingerprint is the one the last graph found
 * its slot under takes that slot; any other output has its slot found again.
 */

const FILES = {
  'ccm.config.yaml': 'version: 1\n',
  'components/subagents/rev.yaml': 'description: Reviews\n',
  'components/subagents/rev.md': 'You review.\n',
  'components/subagents/kept.yaml': 'description: Kept\nfrontmatterText: "---\\ndescription: Kept\\n---\\n"\n',
  'components/subagents/kept.md': 'Kept.\n',
  'components/commands/ship.yaml': 'description: Ships\n',
  'components/commands/ship.md': 'Ship it.\n',
  'projects/app.yaml': 'path: out/app\ntargets: [claude-code]\ncomponents:\n  subagents: [rev, kept]\n  commands: [ship]\n',
};

/** A memo that knows no render, so that every output renders and carries its fingerprint. */
const coldMemo: RenderMemo = { known: () => undefined, templateKey: (name) => `builtin:${name}` };

function target(files: Record<string, string>): RenderedTarget {
  const { repo, diagnostics } = memoryRepo(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const project = resolveProject(repo, 'app').project!;
  return { root: { kind: 'project', project: 'app', dir: project.dir }, files: renderClaudeCode(project, createEngine(repo.templates), coldMemo).files };
}

const graphOf = (t: RenderedTarget, previous?: ReplayGraph) => replayGraphOf('token', [t], [], new Map(), previous);

/** The graph with every slot's prefix marked, so that a slot taken from it shows. */
function marked(graph: ReplayGraph, fingerprint?: (f: string | undefined) => string | undefined): ReplayGraph {
  const bodies = Object.fromEntries(Object.entries(graph.bodies).map(([body, slots]) => [body, slots.map((s) => {
    const slot = { ...s, prefix: `MARK${s.prefix}` };
    if (fingerprint) slot.fingerprint = fingerprint(s.fingerprint);
    return slot;
  })]));
  return { ...graph, bodies };
}

describe('the replay graph a build records', () => {
  it('records with each slot the fingerprint of the render it was found in', () => {
    const graph = graphOf(target(FILES));
    const slots = Object.values(graph.bodies).flat();
    expect(slots.map((s) => s.path).sort()).toEqual(['.claude/agents/kept.md', '.claude/agents/rev.md', '.claude/commands/ship.md']);
    for (const slot of slots) expect(slot.fingerprint, slot.path).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes the last graph's slot while the output's fingerprint is the one it was found under", () => {
    const t = target(FILES);
    const taken = graphOf(t, marked(graphOf(t)));
    for (const slot of Object.values(taken.bodies).flat()) expect(slot.prefix, slot.path).toMatch(/^MARK/);
  });

  it('finds the slot again for an output whose fingerprint changed, or that the last graph recorded without one', () => {
    const t = target(FILES);
    const fresh = graphOf(t);
    expect(graphOf(t, marked(fresh, (f) => f!.replace(/^./, (c) => (c === '0' ? '1' : '0')))).bodies).toEqual(fresh.bodies);
    expect(graphOf(t, marked(fresh, () => undefined)).bodies).toEqual(fresh.bodies);
    // One description edited: that output's slot is found again, the others are taken.
    const edited = graphOf(target({ ...FILES, 'components/subagents/rev.yaml': 'description: Reviews twice\n' }), marked(fresh));
    const prefixes = Object.fromEntries(Object.values(edited.bodies).flat().map((s) => [s.path, s.prefix]));
    expect(prefixes['.claude/agents/rev.md']).toContain('Reviews twice');
    expect(prefixes['.claude/agents/rev.md']).not.toMatch(/^MARK/);
    expect(prefixes['.claude/commands/ship.md']).toMatch(/^MARK/);
  });
});
