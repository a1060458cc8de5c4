// The deployment manifest written by deploy-scripts/deploy.py (deployments/<project>.json), bundled into the app
// as deployment/manifest.json by scripts/bundle-deployment.mjs. A production build serves that one deployment on
// its chain and nothing else: no link can point it at another node or manifest. A development build (DEV_KEYS)
// also takes `?manifest=<url>` and `?url=ws://…`.

import { DEV_KEYS } from './wallet';

export interface ManifestContract {
  crate: string;
  address: string;
  code_hash: string;
  metadata: string; // relative to the manifest's folder
  block: number;
}

export interface ManifestRole {
  contract: string;
  role: string;
  holder: string;
  address: string;
}

export interface Manifest {
  format: number;
  project: { id: string; name: string };
  chain: { url: string; name: string; runtime: string; genesis_hash: string; block: number;
    /** Chopsticks answers the same placeholder genesis hash for every chain it starts from a genesis file: there the
     * hash of block 1 names the chain. */
    block_1_hash?: string };
  deployer: string;
  contracts: Record<string, ManifestContract>;
  roles: ManifestRole[];
  complete?: boolean;
}

export interface Deployment {
  manifest: Manifest;
  manifestUrl: string;
  chainUrl: string;
  /** Metadata JSON of each contract, by its short name in the manifest (token, escrow, ...). */
  metadata: Record<string, unknown>;
}

/** Chain url: VITE_CHAIN_URL (set when building) beats the manifest's `chain.url`; in a development build
 * `?url=` beats both. */
export function chainUrl(manifest: Manifest, search = window.location.search): string {
  const fromQuery = DEV_KEYS ? new URLSearchParams(search).get('url') : null;
  const fromEnv = import.meta.env.VITE_CHAIN_URL as string | undefined;
  return fromQuery || fromEnv || manifest.chain.url;
}

export async function loadDeployment(): Promise<Deployment> {
  const params = new URLSearchParams(window.location.search);
  const asked = DEV_KEYS ? params.get('manifest') : null;
  const manifestUrl = new URL(asked ?? 'deployment/manifest.json', window.location.href).href;
  const res = await fetch(manifestUrl);
  if (!res.ok) throw new Error(`cannot read the deployment manifest ${manifestUrl}: HTTP ${res.status}`);
  const manifest = (await res.json()) as Manifest;
  const metadata: Record<string, unknown> = {};
  await Promise.all(
    Object.entries(manifest.contracts).map(async ([name, c]) => {
      const url = new URL(c.metadata, manifestUrl).href;
      const r = await fetch(url);
      if (!r.ok) throw new Error(`cannot read ${name}'s metadata ${url}: HTTP ${r.status}`);
      metadata[name] = await r.json();
    }),
  );
  return { manifest, manifestUrl, chainUrl: chainUrl(manifest), metadata };
}
