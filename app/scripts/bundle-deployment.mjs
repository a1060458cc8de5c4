// Copies the deployment manifest and the metadata it names into public/deployment/, which the app fetches at run
// time (deployment/manifest.json, deployment/metadata/<crate>.json). Which manifest: MANIFEST (a path relative to
// app/), default ../deployments/local/toll-road.json.
//
// When the deployment's chain answers (VITE_CHAIN_URL, else the manifest's `chain.url`), also the chain's runtime
// metadata (deployment/runtime-metadata.json): the app then starts without downloading it, the largest read of its
// start (two runtime calls and 400 KB). It is keyed by genesis hash and runtime version, as Dedot keys it: after
// a runtime upgrade the key no longer matches and the app downloads the new metadata as before. And the token's
// symbol and decimals (deployment/token-metadata.json), which never change: the app checks them after its first
// render and says so if the chain disagrees.
import { LegacyClient, WsProvider } from 'dedot';
import { Contract } from 'dedot/contracts';
import { $Metadata } from 'dedot/codecs';
import { u8aToHex } from 'dedot/utils';
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

const chainUrl = process.env.VITE_CHAIN_URL || manifest.chain.url;
const RUNTIME_METADATA_WAIT_MS = 30_000;
try {
  const provider = new WsProvider({ endpoint: chainUrl, maxRetryAttempts: 0 });
  const client = await Promise.race([
    LegacyClient.new({ provider, stalingDetectionTimeout: 0 }),
    new Promise((_, fail) => setTimeout(() => fail(new Error(`no answer in ${RUNTIME_METADATA_WAIT_MS / 1000} s`)), RUNTIME_METADATA_WAIT_MS)),
  ]);
  // Only from the manifest's chain: its genesis and block 1 (chopsticks gives every chain it starts one placeholder
  // genesis hash; block 1 names the chain), as the app itself checks when it starts.
  const [genesis, block1] = await Promise.all([
    client.rpc.chain_getBlockHash(0),
    manifest.chain.block_1_hash ? client.rpc.chain_getBlockHash(1) : Promise.resolve(undefined),
  ]);
  if (genesis !== manifest.chain.genesis_hash || (manifest.chain.block_1_hash && block1 !== manifest.chain.block_1_hash)) {
    await client.disconnect();
    throw new Error(`it serves another chain than the manifest's (genesis ${genesis}, block 1 ${block1})`);
  }
  const entry = { key: client.currentMetadataKey, metadata: u8aToHex($Metadata.tryEncode(client.metadata)) };
  writeFileSync(resolve(out, 'runtime-metadata.json'), JSON.stringify(entry));
  console.log(`bundle-deployment: the runtime metadata of ${chainUrl} (${entry.key}, ${Math.round(entry.metadata.length / 2048)} KB)`);
  // The token's symbol and decimals, which its constructor fixes for good: the app formats amounts with them from
  // its first render and checks them against the chain afterwards (src/chain.ts).
  const token = manifest.contracts.token;
  const tokenMeta = JSON.parse(readFileSync(resolve(out, token.metadata), 'utf8'));
  const contract = new Contract(client, tokenMeta, token.address, { defaultCaller: manifest.deployer });
  const [symbol, decimals] = await Promise.all([
    contract.query.psp22MetadataTokenSymbol(), contract.query.psp22MetadataTokenDecimals(),
  ]);
  writeFileSync(resolve(out, 'token-metadata.json'),
    JSON.stringify({ address: token.address, symbol: symbol.data ?? null, decimals: decimals.data }));
  console.log(`bundle-deployment: the token's symbol ${symbol.data} and decimals ${decimals.data}`);
  await client.disconnect();
} catch (e) {
  console.log(`bundle-deployment: nothing read from the chain at ${chainUrl} (${e.message ?? e}): the app will read ` +
    'the runtime metadata and the token\'s symbol and decimals when it starts');
}
process.exit(0);
