// Sponsor: what the project's side does, each signed by its own wallet account. A proposal to the governor built
// from the metadata (a contract of the deployment, one of its messages on the governor's allow-list, arguments typed
// per the message's own types and encoded with its metadata), revenue deposits to the distributor, and the
// offering's finalisation and tranche releases. Voting, queueing and executing are on the governance page.
import type { App } from '../app';
import { nativeAmount } from '../app';
import { decodeCall, encodeArgs, messagesOf, parseArg, type MessageSpec } from '../calls';
import { distributorError, escrowError, governorError, phaseName } from '../errors';
import { parseAmount } from '../format';
import { field, guardedBy, h, pairs, section } from '../dom';
import { submit } from '../tx';
import { blake2AsHex, stringToHex } from 'dedot/utils';

/** Which messages of which contract the governor allow-lists, as read at most a minute ago: one query per message,
 * too many to repeat at every block, and the list changes only through an executed proposal. */
const allowListed = new Map<string, { at: number; list: Promise<Set<string>> }>();
const ALLOW_LIST_TTL_MS = 60_000;

async function allowListOf(app: App, contract: string, messages: MessageSpec[]): Promise<Set<string>> {
  const key = `${app.chain.deployment.manifest.contracts[contract].address}`;
  const cached = allowListed.get(key);
  let found = cached && Date.now() - cached.at < ALLOW_LIST_TTL_MS ? cached.list : undefined;
  if (!found) {
    const { governor } = app.chain.contracts;
    found = Promise.all(messages.map(async (m) => ((await governor.query.allowed(key, m.selector as `0x${string}`)).data ? m.selector : '')))
      .then((list) => new Set(list.filter(Boolean)));
    allowListed.set(key, { at: Date.now(), list: found });
  }
  return found;
}

export async function renderSponsor(app: App, el: HTMLElement) {
  const { escrow, distributor } = app.chain.contracts;
  const { deployment } = app.chain;
  const [phase, next] = await Promise.all([
    escrow.query.phase().then((r) => r.data),
    escrow.query.nextTranche().then((r) => r.data),
  ]);
  const out = h('div', { id: 'sponsor-result' });
  const guarded = guardedBy(out);

  // The proposal builder.
  const contracts = Object.keys(deployment.manifest.contracts).filter((c) => deployment.metadata[c]);
  const contractSelect = h('select', { name: 'contract' }, contracts.map((c) => h('option', { value: c }, c))) as HTMLSelectElement;
  const messageSelect = h('select', { name: 'message' }) as HTMLSelectElement;
  const argsBox = h('div', { id: 'proposal-args' });
  const docs = h('p', { class: 'muted', id: 'proposal-docs' });
  const preview = h('p', { id: 'proposal-preview', 'data-field': 'proposal-preview' });
  const description = h('input', { name: 'description', size: '60', placeholder: 'what the proposal does, in a sentence' }) as HTMLInputElement;
  let specs: MessageSpec[] = [];
  const showArgs = () => {
    const spec = specs.find((m) => m.selector === messageSelect.value);
    docs.textContent = spec?.docs ?? '';
    argsBox.replaceChildren(...(spec?.args ?? []).map((a) =>
      field(`${a.name} (${a.typeName})`, h('input', { name: `arg-${a.name}`, 'data-arg': a.name, size: '40' }))));
  };
  /** The latest contract picked: an answer for an earlier pick arriving late is dropped. */
  let picking = 0;
  const showMessages = async () => {
    const mine = ++picking;
    const all = messagesOf(deployment, contractSelect.value).filter((m) => m.mutates);
    const allowed = await allowListOf(app, contractSelect.value, all);
    if (mine !== picking) return;
    specs = all;
    messageSelect.replaceChildren(...all
      .sort((a, b) => Number(allowed.has(b.selector)) - Number(allowed.has(a.selector)))
      .map((m) => h('option', { value: m.selector, disabled: !allowed.has(m.selector), 'data-label': m.label },
        allowed.has(m.selector) ? m.label : `${m.label} (not on the governor's allow-list)`)));
    showArgs();
  };
  contractSelect.addEventListener('change', () => void showMessages());
  messageSelect.addEventListener('change', showArgs);
  await showMessages();

  const propose = guarded(async () => {
    const spec = specs.find((m) => m.selector === messageSelect.value);
    if (!spec) throw new Error('pick a message on the governor\'s allow-list');
    if (spec.contract !== contractSelect.value) throw new Error('the message list is still loading: pick the message again');
    const values = spec.args.map((a, i) =>
      parseArg(deployment, spec, i, argsBox.querySelector<HTMLInputElement>(`[data-arg="${CSS.escape(a.name)}"]`)!.value));
    const input = encodeArgs(deployment, spec, values);
    const text = description.value.trim();
    if (!text) throw new Error('say what the proposal does: its description is what holders read before voting');
    const call = { callee: deployment.manifest.contracts[spec.contract].address, selector: spec.selector as `0x${string}`, input, value: 0n };
    // What will be signed, decoded back from the bytes exactly as the voters will see it.
    const d = decodeCall(deployment, call);
    const said = `${d.contract}.${d.message}(${d.args.map((x) => `${x.name}: ${x.value}`).join(', ')})`;
    preview.textContent = `Proposing ${said}`;
    const r = await submit({
      chain: app.chain, label: `Propose ${said}`, signer: app.account, contract: app.chain.contracts.governor,
      message: 'propose', args: [[call], blake2AsHex(stringToHex(text))], describe: governorError,
    });
    if (r.ok) await app.refresh();
  });

  // Revenue.
  const source = h('input', { name: 'source', size: '12', value: 'tolls' }) as HTMLInputElement;
  const period = h('input', { name: 'period', size: '10', value: new Date().toISOString().slice(0, 7) }) as HTMLInputElement;
  const depositAmount = h('input', { name: 'amount', size: '12', value: '10' }) as HTMLInputElement;
  const deposit = guarded(async () => {
    const value = parseAmount(depositAmount.value, app.chain.decimals);
    if (!source.value.trim() || !period.value.trim()) throw new Error('name the revenue\'s source and period');
    const r = await submit({
      chain: app.chain, label: `Deposit ${nativeAmount(app, value)} of ${source.value.trim()} for ${period.value.trim()}`,
      signer: app.account, contract: distributor, message: 'depositNative', args: [source.value.trim(), period.value.trim()],
      value, describe: distributorError,
    });
    if (r.ok) await app.refresh();
  });

  // The offering.
  const trancheIndex = h('input', { name: 'index', size: '4', value: '0' }) as HTMLInputElement;
  const escrowRun = (go: () => Promise<{ ok: boolean }>) => guarded(async () => {
    if ((await go()).ok) await app.refresh();
  });

  el.replaceChildren(
    section('Propose through the governor', {},
      h('p', { class: 'muted' }, 'Any verified holder with enough voting power may propose; only messages on the governor\'s allow-list can be proposed. Holders vote on the governance page, where the call is shown decoded.'),
      h('form', { id: 'propose-form', onsubmit: (e: Event) => e.preventDefault() },
        field('Contract', contractSelect), field('Message', messageSelect), docs, argsBox, field('Description', description),
        h('button', { type: 'button', id: 'propose', onclick: propose }, 'Propose'), preview)),
    section('Revenue', {},
      h('p', { class: 'muted' }, 'The depositor pays revenue into the distributor; holders claim their share on the revenue page.'),
      h('form', { id: 'deposit-form' }, field('Source', source), field('Period', period),
        field(`Amount (${app.chain.unit})`, depositAmount),
        h('button', { type: 'button', id: 'deposit', onclick: deposit }, 'Deposit'))),
    section('Offering', {},
      pairs([
        ['Phase', h('span', { 'data-field': 'sponsor-phase' }, phaseName(String(phase)))],
        ['Next tranche', h('span', { 'data-field': 'next-tranche' }, next
          ? `${(next.shareBps / 100).toFixed(2)}% of the raise, released ${next.condition.type === 'AdminApproval'
            ? 'on the admin\'s (the governor\'s) approval' : `when the oracle reports milestone ${next.condition.value[1]} attested`}`
          : 'none awaiting release')],
      ]),
      h('form', { id: 'offering-form' },
        h('button', { type: 'button', id: 'sponsor-finalize', onclick: escrowRun(() => submit({
          chain: app.chain, label: 'Finalize the offering', signer: app.account, contract: escrow, message: 'finalize', args: [], describe: escrowError,
        })) }, 'Finalize'),
        h('button', { type: 'button', id: 'release-tranche', onclick: escrowRun(() => submit({
          chain: app.chain, label: 'Release the next tranche', signer: app.account, contract: escrow, message: 'releaseTranche', args: [], describe: escrowError,
        })) }, 'Release the next tranche'),
        field('or tranche', trancheIndex),
        h('button', { type: 'button', id: 'release-tranche-at', onclick: guarded(async () => {
          const i = Number(trancheIndex.value.trim());
          if (!Number.isInteger(i) || i < 0 || i > 255) throw new Error(`"${trancheIndex.value}" is not a tranche number`);
          const r = await submit({
            chain: app.chain, label: `Release tranche ${i}`, signer: app.account, contract: escrow, message: 'releaseTrancheAt', args: [i], describe: escrowError,
          });
          if (r.ok) await app.refresh();
        }) }, 'Release it'))),
    out,
  );
}
