// Copies the deployment manifest and the metadata it names into public/deployment/, which the app fetches at run
// time (deployment/manifest.json, deployment/metadata/<crate>.json). Which manifest: MANIFEST (a path relative to
// app/), default ../deployments/local/toll-road.json.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = resolve(app, process.env.MANIFEST ?? '../deployments/local/toll-road.json');
if (!existsSync(manifestPath)) {
  console.error(`bundle-deployment: no manifest at ${manifestPath} (deploy first, or set MANIFEST)`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const out = resolve(app, 'public/deployment');
rmSync(out, { recursive: true, force: true });
mkdirSync(resolve(out, 'metadata'), { recursive: true });
for (const c of Object.values(manifest.contracts)) {
  const target = `metadata/${c.crate}.json`;
  copyFileSync(resolve(dirname(manifestPath), c.metadata), resolve(out, target));
  c.metadata = target;
}
writeFileSync(resolve(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
console.log(`bundle-deployment: ${manifest.project.name} (${manifestPath}) -> public/deployment/`);
