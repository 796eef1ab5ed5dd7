import { isMapping } from '../core/values.js';
import { readCache, writeCache } from './store.js';

/** One output a body fills: its root folder, its path there, and the text around the body. */
export interface ReplaySlot {
  dir: string;
  path: string;
  prefix: string;
  suffix: string;
  verbatim: boolean;
  /**
   * The fingerprint of the render the slot was found in (render/memo.ts). The slot is a function of
   * it (the template, the path and everything the template sees but the body), so the next build
   * takes the slot of an output whose fingerprint is still this one instead of rendering it again.
   */
  fingerprint?: string;
}

/**
 * What a build whose only changes are Markdown bodies needs to redo the work of the last full
 * build without loading the pipeline (pipeline/replay.ts): which outputs each body fills and how,
 * and every config file as `builtInputs` hashes it. Kept in `.ccm/cache/replay.json` beside the
 * no-op stamp it belongs to (`token`), and read only when a walk finds that bodies changed.
 */
export interface ReplayGraph {
  /** The `replay` of the no-op stamp this graph was recorded with. */
  token: string;
  /** Body file (repo-relative) → every output it fills. A body that feeds any output without a slot is not here. */
  bodies: Record<string, ReplaySlot[]>;
  /** Every config file as `builtInputs` hashes it (git/inputs.ts `fingerprintLines`): `<git mode> <blob id> <path>`, by path. */
  inputs: string[];
}

const NAME = 'replay';

/** `<git mode> <blob id>`: a config file's entry as `builtInputs` hashes it, without its path. */
export const INPUT_ENTRY = /^10(0644|0755) [0-9a-f]{40}$/;
/** `<git mode> <blob id> <path>`: the path starts at column INPUT_PATH_AT. */
const INPUT_LINE = /^10(0644|0755) [0-9a-f]{40} ./s;
export const INPUT_PATH_AT = 48;

/** The graph recorded with the stamp whose token this is (any graph without one); undefined when absent, stale or not a graph. */
export function readReplayGraph(configRoot: string, token?: string): ReplayGraph | undefined {
  const read = readCache<unknown>(configRoot, NAME);
  return read && isReplayGraph(read.data) && (token === undefined || read.data.token === token) ? read.data : undefined;
}

export function writeReplayGraph(configRoot: string, graph: ReplayGraph): void {
  writeCache(configRoot, NAME, graph);
}

/** A cache file is a hint from disk: anything not shaped like a graph is ignored whole. */
function isReplayGraph(value: unknown): value is ReplayGraph {
  if (!isMapping(value) || typeof value['token'] !== 'string' || !isMapping(value['bodies']) || !Array.isArray(value['inputs'])) return false;
  return Object.values(value['bodies']).every((slots) => Array.isArray(slots) && slots.length > 0 && slots.every(isSlot))
    && value['inputs'].every((line) => typeof line === 'string' && INPUT_LINE.test(line));
}

function isSlot(value: unknown): value is ReplaySlot {
  return isMapping(value) && typeof value['dir'] === 'string' && typeof value['path'] === 'string'
    && typeof value['prefix'] === 'string' && typeof value['suffix'] === 'string' && typeof value['verbatim'] === 'boolean'
    && (value['fingerprint'] === undefined || typeof value['fingerprint'] === 'string');
}
