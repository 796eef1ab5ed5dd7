// The `--import` preload that records every module file a Node run loads into `log`: ES modules
// through a loader hook (which runs in its own thread, so it appends to the file), CommonJS ones
// from require.cache at exit (require() does not pass the ESM hooks). Used by
// scripts/startup-bench.mjs and test/e2e/startup-modules.test.ts.
export function moduleLogPreload(log, cli) {
  const hooks = `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
      return next(url, context);
    }`)}`;
  return `data:text/javascript,${encodeURIComponent(`
    import { register, createRequire } from 'node:module';
    import { appendFileSync } from 'node:fs';
    import { pathToFileURL } from 'node:url';
    register(${JSON.stringify(hooks)});
    const cache = createRequire(${JSON.stringify(cli)}).cache;
    process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(cache).map((p) => pathToFileURL(p).href + '\\n').join('')));`)}`;
}
