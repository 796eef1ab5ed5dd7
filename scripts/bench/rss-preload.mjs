// Loaded with `node --import` into a measured process: on exit, writes its peak resident set size
// (KiB, from getrusage) to the file named by CCM_BENCH_RSS_FILE. 'exit' also fires on process.exit().
import { writeFileSync } from 'node:fs';

const file = process.env.CCM_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
