// Connection, typed contract handles and the accounts the user can sign with (wallet.ts).
import { LegacyClient, WsProvider } from 'dedot';
import { Contract } from 'dedot/contracts';
import { connectWallets, type Account } from './wallet';
import type { Deployment, TokenMeta } from './deployment';
import type { ComplianceRegistryContractApi } from './contracts/compliance-registry';
import type { ProjectTokenContractApi } from './contracts/project-token';
import type { IotOracleContractApi } from './contracts/iot-oracle';
import type { CrowdfundEscrowContractApi } from './contracts/crowdfund-escrow';
import type { DividendDistributorContractApi } from './contracts/dividend-distributor';
import type { GovernorContractApi } from './contracts/governor';
import type { UsagePassContractApi } from './contracts/usage-pass';

export interface Contracts {
  registry: Contract<ComplianceRegistryContractApi>;
  token: Contract<ProjectTokenContractApi>;
  oracle: Contract<IotOracleContractApi>;
  escrow: Contract<CrowdfundEscrowContractApi>;
  distributor: Contract<DividendDistributorContractApi>;
  governor: Contract<GovernorContractApi>;
  /** The usage-pass NFT, when the project sells passes. */
  pass?: Contract<UsagePassContractApi>;
}

export interface Chain {
  client: LegacyClient;
  contracts: Contracts;
  /** The user's wallet accounts (and, in a development build, the public dev keys). */
  accounts: Account[];
  /** Why the user cannot sign, when no wallet account is there. */
  walletNotice?: string;
  decimals: number;
  unit: string;
  /** The token's symbol and decimals, which never change: the build's, checked against the chain once; else read
   * from the chain once (a read that fails is not kept: the next render asks again, never a silent 0 decimals). */
  tokenMeta: () => Promise<TokenMeta>;
  /** Checks what the build says of the token against the chain (once it passes; after the first render), and
   * answers the chain's symbol and decimals: what a transaction scaling an amount must wait for. */
  checkBuild: () => Promise<TokenMeta>;
  deployment: Deployment;
}

/** Names the manifest gives each address (role holders: sponsor, platform_a, pier_sensor_1, ...). */
export function roleNames(deployment: Deployment): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const r of deployment.manifest.roles) {
    const list = names.get(r.address) ?? [];
    if (!list.includes(r.holder) && !(r.holder in deployment.manifest.contracts)) list.push(r.holder);
    names.set(r.address, list);
  }
  for (const [name, c] of Object.entries(deployment.manifest.contracts)) names.set(c.address, [`${name} contract`]);
  return names;
}

/** How the page's link to the chain stands: shown in the header at all times (main.ts). */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'lost';

/** Reconnects tried after the link drops (or before the first answer) before the page gives up and says so. */
export const MAX_RECONNECTS = 8;
const RETRY_DELAY_MS = 2_500;

export async function connect(
  deployment: Deployment,
  onConnection: (state: ConnectionState, detail: string) => void = () => {},
  onBuildMismatch: (why: string) => void = () => {},
): Promise<Chain> {
  let client: LegacyClient;
  // A remote chain only over TLS: on a plain ws:// link anyone on the way could answer for the chain (a local
  // development chain on this machine excepted).
  const url = new URL(deployment.chainUrl);
  if (url.protocol !== 'wss:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && !import.meta.env.DEV) {
    onConnection('lost', `${deployment.chainUrl} is not encrypted`);
    throw new Error(`${deployment.chainUrl} is a plain ws:// link to another machine: the app reads a remote chain only over wss://`);
  }
  let attempt = 0;
  let connections = 0;
  /** A link to the chain that says how it stands, and checks a node it reconnects to. */
  const link = () => {
    const provider = new WsProvider({ endpoint: deployment.chainUrl, retryDelayMs: RETRY_DELAY_MS, maxRetryAttempts: MAX_RECONNECTS });
    connections = 0;
    provider.on('connected', () => {
      attempt = 0;
      connections += 1;
      onConnection('connected', `connected to ${deployment.chainUrl}`);
      // After a reconnect the endpoint may be another node (a restarted dev chain, a load balancer's other
      // backend): it must still be the deployment's chain.
      if (connections > 1) {
        void sameChain(deployment, (m) => provider.send(m.method, m.params)).then((why) => {
          if (why) onConnection('lost', `after reconnecting, ${why}`);
        }).catch(() => onConnection('lost', `after reconnecting, ${deployment.chainUrl} could not say which chain it serves`));
      }
    });
    provider.on('reconnecting', () => {
      attempt += 1;
      onConnection('reconnecting', `no answer from ${deployment.chainUrl}: reconnecting (attempt ${attempt} of ${MAX_RECONNECTS})`);
    });
    provider.on('error', (e: unknown) => {
      if (e instanceof Error && e.name === 'MaxRetryAttemptedError' || /retry attempts/.test(String((e as Error)?.message))) {
        onConnection('lost', `the chain at ${deployment.chainUrl} did not answer after ${MAX_RECONNECTS} attempts`);
      }
    });
    return provider;
  };
  let provider = link();
  onConnection('connecting', `connecting to ${deployment.chainUrl}`);
  try {
    // A local chain (chopsticks) makes blocks only on demand: no stale-connection detection.
    try {
      client = await LegacyClient.new({ provider, stalingDetectionTimeout: 0, metadata: deployment.runtimeMetadata });
    } catch (e) {
      // Connected, but the bundled runtime metadata did not serve: download the chain's, as without one.
      if (!deployment.runtimeMetadata || provider.status !== 'connected') throw e;
      await provider.disconnect().catch(() => {});
      provider = link();
      client = await LegacyClient.new({ provider, stalingDetectionTimeout: 0 });
    }
  } catch (e) {
    const why = e instanceof Error && !e.message.includes('[object') ? e.message : 'no answer';
    onConnection('lost', `cannot reach ${deployment.chainUrl}`);
    throw new Error(`cannot connect to the chain at ${deployment.chainUrl} (${why})`);
  }
  // The manifest names its chain by genesis (and block 1: chopsticks gives every chain it starts one placeholder
  // genesis hash): an endpoint serving another chain is not the sponsor's deployment.
  const [why, props] = await Promise.all([
    sameChain(deployment, (m) => provider.send(m.method, m.params)),
    client.chainSpec.properties().catch(() => ({}) as Record<string, unknown>),
  ]);
  // The wallets are asked only once the chain is the deployment's (never for a chain the app refuses).
  if (why) {
    await client.disconnect().catch(() => {});
    onConnection('lost', `${deployment.chainUrl} serves another chain`);
    throw new Error(`${why}: it is not the sponsor's chain, and nothing it says about these contracts would be true`);
  }
  const wallets = await connectWallets(roleNames(deployment));
  const accounts = wallets.accounts;
  // Read-only queries need a caller: the deployer (any account would do).
  const defaultCaller = deployment.manifest.deployer;
  const c = deployment.manifest.contracts;
  const make = <T extends ComplianceRegistryContractApi | ProjectTokenContractApi | IotOracleContractApi |
    CrowdfundEscrowContractApi | DividendDistributorContractApi | GovernorContractApi | UsagePassContractApi>(name: string) => {
    if (!c[name]) throw new Error(`the manifest has no contract named ${name}`);
    return new Contract<T>(client, deployment.metadata[name] as never, c[name].address, { defaultCaller });
  };
  const contracts: Contracts = {
    registry: make<ComplianceRegistryContractApi>('registry'),
    token: make<ProjectTokenContractApi>('token'),
    oracle: make<IotOracleContractApi>('oracle'),
    escrow: make<CrowdfundEscrowContractApi>('escrow'),
    distributor: make<DividendDistributorContractApi>('distributor'),
    governor: make<GovernorContractApi>('governor'),
    pass: c.pass ? make<UsagePassContractApi>('pass') : undefined,
  };
  const decimals = Number(firstOf(props.tokenDecimals) ?? 12);
  const unit = String(firstOf(props.tokenSymbol) ?? 'UNIT');
  const meta = tokenMetaReader(contracts, deployment.tokenMetadata, onBuildMismatch);
  return { client, contracts, accounts, walletNotice: wallets.notice, decimals, unit, tokenMeta: meta.read, checkBuild: meta.check, deployment };
}

/** How long after a failed check of the build's token facts the next is tried. */
const CHECK_RETRY_MS = 5_000;

/** The token's symbol and decimals: the build's (deployment.tokenMetadata) at once; else read from the chain once
 * (a read that fails is not kept). `check` compares the build's with the chain's (one comparison at a time; a
 * failed one is tried again after CHECK_RETRY_MS): a difference is said through `onMismatch`, and the chain's values
 * are used from then on. `check` answers only once a comparison has passed (a transaction whose amount is scaled by
 * the decimals waits for it: the page may show the build's values before, never sign with them unchecked). */
function tokenMetaReader(contracts: Contracts, bundled: TokenMeta | undefined, onMismatch: (why: string) => void) {
  const fromChain = () => Promise.all([contracts.token.query.psp22MetadataTokenSymbol(), contracts.token.query.psp22MetadataTokenDecimals()])
    .then(([symbol, decimals]) => ({ symbol: symbol.data, decimals: decimals.data }));
  let kept: Promise<TokenMeta> | undefined = bundled ? Promise.resolve(bundled) : undefined;
  const read: Chain['tokenMeta'] = () => {
    kept ??= fromChain().catch((e) => { kept = undefined; throw e; });
    return kept;
  };
  let checking: Promise<TokenMeta> | undefined;
  let passed: TokenMeta | undefined;
  const check = (): Promise<TokenMeta> => {
    if (passed) return Promise.resolve(passed);
    checking ??= (bundled ? fromChain() : read()).then((onChain) => {
      if (bundled && (onChain.symbol !== bundled.symbol || onChain.decimals !== bundled.decimals)) {
        kept = Promise.resolve(onChain);
        onMismatch(`The token on chain has ${onChain.decimals} decimals and the symbol ${onChain.symbol ?? '(none)'}; this ` +
          `build says ${bundled.decimals} and ${bundled.symbol ?? '(none)'}. Amounts shown before this notice were misstated.`);
      }
      passed = onChain;
      return onChain;
    }, (e) => {
      checking = undefined;
      setTimeout(() => void check().catch(() => {}), CHECK_RETRY_MS);
      throw e;
    });
    return checking;
  };
  return { read, check };
}

function firstOf(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Why the node behind `send` is not the deployment's chain, or undefined when its genesis and block 1 are the
 * manifest's. (A node could lie about both: the manifest's hashes pin which chain, TLS pins which node.) */
async function sameChain(deployment: Deployment, send: (m: { method: string; params: unknown[] }) => Promise<unknown>): Promise<string | undefined> {
  const { genesis_hash: genesis, block_1_hash: block1 } = deployment.manifest.chain;
  if (!genesis) return 'the deployment names no genesis hash';
  const [g, b1] = await Promise.all([
    send({ method: 'chain_getBlockHash', params: [0] }),
    block1 ? send({ method: 'chain_getBlockHash', params: [1] }) : Promise.resolve(undefined),
  ]);
  if (String(g) !== genesis) return `the chain at ${deployment.chainUrl} has genesis ${String(g)}, not ${genesis} as the deployment says`;
  if (block1 && String(b1) !== block1) return `the chain at ${deployment.chainUrl} has block 1 ${String(b1)}, not ${block1} as the deployment says`;
  return undefined;
}

/** The chain's clock (pallet-timestamp), which chopsticks' time travel moves; the page's clock is not used. */
export async function chainNow(chain: Chain): Promise<bigint> {
  return BigInt(await chain.client.query.timestamp.now());
}

export async function nativeBalance(chain: Chain, address: string): Promise<bigint> {
  const info = await chain.client.query.system.account(address);
  return info.data.free;
}
