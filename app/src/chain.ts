// Connection, typed contract handles and the dev accounts the app can sign with.
import { LegacyClient, WsProvider } from 'dedot';
import { Contract } from 'dedot/contracts';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Deployment } from './deployment';
import type { ComplianceRegistryContractApi } from './contracts/compliance-registry';
import type { ProjectTokenContractApi } from './contracts/project-token';
import type { IotOracleContractApi } from './contracts/iot-oracle';
import type { CrowdfundEscrowContractApi } from './contracts/crowdfund-escrow';
import type { DividendDistributorContractApi } from './contracts/dividend-distributor';
import type { GovernorContractApi } from './contracts/governor';

export interface Contracts {
  registry: Contract<ComplianceRegistryContractApi>;
  token: Contract<ProjectTokenContractApi>;
  oracle: Contract<IotOracleContractApi>;
  escrow: Contract<CrowdfundEscrowContractApi>;
  distributor: Contract<DividendDistributorContractApi>;
  governor: Contract<GovernorContractApi>;
}

export interface DevAccount {
  uri: string; // //Alice, //Infra/3
  label: string; // "//Infra/3 (platform_a)"
  address: string;
  pair: KeyringPair;
}

export interface Chain {
  client: LegacyClient;
  contracts: Contracts;
  accounts: DevAccount[];
  decimals: number;
  unit: string;
  deployment: Deployment;
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
/** How many //Infra/N keys to offer: the example projects use //Infra/1 .. //Infra/15. */
const INFRA_KEYS = 16;

export async function devAccounts(roleNames: Map<string, string[]>): Promise<DevAccount[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const uris = [...DEV_NAMES.map((n) => `//${n}`), ...Array.from({ length: INFRA_KEYS }, (_, i) => `//Infra/${i + 1}`)];
  return uris.map((uri) => {
    const pair = keyring.addFromUri(uri);
    const names = roleNames.get(pair.address);
    return { uri, address: pair.address, pair, label: names ? `${uri} (${names.join(', ')})` : uri };
  });
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

export async function connect(deployment: Deployment): Promise<Chain> {
  let client: LegacyClient;
  try {
    // A local chain (chopsticks) makes blocks only on demand: no stale-connection detection.
    client = await LegacyClient.new({
      provider: new WsProvider({ endpoint: deployment.chainUrl, retryDelayMs: 2_000 }),
      stalingDetectionTimeout: 0,
    });
  } catch (e) {
    const why = e instanceof Error && !e.message.includes('[object') ? e.message : 'no answer';
    throw new Error(`cannot connect to the chain at ${deployment.chainUrl} (${why}); pass ?url=ws://… to use another`);
  }
  const accounts = await devAccounts(roleNames(deployment));
  const defaultCaller = accounts[0].address;
  const c = deployment.manifest.contracts;
  const make = <T extends ComplianceRegistryContractApi | ProjectTokenContractApi | IotOracleContractApi |
    CrowdfundEscrowContractApi | DividendDistributorContractApi | GovernorContractApi>(name: string) => {
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
  };
  const props = await client.chainSpec.properties().catch(() => ({}) as Record<string, unknown>);
  const decimals = Number(firstOf(props.tokenDecimals) ?? 12);
  const unit = String(firstOf(props.tokenSymbol) ?? 'UNIT');
  return { client, contracts, accounts, decimals, unit, deployment };
}

function firstOf(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** The chain's clock (pallet-timestamp), which chopsticks' time travel moves; the page's clock is not used. */
export async function chainNow(chain: Chain): Promise<bigint> {
  return BigInt(await chain.client.query.timestamp.now());
}

export async function nativeBalance(chain: Chain, address: string): Promise<bigint> {
  const info = await chain.client.query.system.account(address);
  return info.data.free;
}
