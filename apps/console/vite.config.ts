// The console's production build: static files only (served by tools/local/console-server.mjs
// locally and by the console Helm chart in a cluster); the APIs are on the same origin under
// /api/<service>/. The shared vocabulary is compiled in from its sources.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@hotline/vocabulary': fileURLToPath(new URL('../../libs/vocabulary/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Charts load only with the dashboard; the component library is cached across pages.
        manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'charts' : id.includes('node_modules') ? 'vendor' : undefined),
      },
    },
  },
});
