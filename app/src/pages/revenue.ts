// Revenue (dividend_distributor): the distributions, what the selected investor can claim, claim; a deposit form
// for the depositors (the toll operator).
import type { App } from '../app';
import { named, nativeAmount, read } from '../app';
import { bps, card, date, esc, parseAmount, relative, rows } from '../format';
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

  el.innerHTML =
    card('Revenue', rows([
      ['Paid to holders', `${bps(config.payoutBps)} of each deposit; the rest to the reserve ${named(app, config.reserve)}`],
      ['Tax account', named(app, config.taxAccount)],
      ['Claim window', `${Number(config.claimWindowMs) / 86_400_000} days`],
      ['Distributions', `<span data-field="distribution-count">${count}</span>`],
    ])) +
    card(`What ${app.account.label} can claim`, `
      <p><strong data-field="claimable" data-raw="${total}">${nativeAmount(app, total)}</strong></p>
      ${mine.length ? `<p class="muted">${mine.map(esc).join('<br>')}</p>` : ''}
      <button type="button" id="claim-dividend">Claim</button>`) +
    card('Distributions', list.length
      ? `<table class="list"><tr><th>#</th><th>Source / period</th><th>Deposited</th><th>To holders</th><th>Claimed</th><th>Record block</th><th>Expires</th></tr>${list
          .map(({ id, d }) => `<tr data-distribution="${id}"><td>${id}</td><td>${esc(d.source)} / ${esc(d.period)}</td><td>${nativeAmount(app, d.deposited)}</td><td>${nativeAmount(app, d.toHolders)}</td><td>${nativeAmount(app, d.claimed)}</td><td>${d.recordBlock}</td><td>${d.closed ? 'closed' : `${date(d.expiresAt)} (${relative(d.expiresAt, now)})`}</td></tr>`)
          .join('')}</table>`
      : '<p class="muted">No revenue deposited yet.</p>') +
    (isDepositor
      ? card('Deposit revenue', `<form id="deposit-form">
          <label>Amount (${esc(app.chain.unit)}) <input name="amount" value="1"></label>
          <label>Source <input name="source" value="tolls"></label>
          <label>Period <input name="period" value="${new Date(Number(now)).toISOString().slice(0, 7)}"></label>
          <button type="button" id="deposit">Deposit</button></form>`)
      : '');

  el.querySelector('#claim-dividend')!.addEventListener('click', async () => {
    const r = await submit({ chain: app.chain, label: 'Claim revenue', signer: app.account, contract: distributor, message: 'claim', args: [me], describe: distributorError });
    if (r.ok) await app.refresh();
  });
  el.querySelector('#deposit')?.addEventListener('click', async () => {
    const f = el.querySelector<HTMLFormElement>('#deposit-form')!;
    const v = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value;
    const r = await submit({
      chain: app.chain, label: 'Deposit revenue', signer: app.account, contract: distributor, message: 'depositNative',
      args: [v('source'), v('period')], value: parseAmount(v('amount'), app.chain.decimals), describe: distributorError,
    });
    if (r.ok) await app.refresh();
  });
}
