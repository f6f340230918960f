import { defineConfig } from 'vite';

// The console is served by the node at /ui; the build goes to ../wwwroot, which Beacon.Console embeds.
// `npm run dev` proxies the API to a node on 127.0.0.1:7171.
export default defineConfig({
  base: '/ui/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:7171' },
  },
});
