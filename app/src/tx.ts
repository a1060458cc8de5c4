// Submitting a contract message: dry-run first (a refusal is decoded from the message's Result and shown in
// words, nothing is signed), then what it will cost (the fee and the storage deposit) is shown, then the user's
// wallet signs (or declines), then the extrinsic is followed to its block and to finality. Progress shows in the
// panel at the bottom right (#txlog); each entry has data-state = running | done | refused | failed. While one is
// pending, the same action by the same account cannot be sent again.
import type { Contract, ContractTxOptions, GenericContractApi } from 'dedot/contracts';
import type { Chain } from './chain';
import { amount } from './format';
import { h, sentence } from './dom';
import { generic } from './errors';
import { send } from './send';
import { signingWith, walletRefusal, type Account } from './wallet';

/** The message names of contract API `A` (Dedot's camelCase names, e.g. psp22Transfer). */
export type MessageOf<A extends GenericContractApi> = KnownKeys<A['tx']> & string;
/** The keys a type names, without the `[method: string]` index signature Dedot's generic API carries. */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
/** The arguments of message `M`, typed from the metadata like a query's, without the trailing options (the
 * caller, value and gas are submit's to set: options passed here would override the dry run's). */
export type ArgsOf<A extends GenericContractApi, M extends MessageOf<A>> =
  A['tx'][M] extends (...args: infer P) => unknown ? WithoutOptions<P> : never;
type WithoutOptions<P extends unknown[]> = P extends [...infer Head, (ContractTxOptions | undefined)?] ? Head : P;

/** A message to send. Typed from the contract's metadata (typegen): a renamed message or a changed argument fails
 * `tsc` at build time, not a user's click. */
export interface TxRequest<A extends GenericContractApi = GenericContractApi, M extends MessageOf<A> = MessageOf<A>> {
  chain: Chain;
  label: string;
  signer: Account;
  contract: Contract<A>;
  message: M;
  args: ArgsOf<A, M>;
  value?: bigint;
  /** Puts the contract's error type into words. */
  describe?: (err: any) => string;
}

export interface TxOutcome {
  ok: boolean;
  refusal?: string;
  blockNumber?: number;
}

/** Entries kept in the panel. */
const MAX_SHOWN = 6;
/** Entries made since the page loaded: each entry's `data-seq`, so a test can tell the newest. */
let shown = 0;

const STEPS = ['Dry run', 'Cost', 'Signing', 'In block', 'Finalised'] as const;

/** Actions (label and signer) being sent right now: a second click waits for the first to settle. */
const pending = new Set<string>();

/** How many transactions this page is sending right now. */
export function pendingCount(): number {
  return pending.size;
}

class TxView {
  el: HTMLElement;
  constructor(label: string, signer: string) {
    this.el = document.createElement('div');
    this.el.className = 'tx';
    this.el.dataset.state = 'running';
    this.el.dataset.seq = String(++shown);
    this.el.replaceChildren(
      h('div', {}, h('strong', {}, label), ' ', h('span', { class: 'muted' }, `by ${signer}`)),
      h('ol', {}, STEPS.map((s) => h('li', { class: 'muted', 'data-step': s }, s))),
      h('div', { class: 'result' }));
    const log = document.getElementById('txlog');
    log?.prepend(this.el);
    // The newest few are what the user follows; older settled entries go.
    while (log && log.children.length > MAX_SHOWN) log.lastElementChild!.remove();
  }
  step(name: (typeof STEPS)[number], detail = '') {
    const items = [...this.el.querySelectorAll('li')];
    const i = STEPS.indexOf(name);
    items.forEach((li, j) => {
      li.className = j < i ? 'ok' : j === i ? 'current' : 'muted';
      if (j === i && detail) li.textContent = `${name} ${detail}`;
    });
  }
  finish(state: 'done' | 'refused' | 'failed', result: HTMLElement) {
    this.el.dataset.state = state;
    this.el.classList.add(state === 'done' ? 'done' : 'failed');
    if (state === 'done') this.el.querySelectorAll('li').forEach((li) => (li.className = 'ok'));
    this.el.querySelector('.result')!.replaceChildren(result);
  }
}

export async function submit<A extends GenericContractApi, M extends MessageOf<A>>(req: TxRequest<A, M>): Promise<TxOutcome> {
  const key = `${req.label}|${req.signer.address}`;
  if (pending.has(key)) {
    return { ok: false, refusal: `"${req.label}" is already being sent by this account: wait for it to settle.` };
  }
  pending.add(key);
  try {
    return await submitOnce(req as unknown as UntypedRequest);
  } finally {
    pending.delete(key);
  }
}

/** What `submit` checked the types of, as the untyped Dedot calls below take it. */
type UntypedRequest = Omit<TxRequest, 'contract' | 'message' | 'args'> & { contract: Contract<any>; message: string; args: unknown[] };

async function submitOnce(req: UntypedRequest): Promise<TxOutcome> {
  const { chain, contract, message, args, signer } = req;
  const value = req.value ?? 0n;
  const view = new TxView(req.label, signer.label);
  const describe = req.describe ?? generic;
  try {
    if (signer.kind === 'watch') {
      const text = chain.walletNotice ?? 'Connect a browser wallet to sign: this page is read only.';
      view.finish('refused', sentence(false, { 'data-refusal': true, 'data-no-wallet': true }, text));
      return { ok: false, refusal: text };
    }
    view.step('Dry run');
    const query = (contract.query as any)[message];
    let dry: any;
    try {
      dry = await query(...args, { caller: signer.address, value });
    } catch (e) {
      const text = `The chain refused the call: ${(e as Error).message}`;
      view.finish('refused', sentence(false, {}, text));
      return { ok: false, refusal: text };
    }
    const data = dry.data;
    if (data && typeof data === 'object' && 'isErr' in data && data.isErr) {
      const text = describe(data.err);
      view.finish('refused', sentence(false, { 'data-refusal': true }, `Refused: ${text}`));
      return { ok: false, refusal: text };
    }
    if (dry.flags?.revert) {
      const text = 'The contract reverted the call.';
      view.finish('refused', sentence(false, { 'data-refusal': true }, text));
      return { ok: false, refusal: text };
    }
    const tx = (contract.tx as any)[message](...args, {
      value,
      gasLimit: dry.raw.gasRequired,
    });
    // What it costs, before anything is signed: the fee and the storage deposit the dry run charged.
    const units = (v: bigint) => amount(v, chain.decimals, chain.unit);
    const deposit = dry.raw.storageDeposit;
    const charged: bigint = deposit?.type === 'Charge' ? BigInt(deposit.value) : 0n;
    let fee = '';
    try {
      fee = `fee ${units(BigInt((await tx.paymentInfo(signer.address)).partialFee))}`;
    } catch {
      fee = 'fee unknown';
    }
    const cost = `${fee}${charged > 0n ? `, storage deposit ${units(charged)}` : ''}${value > 0n ? `, paying ${units(value)}` : ''}`;
    view.step('Cost', `(${cost})`);
    view.el.dataset.cost = cost;
    view.step('Signing');
    let signingFailed: string | undefined;
    const sent = await send(chain.client, tx, async (t) => {
      const { from, signer: walletSigner } = await signingWith(signer);
      try {
        await t.sign(from, walletSigner ? { signer: walletSigner } : undefined);
      } catch (e) {
        signingFailed = walletRefusal(e);
        throw e;
      }
    }, (st) => {
      if (st.type === 'Signed') view.step('Signing', '(signed)');
      if (st.type === 'Submitted') view.step('Signing', '(sent)');
      if (st.type === 'InBlock') view.step('In block', `#${st.blockNumber}`);
      if (st.type === 'Finalized') view.step('Finalised', `#${st.blockNumber}`);
    }).catch((e) => {
      if (signingFailed) {
        view.el.dataset.walletRefusal = '';
        view.finish('refused', sentence(false, { 'data-refusal': true }, signingFailed));
        return undefined;
      }
      throw e;
    });
    if (!sent) return { ok: false, refusal: signingFailed };
    const outcome: TxOutcome = sent.failure
      ? { ok: false, refusal: `The extrinsic failed: ${sent.failure}`, blockNumber: sent.blockNumber }
      : { ok: true, blockNumber: sent.blockNumber };
    if (outcome.ok && sent.finalized) {
      view.finish('done', sentence(true, {}, `Done: in block #${outcome.blockNumber}, finalised.`));
    } else if (outcome.ok) {
      // In a block: done, whatever finality does; only its finality is still awaited, and said so.
      view.finish('done', sentence(true, {}, `Done: in block #${outcome.blockNumber}; not finalised yet ` +
        '(the chain finalises slowly), so not yet final.'));
    } else {
      view.finish('failed', sentence(false, {}, outcome.refusal ?? 'failed'));
    }
    return outcome;
  } catch (e) {
    const text = (e as Error).message ?? String(e);
    view.finish('failed', sentence(false, {}, text));
    return { ok: false, refusal: text };
  }
}
