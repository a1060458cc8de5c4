// Generates Dedot's typed contract clients (src/contracts/<contract>/) from the deployment manifest's metadata:
//   MANIFEST=../deployments/local/toll-road.json npm run typegen
// `build`, `dev` and `typecheck` run it first, so the app is always type-checked against the contracts actually
// deployed: a renamed message or a changed argument type fails the build, not a user's transaction. The generated
// files are not committed (.gitignore).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, '..');
const manifestPath = resolve(app, process.env.MANIFEST ?? '../deployments/local/toll-road.json');
if (!existsSync(manifestPath)) {
  console.error(`typegen: no manifest at ${manifestPath} (deploy first, or set MANIFEST)`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const out = resolve(app, 'src/contracts');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// dedot typink (1.3) writes a message's argument labels as TypeScript parameter names, and fails on labels that are
// reserved words (iot_oracle's update_rule(rule, new), usage_pass's class(class)). Labels do not reach the encoding
// (arguments are positional), so such labels become <label>_arg in a temporary copy of the metadata.
const RESERVED = new Set(['new', 'class', 'function', 'default', 'delete', 'in', 'for', 'if', 'do', 'var', 'let',
  'const', 'return', 'switch', 'case', 'this', 'void', 'with', 'yield', 'enum', 'export', 'import', 'super',
  'throw', 'try', 'catch', 'typeof', 'instanceof', 'while', 'break', 'continue', 'else', 'extends', 'finally']);
const tmp = mkdtempSync(resolve(tmpdir(), 'typegen-'));
const seen = new Set();
for (const [name, c] of Object.entries(manifest.contracts)) {
  if (seen.has(c.crate)) continue;
  seen.add(c.crate);
  const meta = resolve(dirname(manifestPath), c.metadata);
  console.log(`typegen: ${name} (${c.crate}) from ${meta}`);
  const metadata = JSON.parse(readFileSync(meta, 'utf8'));
  for (const m of [...metadata.spec.messages, ...metadata.spec.constructors]) {
    for (const a of m.args) if (RESERVED.has(a.label)) a.label = `${a.label}_arg`;
  }
  const copy = resolve(tmp, `${c.crate}.json`);
  writeFileSync(copy, JSON.stringify(metadata));
  execFileSync(resolve(app, 'node_modules/.bin/dedot'), ['typink', '-m', copy, '-o', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const dir = resolve(out, c.crate.replaceAll('_', '-'));
  if (!existsSync(resolve(dir, 'index.d.ts'))) {
    console.error(`typegen: dedot typink wrote no client for ${c.crate}`);
    process.exit(1);
  }
}
rmSync(tmp, { recursive: true, force: true });
console.log(`typegen: wrote ${[...seen].join(', ')} into src/contracts`);
