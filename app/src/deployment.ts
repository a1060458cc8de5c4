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
  /** The chain's runtime metadata as the build found it, keyed as Dedot keys it (`RAW_META/<genesis>/<spec
   * version>`): Dedot uses it when the chain's genesis and runtime version match, and downloads it otherwise. */
  runtimeMetadata?: Record<`RAW_META/${string}`, `0x${string}`>;
  /** The token's symbol and decimals as the build read them (its constructor fixes them): the app formats amounts
   * with them at once and checks them against the chain after the first render (chain.ts). */
  tokenMetadata?: TokenMeta;
}

export interface TokenMeta {
  symbol?: string;
  decimals: number;
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
  const [runtimeMetadata, tokenMetadata] = await Promise.all([
    bundledRuntimeMetadata(manifestUrl),
    bundledTokenMetadata(manifestUrl, manifest.contracts.token?.address),
    ...Object.entries(manifest.contracts).map(async ([name, c]) => {
      const url = new URL(c.metadata, manifestUrl).href;
      const r = await fetch(url);
      if (!r.ok) throw new Error(`cannot read ${name}'s metadata ${url}: HTTP ${r.status}`);
      metadata[name] = await r.json();
    }),
  ]);
  return { manifest, manifestUrl, chainUrl: chainUrl(manifest), metadata, runtimeMetadata, tokenMetadata };
}

/** The runtime metadata bundled beside the manifest (scripts/bundle-deployment.mjs), if the build found the chain. */
async function bundledRuntimeMetadata(manifestUrl: string): Promise<Deployment['runtimeMetadata']> {
  try {
    const r = await fetch(new URL('runtime-metadata.json', manifestUrl).href);
    if (!r.ok) return undefined;
    const { key, metadata } = (await r.json()) as { key: unknown; metadata: unknown };
    if (typeof key !== 'string' || !key.startsWith('RAW_META/') || typeof metadata !== 'string' || !/^0x[0-9a-f]*$/.test(metadata)) return undefined;
    return { [key as `RAW_META/${string}`]: metadata as `0x${string}` };
  } catch {
    // Without it the app downloads the metadata from the chain, as it would after a runtime upgrade.
    return undefined;
  }
}

/** The token's symbol and decimals bundled beside the manifest, when they are the manifest's token's. */
async function bundledTokenMetadata(manifestUrl: string, token: string | undefined): Promise<TokenMeta | undefined> {
  try {
    const r = await fetch(new URL('token-metadata.json', manifestUrl).href);
    if (!r.ok) return undefined;
    const { address, symbol, decimals } = (await r.json()) as { address: unknown; symbol: unknown; decimals: unknown };
    if (address !== token || !Number.isInteger(decimals) || (symbol !== null && typeof symbol !== 'string')) return undefined;
    return { symbol: symbol ?? undefined, decimals: decimals as number };
  } catch {
    return undefined;
  }
}
