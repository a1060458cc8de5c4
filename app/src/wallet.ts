// The accounts a user signs with: those of their own browser wallet (Polkadot{.js}, Talisman, SubWallet, ...),
// reached through the injected-web3 standard (`window.injectedWeb3`, via @polkadot/extension-dapp). The page never
// holds a key. A development build (`npm run dev`, or VITE_DEV_KEYS=1 at build time) also offers the public
// development keys (//Alice, //Infra/N, ...), each marked as such; a production build contains no keyring at all
// (the import below is removed when the flag is false).
import { web3Accounts, web3Enable, web3FromSource } from '@polkadot/extension-dapp';
import type { KeyringPair } from '@polkadot/keyring/types';

export interface Account {
  address: string;
  /** What the picker shows: the wallet's name for the account, or the dev key's URI, with its roles. */
  label: string;
  /** `wallet`: signed in the user's browser wallet; `dev`: a public development key held by the page; `watch`:
   * an address only looked at (no wallet account to sign with). */
  kind: 'wallet' | 'dev' | 'watch';
  /** The wallet extension it comes from (`polkadot-js`, `talisman`, ...). */
  source?: string;
  /** Only for a development key: the key and its URI (//Alice). */
  pair?: KeyringPair;
  uri?: string;
}

export interface Wallets {
  accounts: Account[];
  /** The wallet extensions that answered (and allowed this site). */
  extensions: string[];
  /** Why there is no wallet account, in words; absent when there is one. */
  notice?: string;
}

/** Whether this build offers the public development keys: fixed when it is built. */
export const DEV_KEYS: boolean = import.meta.env.DEV || import.meta.env.VITE_DEV_KEYS === '1';

const APP_NAME = 'Infra suite';
/** How long the first render waits for the wallets to answer. */
const ENABLE_WAIT_MS = 4_000;

/** Asks every injected wallet for this site's accounts (the wallet may ask the user first). */
export async function connectWallets(roleNames: Map<string, string[]>): Promise<Wallets> {
  const named = (address: string, label: string) => {
    const roles = roleNames.get(address);
    return roles ? `${label} (${roles.join(', ')})` : label;
  };
  // A wallet answers only once its user allowed this site: the pages do not wait for that (they read the chain
  // meanwhile); an answer after ENABLE_WAIT_MS counts as none until the page is reloaded.
  const extensions = await Promise.race([
    web3Enable(APP_NAME),
    new Promise<Awaited<ReturnType<typeof web3Enable>>>((done) => setTimeout(() => done([]), ENABLE_WAIT_MS)),
  ]);
  // Substrate accounts only: an Ethereum account of the same wallet cannot sign here.
  const injected = extensions.length
    ? await web3Accounts({ ss58Format: 42, accountType: ['sr25519', 'ed25519', 'ecdsa'] })
    : [];
  const accounts: Account[] = injected.map((a) => ({
    address: a.address,
    label: named(a.address, `${a.meta.name ?? 'account'} · ${a.meta.source}`),
    kind: 'wallet',
    source: a.meta.source,
  }));
  let notice: string | undefined;
  if (!extensions.length) {
    notice = 'No browser wallet answered. Install Polkadot{.js}, Talisman or SubWallet (or allow this site in it), ' +
      'then reload: you can read everything meanwhile, but not sign.';
  } else if (!accounts.length) {
    notice = `Your wallet (${extensions.map((e) => e.name).join(', ')}) shares no account with this site. Add or ` +
      'allow one in the wallet, then reload.';
  }
  if (DEV_KEYS) {
    const { devKeys } = await import('./devkeys');
    for (const k of await devKeys()) {
      accounts.push({ address: k.pair.address, label: named(k.pair.address, `DEV KEY (public) ${k.uri}`), kind: 'dev', pair: k.pair, uri: k.uri });
    }
  }
  return { accounts, extensions: extensions.map((e) => e.name), notice };
}

/** What Dedot's `tx.sign` needs for `account`: the dev key pair, or the address and its wallet's signer. */
export async function signingWith(account: Account): Promise<{ from: KeyringPair | string; signer?: unknown }> {
  if (account.kind === 'dev' && account.pair) return { from: account.pair };
  if (account.kind === 'watch') throw new Error('Connect a browser wallet to sign: this page is read only.');
  if (!account.source) throw new Error(`no wallet holds ${account.address}`);
  const injector = await web3FromSource(account.source);
  if (!injector.signer?.signPayload) throw new Error(`the wallet ${account.source} cannot sign transactions`);
  return { from: account.address, signer: injector.signer };
}

/** A wallet's refusal to sign, in words; other errors unchanged. */
export function walletRefusal(e: unknown): string | undefined {
  const text = (e as Error)?.message ?? String(e);
  if (/cancel|reject|denied|declined/i.test(text)) {
    return 'You declined the signature in your wallet: nothing was sent.';
  }
  return undefined;
}
