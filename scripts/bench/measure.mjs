// Repeated and paired runs. Each measure starts with one untimed run under the RSS preload: it warms
// the page cache and gives the peak RSS, and keeps the preload's own cost out of every timing.
import { spawnSync } from 'node:child_process';
import { median, medianRatio } from './stats.mjs';

export const progress = (text) => process.stderr.write(`  ${text}\n`);

/**
 * Untimed, before every run: flushes the dirty pages the previous run (or the setup's deletes and
 * edits) left, so that no run pays for another's writeback — a W1000 build right after a W10000 one
 * otherwise does.
 */
const settle = () => spawnSync('sync');

/**
 * `runs` timed runs of `run()` after one RSS run, each preceded by `setup(i)` (untimed).
 * `run({rss})` returns `{ms, rssMiB?}`.
 */
export function measure(label, { runs, setup = () => {}, run }) {
  progress(`${label}: RSS run + ${runs} timed`);
  setup(-1);
  settle();
  const { rssMiB } = run({ rss: true });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    setup(i);
    settle();
    samples.push(run({ rss: false }).ms);
  }
  return { medianMs: median(samples), runs, samples, rssMiB };
}

/**
 * Rounds of several commands, one run of each per round, the first one rotating from round to round
 * (AB, BA, … for two) so that a drift in the machine's load favours none. Each side first gets one
 * untimed run (under the RSS preload unless `rss: false`). `ratio(i, j)` is the median of the per-round
 * ratios side i / side j: each round shares its moment's load, a ratio of medians would not.
 */
export function interleaved(label, runs, sides) {
  progress(`${label}: ${runs} timed rounds`);
  const rss = sides.map((side) => {
    (side.setup ?? (() => {}))(-1);
    settle();
    return side.run({ rss: side.rss !== false }).rssMiB;
  });
  const samples = sides.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < sides.length; k++) {
      const at = (i + k) % sides.length;
      (sides[at].setup ?? (() => {}))(i);
      settle();
      samples[at].push(sides[at].run({ rss: false }).ms);
    }
  }
  return {
    stats: sides.map((_, at) => ({ medianMs: median(samples[at]), runs, samples: samples[at], rssMiB: rss[at] })),
    ratio: (i, j) => medianRatio(samples[i], samples[j]),
  };
}

/** Two commands in alternating order: both measures and the median of the paired ratios a/b. */
export function paired(label, runs, a, b) {
  const r = interleaved(label, runs, [a, b]);
  return { a: r.stats[0], b: r.stats[1], ratio: r.ratio(0, 1) };
}
