import { defineConfig } from 'vite';

// Plain TypeScript + DOM; no framework plugin. `base: './'` lets dist/ be served from any path.
export default defineConfig({
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
