// Offering (crowdfund_escrow): phase, raised against the soft and hard caps, deadline and cooling-off; the
// investor's position; contribute (payable), withdraw, finalize, claim tokens, claim a refund. Built as DOM nodes.
import type { App } from '../app';
import { nativeAmount, read, who } from '../app';
import { amount, bps, claimSet, country, date, parseAmount, relative } from '../format';
import { h, pairs, section, type Child } from '../dom';
import { chainNow } from '../chain';
import { capsChart } from '../charts';
import { escrowError, phaseName } from '../errors';
import { submit, type ArgsOf, type MessageOf } from '../tx';
import type { CrowdfundEscrowContractApi } from '../contracts/crowdfund-escrow';

export async function renderOffering(app: App, el: HTMLElement) {
  const { escrow } = app.chain.contracts;
  const me = app.account.address;
  const [{ symbol }, terms, status, position, now] = await Promise.all([
    app.chain.tokenMeta(),
    read(escrow.query.terms()),
    read(escrow.query.status()),
    read(escrow.query.position(me)),
    chainNow(app.chain),
  ]);
  const sym = symbol ?? 'tokens';
  const price = terms.pricePerToken;
  const tokens = (v: bigint) => `${amount(v / price)} ${sym}`;
  const both = (v: bigint): Child[] => [tokens(v), ' ', h('span', { class: 'muted' }, `(${nativeAmount(app, v)})`)];
  const open = status.phase === 'Open' || status.phase === 'AwaitingLead';

  const input = h('input', { name: 'tokens', value: amount(terms.minTicket / price).replace(/,/g, ''), size: 10 }) as HTMLInputElement;
  const cost = h('span', { class: 'muted', id: 'contribute-cost' });
  const showCost = () => {
    try { cost.textContent = `pays ${nativeAmount(app, parseAmount(input.value) * price)}`; } catch { cost.textContent = ''; }
  };
  input.addEventListener('input', showCost);
  showCost();
  const run = async <M extends MessageOf<CrowdfundEscrowContractApi>>(label: string, message: M, args: ArgsOf<CrowdfundEscrowContractApi, M>, value?: bigint) => {
    const r = await submit({ chain: app.chain, label, signer: app.account, contract: escrow, message, args, value, describe: escrowError });
    if (r.ok) await app.refresh();
  };
  const contribute = () => {
    const n = parseAmount(input.value);
    return run(`Contribute for ${amount(n)} ${sym}`, 'contribute', [], n * price);
  };
  const button = (id: string, label: string, onclick: () => unknown, secondary = false, disabled = false) =>
    h('button', { type: 'button', id, class: secondary ? 'secondary' : undefined, disabled, onclick }, label);

  el.replaceChildren(
    section('Offering', {}, pairs([
      ['Phase', h('strong', { 'data-field': 'phase' }, phaseName(status.phase))],
      ['Raised', h('span', {}, h('span', { 'data-field': 'raised', 'data-raw': status.raised }, tokens(status.raised)), ' ',
        h('span', { class: 'muted' }, `(${nativeAmount(app, status.raised)}) from ${status.investors} investors`))],
      ['Soft cap', h('span', {}, both(terms.softCap))],
      ['Hard cap', h('span', {}, both(terms.hardCap))],
      ['Price', `${nativeAmount(app, price)} a token`],
      ['Deadline', `${date(terms.deadline)} (${relative(terms.deadline, now)})`],
      ['Cooling-off', `${Number(terms.coolingOffMs) / 86_400_000} days for retail investors${status.coolingOffUntil ? `; the last ends ${date(status.coolingOffUntil)} (${relative(status.coolingOffUntil, now)})` : ''}`],
      ['Lead investor', h('span', {}, who(app, terms.leadInvestor), ', commits ', both(terms.leadCommitment), ' first')],
      ['Tickets', h('span', {}, both(terms.minTicket), ' … ', both(terms.maxTicket), '; without an accredited-investor claim at most ', both(terms.nonAccreditedCap))],
      ['Requires', `${claimSet(terms.requiredClaims)}${terms.blockedCountries.length ? `; not open to ${terms.blockedCountries.map(country).join(', ')}` : ''}`],
      ['Fee', h('span', {}, `${bps(terms.feeBps)} to `, who(app, terms.feeReceiver), `; holdback ${bps(terms.holdbackBps)}`)],
      ['Tokens delivered', `${amount(status.tokensDelivered)} ${sym}; refunded ${nativeAmount(app, status.refunded)}`],
    ]), capsChart(status.raised / price, terms.softCap / price, terms.hardCap / price, (v) => `${amount(v)} ${sym}`)),
    section(`Your position (${app.account.label})`, {}, position
      ? pairs([
        ['Paid', h('span', { 'data-field': 'paid' }, both(position.paid))],
        ['Identity', `#${position.identity}`],
        ['Investor kind', position.retail ? `retail: may withdraw until ${date(position.coolingOffUntil)} (${relative(position.coolingOffUntil, now)})` : 'accredited (no cooling-off)'],
        ['Settled', position.settled ? h('span', { class: 'ok', 'data-field': 'settled' }, 'yes') : h('span', { 'data-field': 'settled' }, 'no')],
      ])
      : h('p', { class: 'muted', 'data-field': 'paid' }, 'No position.')),
    section('Actions', {},
      h('form', { id: 'contribute-form' }, h('label', {}, 'Tokens to buy ', input), ' ', button('contribute', 'Contribute', contribute, false, !open), ' ', cost),
      h('p', {},
        button('withdraw', 'Withdraw (cooling-off)', () => run('Withdraw', 'withdraw', []), true), ' ',
        button('finalize', 'Finalize', () => run('Finalize the offering', 'finalize', []), true), ' ',
        button('claim-tokens', 'Claim my tokens', () => run('Claim tokens', 'claimTokens', [me])), ' ',
        button('claim-refund', 'Claim refund', () => run('Claim refund', 'claimRefund', []), true))),
  );
}
