import { finalizeText } from './final-text.js';
import type { OutputFile } from './types.js';

/**
 * Where a component's Markdown body sits in one output: the output is `prefix`, the body, `suffix`,
 * for every body, because its template inserts the body once, unconditionally (the built-in
 * Markdown templates). A build in which only bodies changed fills the slots again without loading
 * the pipeline (pipeline/replay.ts); `fillBodySlot` is then exactly what the render would produce.
 */
export interface BodySlot {
  /** Repo-relative path of the body's `.md` file. */
  body: string;
  prefix: string;
  suffix: string;
  /** An imported file kept byte for byte: the body as written, not normalised. */
  verbatim: boolean;
}

/** Computed only when asked for: a build that records no replay graph (one that wrote many files) pays nothing. */
const slots = new WeakMap<OutputFile, () => BodySlot | undefined>();

export function offerBodySlot(file: OutputFile, slot: () => BodySlot | undefined): void {
  slots.set(file, slot);
}

/** The output's body slot, if its render has one. */
export function bodySlotOf(file: OutputFile): BodySlot | undefined {
  return slots.get(file)?.();
}

/**
 * Stands in for the body in a render that finds the slot. No frontmatter value can contain it
 * raw: the `yaml` helper writes a NUL as an escape, and a body holding one is rejected as binary.
 */
export const BODY_SENTINEL = '\u0000ccm:body-slot\u0000';

/** The slot a render with {@link BODY_SENTINEL} for the body shows, or undefined unless the sentinel is there exactly once. */
export function slotFromRender(body: string, rendered: string): BodySlot | undefined {
  const at = rendered.indexOf(BODY_SENTINEL);
  if (at < 0 || rendered.includes(BODY_SENTINEL, at + 1)) return undefined;
  return { body, prefix: rendered.slice(0, at), suffix: rendered.slice(at + BODY_SENTINEL.length), verbatim: false };
}

/** LF line endings, no byte-order mark, no trailing blank lines (templates add the final newline). */
export function normalizeBody(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/(\n[ \t]*)+$/, '');
}

/** The output for a body's decoded text, as the render of the slot's template makes it. */
export function fillBodySlot(slot: Omit<BodySlot, 'body'>, text: string): string {
  return slot.verbatim ? slot.prefix + text + slot.suffix : finalizeText(slot.prefix + normalizeBody(text) + slot.suffix);
}
