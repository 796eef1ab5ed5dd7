import { run } from './program.js';

// The only place that ends the process: every command returns an exit code instead.
const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  stdin: process.stdin,
});
process.exitCode = code;
