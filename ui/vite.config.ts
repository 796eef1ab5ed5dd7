import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The client of `ccm ui`: built into dist/client/ (index.html + hashed assets), which the server serves at /.
// No CDN, no external fonts: the package works offline. While developing, `npx vite build --watch
// --config ui/vite.config.ts` rebuilds dist/client/ on each save for a running `ccm ui` (a dev server with a
// proxy would present a foreign Host, which the server's guard refuses with 403, as it should).

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Source maps stay out of the package: they would double its size for no user.
    sourcemap: false,
    reportCompressedSize: false,
  },
});
