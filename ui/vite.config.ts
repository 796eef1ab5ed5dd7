import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The client of `ccm ui`: built into dist/ui/ (index.html + hashed assets), which the server serves at /.
// No CDN, no external fonts: the package works offline. `CCM_UI_API=http://127.0.0.1:PORT npx vite ui`
// proxies /api to a running `ccm ui` (or ui/dev/mock-server.ts) while developing.
const api = process.env.CCM_UI_API;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Source maps stay out of the package: they would double its size for no user.
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: api ? { proxy: { '/api': { target: api, changeOrigin: false } } } : {},
});
