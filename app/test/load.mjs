// Shared by the unit tests: a module of src/ (TypeScript) bundled for Node with esbuild and imported, and the
// deployment whose metadata the tests check against (MANIFEST, default the local toll road).
import { buildSync } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Imports `src/<name>.ts` (with what it imports) as Node would run it. */
export async function importSrc(name) {
  const out = buildSync({ entryPoints: [resolve(app, `src/${name}.ts`)], bundle: true, format: 'esm', write: false,
    platform: 'node', define: { 'import.meta.env': '{}' } });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
}

export const manifestPath = resolve(app, process.env.MANIFEST ?? '../deployments/local/toll-road.json');
/** The deployment manifest, or undefined when there is none (the tests then skip, saying why). */
export const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : undefined;
