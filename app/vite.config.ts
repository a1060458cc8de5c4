import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * A strict Content-Security-Policy in the production build's index.html: scripts and styles only from the app's
 * own files (no inline script, no eval; WebAssembly for the crypto), connections only to the app itself and the
 * deployment's chain (the bundled manifest's `chain.url`, or VITE_CHAIN_URL), no plugins, frames, forms or base
 * changes. Even text from the chain or a link that reached the page as markup could not run. (The dev server,
 * whose hot reload injects inline scripts, has none.)
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      const manifest = resolve(__dirname, 'public/deployment/manifest.json');
      const chain = process.env.VITE_CHAIN_URL ??
        (existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).chain.url : undefined);
      if (!chain || !/^wss?:\/\/[^\s;'"]+$/.test(chain)) {
        throw new Error(`the build needs the deployment's chain URL for its Content-Security-Policy (got ${chain})`);
      }
      const policy = [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        `connect-src 'self' ${chain}`,
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
      ].join('; ');
      return html.replace('<meta charset="utf-8" />',
        `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    },
  };
}

// Plain TypeScript + DOM; no framework plugin. `base: './'` lets dist/ be served from any path.
export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy()],
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
