// The public development keys (//Alice .. //Ferdie and the example projects' //Infra/N role keys), offered only by
// a development build (wallet.ts, DEV_KEYS): anyone knows them, so a production build never contains this file.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { KeyringPair } from '@polkadot/keyring/types';

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
/** How many //Infra/N keys to offer: the example projects use //Infra/1 .. //Infra/15. */
const INFRA_KEYS = 16;

export async function devKeys(): Promise<{ uri: string; pair: KeyringPair }[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const uris = [...DEV_NAMES.map((n) => `//${n}`), ...Array.from({ length: INFRA_KEYS }, (_, i) => `//Infra/${i + 1}`)];
  return uris.map((uri) => ({ uri, pair: keyring.addFromUri(uri) }));
}
