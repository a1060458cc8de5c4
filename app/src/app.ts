// Shared state of the single page: the chain, the selected account, and helpers the pages use.
import type { Chain } from './chain';
import type { Account } from './wallet';
import { amount, short } from './format';
import { h } from './dom';

export interface App {
  chain: Chain;
  account: Account;
  /** Re-renders the current page (after a transaction, or on a new block). */
  refresh: () => Promise<void>;
}

/** An AccountId32 from Dedot (or a string) as an SS58 address. */
export function addr(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x && typeof (x as { address?: unknown }).address === 'function') return (x as { address: () => string }).address();
  return String(x);
}

/** An address with the name the manifest or the wallet gives it, as DOM nodes: the short address (the full one as
 * its title) and the name, as text. */
export function who(app: App, a: unknown): HTMLElement {
  const s = addr(a);
  const dev = app.chain.accounts.find((d) => d.address === s);
  const c = Object.entries(app.chain.deployment.manifest.contracts).find(([, v]) => v.address === s);
  const name = dev ? dev.label : c ? `${c[0]} contract` : '';
  return h('span', {}, h('span', { class: 'addr', title: s }, short(s)), name && ' ', name && h('span', { class: 'muted' }, name));
}

/** The accounts the user has (wallet, and dev keys in a development build), as `<option>` elements. */
export function accountChoices(app: App, selected?: string): HTMLOptionElement[] {
  return app.chain.accounts.map((d) => h('option', { value: d.address, selected: d.address === selected }, d.label) as HTMLOptionElement);
}

export function nativeAmount(app: App, v: bigint): string {
  return amount(v, app.chain.decimals, app.chain.unit);
}

/** Reads a query's decoded data; a message returning Result<T, E> gives T or throws E in words. */
export async function read<T>(p: Promise<{ data: T }>): Promise<T> {
  return (await p).data;
}
