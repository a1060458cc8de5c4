// Platform: what a verifier of the alliance (and the regulator) does in the compliance registry, signed by its own
// wallet: look a wallet up, register an identity, link and unlink wallets, issue and revoke the claims it is
// trusted for, and (a regulator) freeze and unfreeze an identity. Each action is dry-run first: a refusal is shown
// in words before anything is signed (tx.ts). Built as DOM nodes (dom.ts): nothing read or typed becomes markup.
import type { App } from '../app';
import { addr } from '../app';
import { chainNow } from '../chain';
import { registryError } from '../errors';
import { CLAIM_NAMES, CLAIM_TYPES, claimSet, claimStatus, country, date, relative, short } from '../format';
import { field, guardedBy, h, pairs, section, sentence } from '../dom';
import { submit, type ArgsOf, type MessageOf } from '../tx';
import type { ComplianceRegistryContractApi as RegistryApi } from '../contracts/compliance-registry';
import type { SuiteTraitsComplianceClaimType as ClaimType } from '../contracts/compliance-registry/types';
import { blake2AsHex, decodeAddress } from 'dedot/utils';

const DAY_MS = 86_400_000n;

/** A typed SS58 address, or an error in words. */
function address(typed: string): string {
  const s = typed.trim();
  try {
    decodeAddress(s);
    return s;
  } catch {
    throw new Error(`"${s || '(empty)'}" is not an SS58 address`);
  }
}

function identityNumber(typed: string): bigint {
  const s = typed.trim().replace(/^#/, '');
  if (!/^\d{1,19}$/.test(s)) throw new Error(`"${typed}" is not an identity number`);
  return BigInt(s);
}

export async function renderPlatform(app: App, el: HTMLElement) {
  const { registry } = app.chain.contracts;
  const me = app.account.address;
  const [trusted, regulator, admin, now] = await Promise.all([
    registry.query.verifierClaims(me).then((r) => r.data as number),
    registry.query.isRegulator(me).then((r) => r.data),
    registry.query.adminAdmin().then((r) => addr(r.data)),
    chainNow(app.chain),
  ]);
  const mayIssue = CLAIM_TYPES.filter((_, i) => trusted & (1 << i));
  const role = [
    trusted ? `a verifier trusted for ${claimSet(trusted)}` : '',
    regulator ? 'a regulator' : '',
    admin === me ? 'the registry\'s admin' : '',
  ].filter(Boolean);

  const out = h('div', { id: 'platform-result' });
  const guarded = guardedBy(out);
  const run = async <M extends MessageOf<RegistryApi>>(label: string, message: M, args: ArgsOf<RegistryApi, M>) => {
    const r = await submit({ chain: app.chain, label, signer: app.account, contract: registry, message, args, describe: registryError });
    if (r.ok) await app.refresh();
  };
  const input = (name: string, attrs: Record<string, string> = {}) => h('input', { name, ...attrs }) as HTMLInputElement;

  // Looking up a wallet or an identity: what the registry holds, as the platform needs it before acting.
  const lookupInput = input('lookup', { size: '50', placeholder: 'wallet address or identity number' });
  const lookupOut = h('div', { id: 'lookup-result' });
  const lookup = guarded(async () => {
    const typed = lookupInput.value.trim();
    // By wallet, the registry's wallet_view (each claim with whether it counts now, by the registry's own rule:
    // unexpired and its issuer still trusted); by number, the same view through one of the identity's wallets.
    let id: bigint | undefined;
    let view = /^#?\d+$/.test(typed) ? undefined : (await registry.query.walletView(address(typed))).data;
    if (/^#?\d+$/.test(typed)) id = identityNumber(typed);
    else id = view?.identity;
    if (id === undefined) {
      lookupOut.replaceChildren(sentence(false, { 'data-lookup': 'unregistered' }, `${short(typed)} belongs to no identity: register it below.`));
      return;
    }
    const [record, wallets] = await Promise.all([
      registry.query.identity(id).then((r) => r.data),
      registry.query.complianceRegistryWalletsOf(id).then((r) => r.data),
    ]);
    if (!record) {
      lookupOut.replaceChildren(sentence(false, { 'data-lookup': 'unknown' }, `There is no identity #${id}.`));
      return;
    }
    if (!view && wallets.length) view = (await registry.query.walletView(addr(wallets[0]))).data;
    // An identity without a wallet left: its claims one by one, each judged by the same rule.
    const claims = view?.claims ?? (await Promise.all(CLAIM_TYPES.map(async (c) => {
      const claim = (await registry.query.claim(id!, c)).data;
      if (!claim) return undefined;
      const [trusted, at] = await Promise.all([registry.query.verifierClaims(addr(claim.issuer)), chainNow(app.chain)]);
      const issuerTrusted = ((trusted.data ?? 0) & (1 << CLAIM_TYPES.indexOf(c))) !== 0;
      return { claimType: c, claim, counts: claim.expiresAt > at && issuerTrusted, issuerTrusted };
    }))).filter((c) => c !== undefined);
    lookupOut.replaceChildren(
      pairs([
        ['Identity', h('span', { 'data-field': 'lookup-identity' }, `#${id}`)],
        ['Country', country(record.country)],
        ['Frozen', h('span', { 'data-field': 'lookup-frozen', class: record.frozen ? 'bad' : '' }, record.frozen ? 'yes, by a regulator' : 'no')],
        ['Registrar', h('code', { title: addr(record.registrar) }, short(addr(record.registrar)))],
        ['Wallets', h('ul', { 'data-field': 'lookup-wallets' }, wallets.map((w) => h('li', {}, h('code', {}, addr(w)))))],
      ]),
      h('table', { class: 'list', 'data-field': 'lookup-claims' },
        h('tr', {}, h('th', {}, 'Claim'), h('th', {}, 'Status'), h('th', {}, 'Expires'), h('th', {}, 'Issuer')),
        CLAIM_TYPES.map((c) => {
          const held = claims.find((x) => x.claimType === c);
          if (!held) return h('tr', {}, h('td', {}, CLAIM_NAMES[c]), h('td', { class: 'muted' }, 'none'), h('td', {}), h('td', {}));
          const { claim, counts, issuerTrusted } = held;
          return h('tr', { 'data-claim': c },
            h('td', {}, CLAIM_NAMES[c]),
            h('td', { class: counts ? 'ok' : 'bad' },
              claimStatus(counts, issuerTrusted)),
            h('td', {}, `${date(claim.expiresAt)} (${relative(claim.expiresAt, now)})`),
            h('td', {}, h('code', { title: addr(claim.issuer) }, short(addr(claim.issuer)))));
        })),
    );
  });

  const regWallet = input('wallet', { size: '50', placeholder: '5…' });
  const regCountry = input('country', { size: '5', value: '276' });
  const linkIdentity = input('identity', { size: '8', placeholder: '#' });
  const linkWallet = input('wallet', { size: '50', placeholder: '5…' });
  const claimIdentity = input('identity', { size: '8', placeholder: '#' });
  const claimType = h('select', { name: 'claim' },
    (mayIssue.length ? mayIssue : CLAIM_TYPES).map((c) => h('option', { value: c }, CLAIM_NAMES[c]))) as HTMLSelectElement;
  const claimDays = input('days', { size: '5', value: '365' });
  const claimEvidence = input('evidence', { size: '40', placeholder: 'the reference of the documents checked' });
  const freezeIdentity = input('identity', { size: '8', placeholder: '#' });
  const freezeReason = input('reason', { size: '40', placeholder: 'the order\'s reference' });

  el.replaceChildren(
    section(`Platform ${app.account.label}`, {},
      pairs([
        ['Address', h('code', {}, me)],
        ['Role in this registry', h('span', { 'data-field': 'platform-role' }, role.length ? role.join(', ') : 'none: this account can look up, not act')],
      ]),
      role.length ? null : h('p', { class: 'muted' },
        'A verifier is appointed by the registry\'s admin (the governor, through a proposal); the actions below would be refused.')),
    section('Look up', {}, h('form', { id: 'lookup-form', onsubmit: (e: Event) => { e.preventDefault(); void lookup(); } },
      field('Wallet or identity', lookupInput), h('button', { type: 'submit', id: 'lookup' }, 'Look up')), lookupOut),
    section('Register an identity', {},
      h('p', { class: 'muted' }, 'A new identity owning the wallet, resident in the country (ISO 3166-1 numeric). Its claims come next.'),
      h('form', { id: 'register-form' }, field('Wallet', regWallet), field('Country', regCountry),
        h('button', { type: 'button', id: 'register', onclick: guarded(async () => {
          const wallet = address(regWallet.value);
          const code = Number(regCountry.value.trim());
          if (!Number.isInteger(code) || code < 0 || code > 65_535) throw new Error(`"${regCountry.value}" is not a country code`);
          await run(`Register ${short(wallet)} (${country(code)})`, 'registerIdentity', [wallet, code]);
        }) }, 'Register'))),
    section('Wallets', {},
      h('p', { class: 'muted' }, 'Link another wallet of the same investor to its identity, or unlink one (the registrar or the admin).'),
      h('form', { id: 'wallet-form' }, field('Identity', linkIdentity), field('Wallet', linkWallet),
        h('button', { type: 'button', id: 'add-wallet', onclick: guarded(async () => {
          const id = identityNumber(linkIdentity.value);
          const wallet = address(linkWallet.value);
          await run(`Link ${short(wallet)} to #${id}`, 'addWallet', [id, wallet]);
        }) }, 'Link'),
        h('button', { type: 'button', id: 'remove-wallet', onclick: guarded(async () => {
          const wallet = address(linkWallet.value);
          await run(`Unlink ${short(wallet)}`, 'removeWallet', [wallet]);
        }) }, 'Unlink'))),
    section('Claims', {},
      h('p', { class: 'muted' }, mayIssue.length
        ? `This platform may issue: ${mayIssue.map((c) => CLAIM_NAMES[c]).join(', ')}. The evidence is kept on chain only as its hash.`
        : 'This account is trusted for no claim.'),
      h('form', { id: 'claim-form' }, field('Identity', claimIdentity), field('Claim', claimType),
        field('Valid for (days)', claimDays), field('Evidence', claimEvidence),
        h('button', { type: 'button', id: 'issue-claim', onclick: guarded(async () => {
          const id = identityNumber(claimIdentity.value);
          const days = claimDays.value.trim();
          if (!/^\d{1,5}$/.test(days) || days === '0') throw new Error(`"${claimDays.value}" is not a number of days`);
          const expiresAt = (await chainNow(app.chain)) + BigInt(days) * DAY_MS;
          const evidence = blake2AsHex(claimEvidence.value.trim() || `claim ${claimType.value} #${id}`);
          await run(`Issue ${CLAIM_NAMES[claimType.value]} to #${id}`, 'issueClaim', [id, claimType.value as ClaimType, expiresAt, evidence]);
        }) }, 'Issue or renew'),
        h('button', { type: 'button', id: 'revoke-claim', onclick: guarded(async () => {
          const id = identityNumber(claimIdentity.value);
          await run(`Revoke ${CLAIM_NAMES[claimType.value]} of #${id}`, 'revokeClaim', [id, claimType.value as ClaimType]);
        }) }, 'Revoke'))),
    section('Regulator', {},
      h('p', { class: 'muted' }, regulator
        ? 'A freeze stops every wallet of the identity on every token of this registry at once; the reason is kept as its hash.'
        : 'Only a regulator appointed by the registry may freeze an identity.'),
      h('form', { id: 'freeze-form' }, field('Identity', freezeIdentity), field('Order', freezeReason),
        h('button', { type: 'button', id: 'freeze', onclick: guarded(async () => {
          const id = identityNumber(freezeIdentity.value);
          const reason = blake2AsHex(freezeReason.value.trim() || `freeze #${id}`);
          await run(`Freeze #${id}`, 'freezeIdentity', [id, reason]);
        }) }, 'Freeze'),
        h('button', { type: 'button', id: 'unfreeze', onclick: guarded(async () => {
          const id = identityNumber(freezeIdentity.value);
          await run(`Unfreeze #${id}`, 'unfreezeIdentity', [id]);
        }) }, 'Unfreeze'))),
    out,
  );
}
