import type { ReplayGraph, ReplaySlot } from '../cache/replay-graph.js';
import { fingerprintLines, inputEntries, type BlobIds, type InputFile } from '../git/inputs.js';
import { bodySlotOf } from '../render/body-slot.js';
import type { RenderedTarget } from '../render/types.js';

/**
 * The replay graph of a build (cache/replay-graph.ts): every body whose outputs all have a body
 * slot, and every config file as `builtInputs` hashes it. A body that any output uses otherwise
 * (a source without a slot) is left out, so that a change to it always runs the whole pipeline.
 */
export function replayGraphOf(token: string, targets: readonly RenderedTarget[], inputs: readonly InputFile[], blobs: BlobIds): ReplayGraph {
  const slotted = new Map<string, ReplaySlot[]>();
  const otherwise = new Set<string>();
  for (const target of targets) {
    for (const file of target.files) {
      const slot = bodySlotOf(file);
      for (const source of file.sources) if (source !== slot?.body) otherwise.add(source);
      if (!slot) continue;
      let slots = slotted.get(slot.body);
      if (!slots) slotted.set(slot.body, slots = []);
      slots.push({ dir: target.root.dir, path: file.path, prefix: slot.prefix, suffix: slot.suffix, verbatim: slot.verbatim });
    }
  }
  const bodies: ReplayGraph['bodies'] = {};
  for (const [body, slots] of slotted) if (!otherwise.has(body)) bodies[body] = slots;
  return { token, bodies, inputs: fingerprintLines(inputEntries(inputs, blobs)) };
}
