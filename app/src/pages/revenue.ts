// Revenue (dividend_distributor): the distributions, what the selected investor can claim, claim; a deposit form
// for the depositors (the toll operator). Built as DOM nodes (dom.ts).
import type { App } from '../app';
import { nativeAmount, read, who } from '../app';
import { bps, date, parseAmount, relative } from '../format';
import { field, h, pairs, section } from '../dom';
import { chainNow } from '../chain';
import { distributorError } from '../errors';
import { submit } from '../tx';

/** At most this many recent distributions are listed. */
const SHOWN = 24;

export async function renderRevenue(app: App, el: HTMLElement) {
  const { distributor, token, registry } = app.chain.contracts;
  const me = app.account.address;
  const [config, count, cursor, now, view, isDepositor] = await Promise.all([
    read(distributor.query.config()),
    read(distributor.query.distributionCount()),
    read(distributor.query.cursor(me)),
    chainNow(app.chain),
    read(registry.query.walletView(me)),
    read(distributor.query.isDepositor(me)),
  ]);
  const record = view?.record;
  const ids = Array.from({ length: Math.min(count, SHOWN) }, (_, i) => count - 1 - i);
  const list = await Promise.all(ids.map(async (id) => ({ id, d: (await read(distributor.query.distribution(id)))! })));

  // What a claim would pay now, as the contract computes it: for each distribution from the holder's cursor,
  // floor(to_holders × balance at the record block / eligible supply), less the tax for the holder's country.
  let total = 0n;
  const mine: string[] = [];
  for (const { id, d } of [...list].reverse()) {
    if (id < cursor || d.closed || now >= d.expiresAt || d.excluded.some((x) => String(x.address?.() ?? x) === me)) continue;
    const at = await read(token.query.checkpointedBalanceOfAt(me, d.recordBlock));
    const bal = at.isOk ? at.value : 0n;
    if (!bal || !d.eligibleSupply) continue;
    let gross = (d.toHolders * bal) / d.eligibleSupply;
    const left = d.toHolders - d.claimed;
    if (gross > left) gross = left;
    const rate = record ? await read(distributor.query.taxRateFor(record.country, id)) : 0;
    const tax = (gross * BigInt(rate)) / 10_000n;
    total += gross - tax;
    mine.push(`#${id}: ${nativeAmount(app, gross - tax)}${tax ? ` (after ${bps(rate)} tax withheld: ${nativeAmount(app, tax)})` : ''}`);
  }

  const claim = async () => {
    const r = await submit({ chain: app.chain, label: 'Claim revenue', signer: app.account, contract: distributor, message: 'claim', args: [me], describe: distributorError });
    if (r.ok) await app.refresh();
  };
  const depositInput = (name: string, value: string) => h('input', { name, value }) as HTMLInputElement;
  const depositAmount = depositInput('amount', '1');
  const depositSource = depositInput('source', 'tolls');
  const depositPeriod = depositInput('period', new Date(Number(now)).toISOString().slice(0, 7));
  const deposit = async () => {
    const r = await submit({
      chain: app.chain, label: 'Deposit revenue', signer: app.account, contract: distributor, message: 'depositNative',
      args: [depositSource.value, depositPeriod.value], value: parseAmount(depositAmount.value, app.chain.decimals), describe: distributorError,
    });
    if (r.ok) await app.refresh();
  };

  el.replaceChildren(
    section('Revenue', {}, pairs([
      ['Paid to holders', h('span', {}, `${bps(config.payoutBps)} of each deposit; the rest to the reserve `, who(app, config.reserve))],
      ['Tax account', who(app, config.taxAccount)],
      ['Claim window', `${Number(config.claimWindowMs) / 86_400_000} days`],
      ['Distributions', h('span', { 'data-field': 'distribution-count' }, String(count))],
    ])),
    section(`What ${app.account.label} can claim`, {},
      h('p', {}, h('strong', { 'data-field': 'claimable', 'data-raw': total }, nativeAmount(app, total))),
      mine.length > 0 && h('p', { class: 'muted' }, mine.map((line, i) => [i ? h('br') : null, line])),
      h('button', { type: 'button', id: 'claim-dividend', onclick: claim }, 'Claim')),
    section('Distributions', {}, list.length
      ? h('table', { class: 'list' },
        h('tr', {}, ['#', 'Source / period', 'Deposited', 'To holders', 'Claimed', 'Record block', 'Expires'].map((t) => h('th', {}, t))),
        list.map(({ id, d }) => h('tr', { 'data-distribution': id },
          h('td', {}, String(id)), h('td', {}, `${d.source} / ${d.period}`), h('td', {}, nativeAmount(app, d.deposited)),
          h('td', {}, nativeAmount(app, d.toHolders)), h('td', {}, nativeAmount(app, d.claimed)), h('td', {}, String(d.recordBlock)),
          h('td', {}, d.closed ? 'closed' : `${date(d.expiresAt)} (${relative(d.expiresAt, now)})`))))
      : h('p', { class: 'muted' }, 'No revenue deposited yet.')),
    isDepositor ? section('Deposit revenue', {}, h('form', { id: 'deposit-form' },
      field(`Amount (${app.chain.unit})`, depositAmount), ' ', field('Source', depositSource), ' ', field('Period', depositPeriod), ' ',
      h('button', { type: 'button', id: 'deposit', onclick: deposit }, 'Deposit'))) : '',
  );
}
