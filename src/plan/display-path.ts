import type { OutputRoot } from '../render/types.js';

/** How a path is shown to people: the root folder plus the path inside it. */
export function outputDisplayPath(root: OutputRoot, path: string): string {
  return `${root.dir.replace(/\/$/, '')}/${path}`;
}
