import { stampNoOp, type ConfigWalk, type NoOpStamp } from '../cache/no-op.js';
import { readReplayGraph, writeReplayGraph } from '../cache/replay-graph.js';
import { nodeCrypto } from '../core/lazy-builtins.js';
import type { BlobIds } from '../git/inputs.js';
import type { Compilation } from './compile.js';
import { replayGraphOf } from './replay-record.js';
import type { Counts, DescribedPlan } from './summary.js';

/**
 * A build that wrote more files than this records no replay graph: finding every body slot costs
 * a render per output, which a full build would pay for nothing (the build after it records one).
 */
const GRAPH_AFTER_WRITES = 16;

/**
 * What the next build of every project may take from this one, which saw `walk`: the no-op stamp
 * (the report of a build that finds nothing to do), and with it the replay graph that lets a build
 * in which only bodies changed skip the pipeline. The stamp's diagnostics (warnings: a build with
 * errors stamps nothing) are what a build without changes reports again; no check of a body makes one.
 */
export function recordStamp(root: string, walk: ConfigWalk, home: string, result: Compilation, summary: readonly DescribedPlan[], blobs: BlobIds): NoOpStamp | undefined {
  const kept = summary.map((r) => ({ ...r, files: r.files.map((f) => ({ ...f, action: 'unchanged' as const })) }));
  const counts: Counts = { create: 0, update: 0, delete: 0, unchanged: kept.reduce((n, r) => n + r.files.length, 0), drifted: 0 };
  const stamp = stampNoOp(walk, home, result.targets, result.plans, result.diagnostics, kept, counts);
  if (!stamp) return stamp;
  const writes = result.plans.reduce((n, p) => n + p.files.filter((f) => f.action !== 'unchanged').length, 0);
  if (writes > GRAPH_AFTER_WRITES) return stamp;
  stamp.replay = nodeCrypto().randomBytes(8).toString('hex');
  writeReplayGraph(root, replayGraphOf(stamp.replay, result.targets, result.inputs, blobs, readReplayGraph(root)));
  return stamp;
}
