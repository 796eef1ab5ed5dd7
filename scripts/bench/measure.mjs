// Repeated and paired runs. Each measure starts with one untimed run under the RSS preload: it warms
// the page cache and gives the peak RSS, and keeps the preload's own cost out of every timing.
import { median, medianRatio } from './stats.mjs';

export const progress = (text) => process.stderr.write(`  ${text}\n`);

/**
 * `runs` timed runs of `run()` after one RSS run, each preceded by `setup(i)` (untimed).
 * `run({rss})` returns `{ms, rssMiB?}`.
 */
export function measure(label, { runs, setup = () => {}, run }) {
  progress(`${label}: RSS run + ${runs} timed`);
  setup(-1);
  const { rssMiB } = run({ rss: true });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    setup(i);
    samples.push(run({ rss: false }).ms);
  }
  return { medianMs: median(samples), runs, samples, rssMiB };
}

/**
 * Paired runs of two commands, alternating which goes first (ABBA…) so that a drift in the machine's
 * load does not favour either. Returns both measures and the median of the paired ratios a/b.
 */
export function paired(label, runs, a, b) {
  progress(`${label}: RSS runs + ${runs} timed pairs`);
  const rss = {};
  for (const [key, side] of [['a', a], ['b', b]]) {
    (side.setup ?? (() => {}))(-1);
    rss[key] = side.run({ rss: side.rss !== false }).rssMiB;
  }
  const samples = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [['a', a], ['b', b]] : [['b', b], ['a', a]];
    for (const [key, side] of order) {
      (side.setup ?? (() => {}))(i);
      samples[key].push(side.run({ rss: false }).ms);
    }
  }
  const stat = (key) => ({ medianMs: median(samples[key]), runs, samples: samples[key], rssMiB: rss[key] });
  return { a: stat('a'), b: stat('b'), ratio: medianRatio(samples.a, samples.b) };
}
