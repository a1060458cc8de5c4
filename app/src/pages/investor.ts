// Investor: the selected account's identity and claims (the registry's `wallet_view`: each claim with whether it
// counts now, by the registry's own rule), its holding (the token's `holding`: balance, what it can move now,
// lock-ups, freezes), a `can_transfer` check whose refusal is shown as a sentence, and a transfer. Two contract
// reads for the page (and the token's symbol and decimals, read once per session). Built as DOM nodes (dom.ts).
import type { App } from '../app';
import { accountChoices, nativeAmount, read, who } from '../app';
import { amount, CLAIM_NAMES, CLAIM_TYPES, claimStatus, country, date, parseAmount, relative } from '../format';
import { chainNow, nativeBalance } from '../chain';
import { psp22Error, transferRestriction } from '../errors';
import { submit } from '../tx';
import { involving, recentActivity } from '../activity';
import { words } from '../calls';
import { field, h, pairs, section, sentence, type Child } from '../dom';
import type { Contract } from 'dedot/contracts';

export async function renderInvestor(app: App, el: HTMLElement) {
  const { registry, token } = app.chain.contracts;
  const me = app.account.address;
  const [{ decimals, symbol }, view, holding, native, now] = await Promise.all([
    app.chain.tokenMeta(),
    read(registry.query.walletView(me)),
    read(token.query.holding(me)),
    nativeBalance(app.chain, me),
    chainNow(app.chain),
  ]);
  const sym = symbol ?? 'tokens';
  const tokens = (v: bigint) => `${amount(v, decimals)} ${sym}`;
  const { state } = holding;

  const identity = view === undefined
    ? [h('p', { class: 'bad', 'data-field': 'identity' }, 'This wallet is not registered: it belongs to no identity in the compliance registry.')]
    : [
      pairs([
        ['Identity', h('span', { 'data-field': 'identity' }, `#${view.identity}`)],
        ['Country', country(view.record.country)],
        ['Frozen', view.record.frozen ? h('span', { class: 'bad' }, 'yes, by a regulator') : 'no'],
        ['Registrar', who(app, view.record.registrar)],
        ['Wallets', String(view.record.walletCount)],
      ]),
      view.claims.length
        ? h('table', { class: 'list', 'data-field': 'claims' },
          h('tr', {}, h('th', {}, 'Claim'), h('th', {}, 'Status'), h('th', {}, 'Expires'), h('th', {}, 'Issuer')),
          view.claims.map(({ claimType, claim, counts, issuerTrusted }) => h('tr', { 'data-claim': claimType },
            h('td', {}, CLAIM_NAMES[claimType] ?? claimType),
            // The registry's own verdict, and its reason, read at one block: an unexpired claim whose issuer left
            // the alliance does not count either.
            h('td', { class: counts ? 'ok' : 'bad' },
              claimStatus(counts, issuerTrusted)),
            h('td', {}, `${date(claim.expiresAt)} (${relative(claim.expiresAt, now)})`),
            h('td', {}, who(app, claim.issuer)))))
        : h('p', { class: 'muted', 'data-field': 'claims' }, 'No claim issued to this identity.'),
    ];

  const lockups = holding.lockups.length
    ? h('table', { class: 'list' }, h('tr', {}, h('th', {}, 'Locked'), h('th', {}, 'Until')),
      holding.lockups.map((t) => h('tr', {}, h('td', {}, tokens(t.amount)), h('td', {}, `${date(t.releaseAt)} (${relative(t.releaseAt, now)})`))))
    : h('span', { class: 'muted' }, 'none');

  const to = h('select', { name: 'to' }, h('option', { value: '' }, '(type an address)'),
    accountChoices(app, app.chain.accounts[1]?.address)) as HTMLSelectElement;
  const toAddress = h('input', { name: 'toAddress', size: 50, placeholder: '5…' }) as HTMLInputElement;
  const amountInput = h('input', { name: 'amount', value: '1', size: 10 }) as HTMLInputElement;
  const out = h('div', { id: 'can-transfer-result' });
  const target = () => toAddress.value.trim() || to.value;
  const value = () => parseAmount(amountInput.value, decimals);

  const check = async () => {
    out.replaceChildren(h('p', { class: 'muted' }, 'Asking the token…'));
    try {
      const recipient = target();
      const res = await read(token.query.canTransfer(me, recipient, value()));
      out.replaceChildren(res.isOk
        ? sentence(true, { 'data-can-transfer': 'ok' }, `The token would allow this transfer of ${tokens(value())} to `, who(app, recipient), '.')
        : sentence(false, { 'data-can-transfer': 'refused', 'data-variant': variant(res.err) }, `Refused: ${transferRestriction(res.err)}`));
    } catch (e) {
      out.replaceChildren(sentence(false, { 'data-can-transfer': 'error' }, (e as Error).message));
    }
  };
  const transfer = async () => {
    try {
      // The amount is scaled by the token's decimals: never with the build's unchecked ones (chain.ts).
      const checked = await app.chain.checkBuild().catch(() => undefined);
      if (!checked) throw new Error('The token\'s decimals could not be confirmed on chain yet: nothing was sent. Try again in a moment.');
      if (checked.decimals !== decimals) throw new Error('The token\'s decimals differ from what this page was drawn with: nothing was sent. The page reads again.');
      const recipient = target();
      const amt = value();
      // A PSP22 transfer refused by the compliance rules returns PSP22Error::Custom(<short reason>); ask
      // can_transfer first so the refusal reads as the full sentence.
      const verdict = await read(token.query.canTransfer(me, recipient, amt));
      const r = await submit({
        chain: app.chain, label: `Transfer ${tokens(amt)}`, signer: app.account, contract: token,
        message: 'psp22Transfer', args: [recipient, amt, '0x'],
        describe: (e) => (verdict.isErr ? transferRestriction(verdict.err) : psp22Error(e)),
      });
      if (r.ok) await app.refresh();
    } catch (e) {
      out.replaceChildren(sentence(false, {}, (e as Error).message));
    }
  };

  // The account's own activity: every event of the deployment's contracts that names it, in the newest blocks.
  // Read after the page is shown (a few hundred blocks take a moment), into its own card.
  const contracts = Object.fromEntries(Object.entries(app.chain.contracts).filter(([, c]) => c)) as Record<string, Contract<any>>;
  const activityCard = section('Your activity', { id: 'activity' }, h('p', { class: 'muted' }, 'Reading the recent blocks…'));

  // Onboarding: what the token requires, which of the alliance's platforms can verify each claim now (the
  // verifiers the deployment named, each checked on chain), and which required claims this wallet still needs.
  // Read after the page shows, into its own card.
  const verifyCard = section('Who can verify you', { id: 'verifiers' }, h('p', { class: 'muted' }, 'Asking the registry…'));
  void verifiers(app, view?.claims.filter((c) => c.counts).map((c) => c.claimType) ?? [])
    .then((body) => verifyCard.replaceChildren(h('h2', {}, 'Who can verify you'), h('div', {}, body)),
      (e) => verifyCard.replaceChildren(h('h2', {}, 'Who can verify you'), h('p', { class: 'bad' }, `Could not read the registry: ${(e as Error).message}`)));

  el.replaceChildren(
    section(`Investor ${app.account.label}`, {}, pairs([
      ['Address', h('code', {}, me)],
      ['Native balance', nativeAmount(app, native)],
      ['Token balance', h('span', {}, h('span', { 'data-field': 'balance' }, amount(holding.balance, decimals)), ` ${sym}`)],
      ['Transferable now', h('span', { 'data-field': 'free' }, tokens(holding.free))],
      ['Frozen on the token', state.frozen ? h('span', { class: 'bad' }, 'account frozen') : state.frozenTokens ? tokens(state.frozenTokens) : 'no'],
      ['Exempt', state.exempt ? 'yes' : 'no'],
      ['Lock-ups', lockups],
    ])),
    section('Identity and claims', {}, ...identity),
    verifyCard,
    section('Transfer', {},
      h('form', { id: 'transfer-form' },
        field('To', to), field('or address', toAddress), field(`Amount (${sym})`, amountInput),
        h('button', { type: 'button', id: 'check-transfer', onclick: check }, 'Check (can_transfer)'),
        h('button', { type: 'button', id: 'do-transfer', onclick: transfer }, 'Transfer')),
      out),
    activityCard,
  );

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
}

/** The token's required claims, and for each platform the deployment named as a verifier of its registry, the
 * claim types it is trusted for now; which required claims `valid` (the wallet's counting claims) lacks, and who
 * can issue them. */
async function verifiers(app: App, valid: string[]): Promise<Child[]> {
  const { registry, token } = app.chain.contracts;
  const named = app.chain.deployment.manifest.roles.filter((r) => r.contract === 'registry' && r.role.startsWith('verifier'));
  const platforms = [...new Map(named.map((r) => [r.address, r.holder])).entries()];
  const [rules, trusted] = await Promise.all([
    read(token.query.rules()),
    Promise.all(platforms.map(async ([address]) => (await read(registry.query.verifierClaims(address))) ?? 0)),
  ]);
  const types = (bits: number) => CLAIM_TYPES.filter((_, i) => bits & (1 << i));
  const required = types(rules.requiredClaims);
  const missing = required.filter((c) => !valid.includes(c));
  const issuers = (c: string) => platforms.filter((_, i) => types(trusted[i]).includes(c as (typeof CLAIM_TYPES)[number])).map(([, holder]) => holder);
  return [
    h('p', { 'data-field': 'required-claims' }, required.length
      ? `This token requires of its holders: ${required.map((c) => CLAIM_NAMES[c]).join(', ')}.`
      : 'This token requires no claim of its holders.'),
    missing.length
      ? h('p', { class: 'bad', 'data-field': 'missing-claims' }, 'You still need: ', missing.map((c, i) => [i ? '; ' : '',
        `${CLAIM_NAMES[c]}, from ${issuers(c).join(' or ') || 'no platform trusted for it now'}`]), '.')
      : h('p', { class: 'ok', 'data-field': 'missing-claims' }, 'You hold every claim the token requires.'),
    h('table', { class: 'list', 'data-field': 'verifiers' },
      h('tr', {}, h('th', {}, 'Platform'), h('th', {}, 'Trusted now for')),
      platforms.map(([address, holder], i) => h('tr', { 'data-verifier': holder },
        h('td', {}, who(app, address), ` ${holder}`),
        h('td', { class: trusted[i] ? '' : 'bad' }, trusted[i] ? types(trusted[i]).map((c) => CLAIM_NAMES[c]).join(', ') : 'nothing: no longer in the alliance')))),
    h('p', { class: 'muted' }, 'The platforms the deployment named; the registry\'s admin may trust others since.'),
  ];
}

function variant(e: unknown): string {
  return typeof e === 'string' ? e : (e as { type: string }).type;
}
