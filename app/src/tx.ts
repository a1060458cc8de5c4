// Submitting a contract message: dry-run first (a refusal is decoded from the message's Result and shown in
// words, nothing is signed), then sign, then follow the extrinsic to its block and to finality. Progress shows in
// the panel at the bottom right (#txlog); each entry has data-state = running | done | refused | failed.
import type { Contract } from 'dedot/contracts';
import type { Chain, DevAccount } from './chain';
import { esc } from './format';
import { generic } from './errors';
import { send } from './send';

export interface TxRequest {
  chain: Chain;
  label: string;
  signer: DevAccount;
  contract: Contract<any>;
  message: string; // Dedot's camelCase name, e.g. psp22Transfer
  args: unknown[];
  value?: bigint;
  /** Puts the contract's error type into words. */
  describe?: (err: any) => string;
}

export interface TxOutcome {
  ok: boolean;
  refusal?: string;
  blockNumber?: number;
}

const STEPS = ['Dry run', 'Signing', 'In block', 'Finalised'] as const;

class TxView {
  el: HTMLElement;
  constructor(label: string, signer: string) {
    this.el = document.createElement('div');
    this.el.className = 'tx';
    this.el.dataset.state = 'running';
    this.el.innerHTML = `<div><strong>${esc(label)}</strong> <span class="muted">by ${esc(signer)}</span></div>
      <ol>${STEPS.map((s) => `<li class="muted" data-step="${s}">${s}</li>`).join('')}</ol><div class="result"></div>`;
    document.getElementById('txlog')?.prepend(this.el);
  }
  step(name: (typeof STEPS)[number], detail = '') {
    const items = [...this.el.querySelectorAll('li')];
    const i = STEPS.indexOf(name);
    items.forEach((li, j) => {
      li.className = j < i ? 'ok' : j === i ? 'current' : 'muted';
      if (j === i && detail) li.textContent = `${name} ${detail}`;
    });
  }
  finish(state: 'done' | 'refused' | 'failed', html: string) {
    this.el.dataset.state = state;
    this.el.classList.add(state === 'done' ? 'done' : 'failed');
    if (state === 'done') this.el.querySelectorAll('li').forEach((li) => (li.className = 'ok'));
    this.el.querySelector('.result')!.innerHTML = html;
  }
}

export async function submit(req: TxRequest): Promise<TxOutcome> {
  const { chain, contract, message, args, signer } = req;
  const value = req.value ?? 0n;
  const view = new TxView(req.label, signer.label);
  const describe = req.describe ?? generic;
  try {
    view.step('Dry run');
    const query = (contract.query as any)[message];
    let dry: any;
    try {
      dry = await query(...args, { caller: signer.address, value });
    } catch (e) {
      const text = `The chain refused the call: ${(e as Error).message}`;
      view.finish('refused', `<div class="sentence bad">${esc(text)}</div>`);
      return { ok: false, refusal: text };
    }
    const data = dry.data;
    if (data && typeof data === 'object' && 'isErr' in data && data.isErr) {
      const text = describe(data.err);
      view.finish('refused', `<div class="sentence bad" data-refusal>Refused: ${esc(text)}</div>`);
      return { ok: false, refusal: text };
    }
    if (dry.flags?.revert) {
      const text = 'The contract reverted the call.';
      view.finish('refused', `<div class="sentence bad" data-refusal>${esc(text)}</div>`);
      return { ok: false, refusal: text };
    }
    view.step('Signing');
    const tx = (contract.tx as any)[message](...args, {
      value,
      gasLimit: dry.raw.gasRequired,
    });
    const sent = await send(chain.client, tx, signer.pair, (st) => {
      if (st.type === 'Signed') view.step('Signing', '(signed)');
      if (st.type === 'Submitted') view.step('Signing', '(sent)');
      if (st.type === 'InBlock') view.step('In block', `#${st.blockNumber}`);
      if (st.type === 'Finalized') view.step('Finalised', `#${st.blockNumber}`);
    });
    const outcome: TxOutcome = sent.failure
      ? { ok: false, refusal: `The extrinsic failed: ${sent.failure}`, blockNumber: sent.blockNumber }
      : { ok: true, blockNumber: sent.blockNumber };
    if (outcome.ok) view.finish('done', `<div class="sentence ok">Done: in block #${outcome.blockNumber}, finalised.</div>`);
    else view.finish('failed', `<div class="sentence bad">${esc(outcome.refusal ?? 'failed')}</div>`);
    return outcome;
  } catch (e) {
    const text = (e as Error).message ?? String(e);
    view.finish('failed', `<div class="sentence bad">${esc(text)}</div>`);
    return { ok: false, refusal: text };
  }
}
