// Offering (crowdfund_escrow): phase, raised against the soft and hard caps, deadline and cooling-off; the
// investor's position; contribute (payable), withdraw, finalize, claim tokens, claim a refund.
import type { App } from '../app';
import { named, nativeAmount, read } from '../app';
import { amount, bps, card, claimSet, country, date, esc, parseAmount, relative, rows } from '../format';
import { chainNow } from '../chain';
import { capsChart } from '../charts';
import { escrowError, phaseName } from '../errors';
import { submit, type ArgsOf, type MessageOf } from '../tx';
import type { CrowdfundEscrowContractApi } from '../contracts/crowdfund-escrow';

export async function renderOffering(app: App, el: HTMLElement) {
  const { escrow } = app.chain.contracts;
  const me = app.account.address;
  const { symbol } = await app.chain.tokenMeta();
  const [terms, status, position, now] = await Promise.all([
    read(escrow.query.terms()),
    read(escrow.query.status()),
    read(escrow.query.position(me)),
    chainNow(app.chain),
  ]);
  const sym = symbol ?? 'tokens';
  const price = terms.pricePerToken;
  const tokens = (v: bigint) => `${amount(v / price)} ${sym}`;
  const both = (v: bigint) => `${tokens(v)} <span class="muted">(${nativeAmount(app, v)})</span>`;
  const open = status.phase === 'Open' || status.phase === 'AwaitingLead';

  el.innerHTML =
    card('Offering', rows([
      ['Phase', `<strong data-field="phase">${esc(phaseName(status.phase))}</strong>`],
      ['Raised', `<span data-field="raised" data-raw="${status.raised}">${tokens(status.raised)}</span> <span class="muted">(${nativeAmount(app, status.raised)}) from ${status.investors} investors</span>`],
      ['Soft cap', both(terms.softCap)],
      ['Hard cap', both(terms.hardCap)],
      ['Price', `${nativeAmount(app, price)} a token`],
      ['Deadline', `${date(terms.deadline)} (${relative(terms.deadline, now)})`],
      ['Cooling-off', `${Number(terms.coolingOffMs) / 86_400_000} days for retail investors${status.coolingOffUntil ? `; the last ends ${date(status.coolingOffUntil)} (${relative(status.coolingOffUntil, now)})` : ''}`],
      ['Lead investor', `${named(app, terms.leadInvestor)}, commits ${both(terms.leadCommitment)} first`],
      ['Tickets', `${both(terms.minTicket)} … ${both(terms.maxTicket)}; without an accredited-investor claim at most ${both(terms.nonAccreditedCap)}`],
      ['Requires', `${claimSet(terms.requiredClaims)}${terms.blockedCountries.length ? `; not open to ${terms.blockedCountries.map(country).join(', ')}` : ''}`],
      ['Fee', `${bps(terms.feeBps)} to ${named(app, terms.feeReceiver)}; holdback ${bps(terms.holdbackBps)}`],
      ['Tokens delivered', `${amount(status.tokensDelivered)} ${esc(sym)}; refunded ${nativeAmount(app, status.refunded)}`],
    ]) + capsChart(status.raised / price, terms.softCap / price, terms.hardCap / price, (v) => `${amount(v)} ${sym}`)) +
    card(`Your position (${app.account.label})`, position
      ? rows([
          ['Paid', `<span data-field="paid">${both(position.paid)}</span>`],
          ['Identity', `#${position.identity}`],
          ['Investor kind', position.retail ? `retail: may withdraw until ${date(position.coolingOffUntil)} (${relative(position.coolingOffUntil, now)})` : 'accredited (no cooling-off)'],
          ['Settled', position.settled ? '<span class="ok" data-field="settled">yes</span>' : '<span data-field="settled">no</span>'],
        ])
      : '<p class="muted" data-field="paid">No position.</p>') +
    card('Actions', `
      <form id="contribute-form">
        <label>Tokens to buy <input name="tokens" value="${amount(terms.minTicket / price).replace(/,/g, '')}" size="10"></label>
        <button type="button" id="contribute" ${open ? '' : 'disabled'}>Contribute</button>
        <span class="muted" id="contribute-cost"></span>
      </form>
      <p>
        <button type="button" class="secondary" id="withdraw">Withdraw (cooling-off)</button>
        <button type="button" class="secondary" id="finalize">Finalize</button>
        <button type="button" id="claim-tokens">Claim my tokens</button>
        <button type="button" class="secondary" id="claim-refund">Claim refund</button>
      </p>`);

  const form = el.querySelector<HTMLFormElement>('#contribute-form')!;
  const input = form.elements.namedItem('tokens') as HTMLInputElement;
  const cost = el.querySelector<HTMLElement>('#contribute-cost')!;
  const showCost = () => {
    try { cost.textContent = `pays ${nativeAmount(app, parseAmount(input.value) * price)}`; } catch { cost.textContent = ''; }
  };
  input.addEventListener('input', showCost);
  showCost();

  const run = async <M extends MessageOf<CrowdfundEscrowContractApi>>(label: string, message: M, args: ArgsOf<CrowdfundEscrowContractApi, M>, value?: bigint) => {
    const r = await submit({ chain: app.chain, label, signer: app.account, contract: escrow, message, args, value, describe: escrowError });
    if (r.ok) await app.refresh();
  };
  el.querySelector('#contribute')!.addEventListener('click', () => {
    const n = parseAmount(input.value);
    return run(`Contribute for ${amount(n)} ${sym}`, 'contribute', [], n * price);
  });
  el.querySelector('#withdraw')!.addEventListener('click', () => run('Withdraw', 'withdraw', []));
  el.querySelector('#finalize')!.addEventListener('click', () => run('Finalize the offering', 'finalize', []));
  el.querySelector('#claim-tokens')!.addEventListener('click', () => run('Claim tokens', 'claimTokens', [me]));
  el.querySelector('#claim-refund')!.addEventListener('click', () => run('Claim refund', 'claimRefund', []));
}
