import type { ReplayGraph, ReplaySlot } from '../cache/replay-graph.js';
import { fingerprintLines, inputEntries, type BlobIds, type InputFile } from '../git/inputs.js';
import { bodySlotOf, type BodySlot } from '../render/body-slot.js';
import type { OutputFile, RenderedTarget } from '../render/types.js';

/**
 * The replay graph of a build (cache/replay-graph.ts): every body whose outputs all have a body
 * slot, and every config file as `builtInputs` hashes it. A body that any output uses otherwise
 * (a source without a slot) is left out, so that a change to it always runs the whole pipeline.
 * Finding a slot costs a render; an output whose fingerprint is the one `previous` (the last
 * graph) found its slot under takes that slot instead.
 */
export function replayGraphOf(token: string, targets: readonly RenderedTarget[], inputs: readonly InputFile[], blobs: BlobIds, previous?: ReplayGraph): ReplayGraph {
  const known = slotsByOutput(previous);
  const slotted = new Map<string, ReplaySlot[]>();
  const otherwise = new Set<string>();
  for (const target of targets) {
    for (const file of target.files) {
      const slot = knownSlot(known.get(`${target.root.dir}\0${file.path}`), file) ?? bodySlotOf(file);
      for (const source of file.sources) if (source !== slot?.body) otherwise.add(source);
      if (!slot) continue;
      let slots = slotted.get(slot.body);
      if (!slots) slotted.set(slot.body, slots = []);
      const entry: ReplaySlot = { dir: target.root.dir, path: file.path, prefix: slot.prefix, suffix: slot.suffix, verbatim: slot.verbatim };
      if (file.fingerprint !== undefined) entry.fingerprint = file.fingerprint;
      slots.push(entry);
    }
  }
  const bodies: ReplayGraph['bodies'] = {};
  for (const [body, slots] of slotted) if (!otherwise.has(body)) bodies[body] = slots;
  return { token, bodies, inputs: fingerprintLines(inputEntries(inputs, blobs)) };
}

/** A slot of the last graph, with the body it holds. */
type KnownSlot = BodySlot & Pick<ReplaySlot, 'fingerprint'>;

/** The last graph's slots by `<root dir>\0<output path>`. */
function slotsByOutput(graph: ReplayGraph | undefined): Map<string, KnownSlot> {
  const byOutput = new Map<string, KnownSlot>();
  for (const [body, slots] of Object.entries(graph?.bodies ?? {})) {
    for (const slot of slots) byOutput.set(`${slot.dir}\0${slot.path}`, { ...slot, body });
  }
  return byOutput;
}

/** The last graph's slot for this output, while the output's render fingerprint and body are the ones it was found under. */
function knownSlot(slot: KnownSlot | undefined, file: OutputFile): BodySlot | undefined {
  return slot?.fingerprint !== undefined && slot.fingerprint === file.fingerprint && file.sources.includes(slot.body) ? slot : undefined;
}
