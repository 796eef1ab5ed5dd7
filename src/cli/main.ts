import { redactText } from '../secrets/redact.js';
import { run } from './program.js';

// The only place that ends the process: every command returns an exit code instead.

// `ccm ls | head` closes stdout early; that is the reader's choice, not a failure to report.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
// A failure that escapes every command's handling would otherwise be printed by Node as is; its
// message or stack may hold a decrypted value, so it goes through the redactor like all output.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(redactText(`error INTERNAL: unexpected failure: ${text}\n`));
    process.exit(1);
  });
}
const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  // On first use: reading process.stdin makes a stream (about 1 ms), which only prompts and
  // `secrets set` read.
  get stdin() {
    return process.stdin;
  },
});
process.exitCode = code;
