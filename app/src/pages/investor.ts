// Investor: the selected account's identity and claims (registry), balances and lock-ups (token), a
// `can_transfer` check whose refusal is shown as a sentence, and a transfer.
import type { App } from '../app';
import { accountOptions, named, nativeAmount, read } from '../app';
import { amount, card, CLAIM_NAMES, CLAIM_TYPES, country, date, esc, parseAmount, relative, rows } from '../format';
import { chainNow, nativeBalance } from '../chain';
import { psp22Error, transferRestriction } from '../errors';
import { submit } from '../tx';
import { involving, recentActivity } from '../activity';
import { words } from '../calls';
import { h, section } from '../dom';
import type { Contract } from 'dedot/contracts';

export async function renderInvestor(app: App, el: HTMLElement) {
  const { registry, token } = app.chain.contracts;
  const me = app.account.address;
  const { decimals, symbol } = await app.chain.tokenMeta();
  const [identityId, balance, free, lockup, state, native, now] = await Promise.all([
    read(registry.query.complianceRegistryIdentityOf(me)),
    read(token.query.psp22BalanceOf(me)),
    read(token.query.freeBalanceOf(me)),
    read(token.query.lockupOf(me)),
    read(token.query.accountState(me)),
    nativeBalance(app.chain, me),
    chainNow(app.chain),
  ]);
  const sym = symbol ?? 'tokens';

  let identityHtml = '<p class="bad" data-field="identity">This wallet is not registered: it belongs to no identity in the compliance registry.</p>';
  if (identityId !== undefined) {
    const [record, claims] = await Promise.all([
      read(registry.query.identity(identityId)),
      Promise.all(CLAIM_TYPES.map(async (c) => [c, await read(registry.query.claim(identityId, c))] as const)),
    ]);
    identityHtml = rows([
      ['Identity', `<span data-field="identity">#${identityId}</span>`],
      ['Country', record ? country(record.country) : '—'],
      ['Frozen', record?.frozen ? '<span class="bad">yes, by a regulator</span>' : 'no'],
      ['Registrar', record ? named(app, record.registrar) : '—'],
      ['Wallets', String(record?.walletCount ?? 0)],
    ]) + `<table class="list" data-field="claims"><tr><th>Claim</th><th>Status</th><th>Expires</th><th>Issuer</th></tr>${claims
      .map(([c, claim]) => {
        if (!claim) return `<tr><td>${CLAIM_NAMES[c]}</td><td class="muted">none</td><td></td><td></td></tr>`;
        const valid = claim.expiresAt > now;
        return `<tr data-claim="${c}"><td>${CLAIM_NAMES[c]}</td><td class="${valid ? 'ok' : 'bad'}">${valid ? 'valid' : 'expired'}</td><td>${date(claim.expiresAt)} (${relative(claim.expiresAt, now)})</td><td>${named(app, claim.issuer)}</td></tr>`;
      })
      .join('')}</table>`;
  }

  const lockHtml = lockup.length
    ? `<table class="list"><tr><th>Locked</th><th>Until</th></tr>${lockup
        .map((t) => `<tr><td>${amount(t.amount, decimals)} ${esc(sym)}</td><td>${date(t.releaseAt)} (${relative(t.releaseAt, now)})</td></tr>`)
        .join('')}</table>`
    : '<span class="muted">none</span>';

  el.innerHTML =
    card(`Investor ${app.account.label}`, rows([
      ['Address', `<code>${esc(me)}</code>`],
      ['Native balance', nativeAmount(app, native)],
      ['Token balance', `<span data-field="balance">${amount(balance, decimals)}</span> ${esc(sym)}`],
      ['Transferable now', `${amount(free, decimals)} ${esc(sym)}`],
      ['Frozen on the token', state.frozen ? '<span class="bad">account frozen</span>' : state.frozenTokens ? `${amount(state.frozenTokens, decimals)} ${esc(sym)}` : 'no'],
      ['Exempt', state.exempt ? 'yes' : 'no'],
      ['Lock-ups', lockHtml],
    ])) +
    card('Identity and claims', identityHtml) +
    card('Transfer', `
      <form id="transfer-form">
        <label>To <select name="to"><option value="">(type an address)</option>${accountOptions(app, app.chain.accounts[1]?.address)}</select></label>
        <label>or address <input name="toAddress" size="50" placeholder="5…"></label>
        <label>Amount (${esc(sym)}) <input name="amount" value="1" size="10"></label>
        <button type="button" id="check-transfer">Check (can_transfer)</button>
        <button type="button" id="do-transfer">Transfer</button>
      </form>
      <div id="can-transfer-result"></div>`);

  // The account's own activity: every event of the deployment's contracts that names it, in the newest blocks.
  // Read after the page is shown (a few hundred blocks take a moment), into its own card.
  const contracts = Object.fromEntries(Object.entries(app.chain.contracts).filter(([, c]) => c)) as Record<string, Contract<any>>;
  const activityCard = section('Your activity', { id: 'activity' }, h('p', { class: 'muted' }, 'Reading the recent blocks…'));
  el.append(activityCard);
  void recentActivity(app.chain, contracts, involving(me)).then((activity) => {
    activityCard.replaceChildren(h('h2', {}, 'Your activity'),
      h('p', { class: 'muted' }, `What the project's contracts recorded about this account in blocks #${activity.from} to #${activity.to}, newest first.`,
        activity.unreadable ? ` ${activity.unreadable} of these blocks could not be read (the node no longer keeps their state).` : ''),
      activity.items.length
        ? h('table', { class: 'list', 'data-field': 'activity' },
          h('tr', {}, h('th', {}, 'Block'), h('th', {}, 'Contract'), h('th', {}, 'Event'), h('th', {}, 'Details')),
          activity.items.map((a) => h('tr', { 'data-event': a.event },
            h('td', {}, `#${a.block}`), h('td', {}, a.contract), h('td', {}, a.event),
            h('td', {}, Object.entries(a.data).map(([k, v]) => `${k}: ${words(app.chain.deployment, v)}`).join(', ')))))
        : h('p', { class: 'muted', 'data-field': 'no-activity' }, 'Nothing in these blocks.'));
  }, (e) => activityCard.replaceChildren(h('h2', {}, 'Your activity'), h('p', { class: 'bad' }, `Could not read the recent blocks: ${(e as Error).message}`)));

  const form = el.querySelector<HTMLFormElement>('#transfer-form')!;
  const target = () => {
    const typed = (form.elements.namedItem('toAddress') as HTMLInputElement).value.trim();
    return typed || (form.elements.namedItem('to') as HTMLSelectElement).value;
  };
  const value = () => parseAmount((form.elements.namedItem('amount') as HTMLInputElement).value, decimals);
  const out = el.querySelector<HTMLElement>('#can-transfer-result')!;

  el.querySelector('#check-transfer')!.addEventListener('click', async () => {
    out.innerHTML = '<p class="muted">Asking the token…</p>';
    try {
      const to = target();
      const res = await read(token.query.canTransfer(me, to, value()));
      out.innerHTML = res.isOk
        ? `<div class="sentence ok" data-can-transfer="ok">The token would allow this transfer of ${amount(value(), decimals)} ${esc(sym)} to ${named(app, to)}.</div>`
        : `<div class="sentence bad" data-can-transfer="refused" data-variant="${esc(variant(res.err))}">Refused: ${esc(transferRestriction(res.err))}</div>`;
    } catch (e) {
      out.innerHTML = `<div class="sentence bad" data-can-transfer="error">${esc((e as Error).message)}</div>`;
    }
  });
  el.querySelector('#do-transfer')!.addEventListener('click', async () => {
    try {
      const to = target();
      const amt = value();
      // A PSP22 transfer refused by the compliance rules returns PSP22Error::Custom(<short reason>); ask
      // can_transfer first so the refusal reads as the full sentence.
      const check = await read(token.query.canTransfer(me, to, amt));
      const r = await submit({
        chain: app.chain, label: `Transfer ${amount(amt, decimals)} ${sym}`, signer: app.account, contract: token,
        message: 'psp22Transfer', args: [to, amt, '0x'],
        describe: (e) => (check.isErr ? transferRestriction(check.err) : psp22Error(e)),
      });
      if (r.ok) await app.refresh();
    } catch (e) {
      out.innerHTML = `<div class="sentence bad">${esc((e as Error).message)}</div>`;
    }
  });
}

function variant(e: unknown): string {
  return typeof e === 'string' ? e : (e as { type: string }).type;
}
