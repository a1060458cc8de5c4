// Passes (usage-pass NFT): the facility (open or not, its long-stop), every pass class with its terms, buying one,
// and the account's own passes (found in the pass contract's recent events, each confirmed with `owner_of`): credit,
// validity (a pass sold before the facility opens starts its validity at the opening, never before), points, and
// its receipts (each meter's `Consumed`); top up, renew, refund. Built as DOM nodes (dom.ts).
import type { App } from '../app';
import { addr, nativeAmount } from '../app';
import { chainNow } from '../chain';
import { recentActivity } from '../activity';
import { passError } from '../errors';
import { amount, date, relative, short } from '../format';
import { field, guardedBy, h, pairs, section } from '../dom';
import { submit } from '../tx';

const DAY_MS = 86_400_000n;

export async function renderPasses(app: App, el: HTMLElement) {
  const pass = app.chain.contracts.pass;
  if (!pass) {
    el.replaceChildren(section('Passes', {}, h('p', { class: 'muted' }, 'This project sells no usage passes.')));
    return;
  }
  const me = app.account.address;
  const [facility, count, now] = await Promise.all([
    pass.query.facility().then((r) => r.data),
    pass.query.classCount().then((r) => r.data),
    chainNow(app.chain),
  ]);
  const classes = await Promise.all(Array.from({ length: count }, (_, i) => pass.query.class(i).then((r) => [i, r.data] as const)));
  const units = (v: bigint) => nativeAmount(app, v);
  const opened = facility.openedAt !== undefined;

  const out = h('div', { id: 'passes-result' });
  const guarded = guardedBy(out);
  const run = async (label: string, go: () => ReturnType<typeof submit>) => {
    const r = await go();
    if (r.ok) await app.refresh();
    return r;
  };

  // The account's passes: ids from its recent PassBought / Transfer events, kept only if it still owns them.
  const mine = await recentActivity(app.chain, { pass }, (a) =>
    (a.event === 'PassBought' && addr(a.data.buyer) === me) || (a.event === 'Transfer' && addr(a.data.to) === me));
  const ids = [...new Set(mine.items.map((a) => {
    const id = a.data.pass ?? a.data.id;
    return typeof id === 'bigint' ? id : BigInt(((id as { value?: bigint | number })?.value ?? 0));
  }))];
  const owned = (await Promise.all(ids.map(async (id) => {
    const [record, owner] = await Promise.all([
      pass.query.pass(id).then((r) => r.data),
      pass.query.psp34OwnerOf({ type: 'U64', value: id }).then((r) => r.data),
    ]);
    return record && owner && addr(owner) === me ? { id, record } : undefined;
  }))).filter((x) => x !== undefined);
  // Passes held but bought or received before the blocks read: the count says so, and a look-up finds them.
  const held = Number((await pass.query.psp34BalanceOf(me)).data ?? 0);
  const receipts = owned.length
    ? (await recentActivity(app.chain, { pass }, (a) => a.event === 'Consumed' && owned.some((p) => p.id === a.data.pass))).items
    : [];

  const topUpUnits = new Map<bigint, HTMLInputElement>();
  el.replaceChildren(
    section('Facility', {}, pairs([
      ['Open', h('span', { 'data-field': 'facility-open' }, opened ? `yes, since ${date(facility.openedAt!)}` : 'not yet')],
      ['Long-stop', `${date(facility.longStopAt)} (${relative(facility.longStopAt, now)}): if it has not opened by then, every pass can be refunded`],
      ['Sales held until opening', units(facility.held)],
    ]), opened ? null : h('p', {},
      // Anyone may open it; the contract asks the oracle whether the opening milestone is attested (Milestones page).
      h('button', { type: 'button', id: 'open-facility', onclick: guarded(() => run('Open the facility', () => submit({
        chain: app.chain, label: 'Open the facility', signer: app.account, contract: pass, message: 'openFacility', args: [], describe: passError,
      }))) }, 'Open the facility'),
      ' ', h('span', { class: 'muted' }, 'once the oracle reports its opening milestone attested (see Milestones)'))),
    section('Pass classes', {},
      h('table', { class: 'list', 'data-field': 'classes' },
        h('tr', {}, ['Class', 'Price', 'Credit', 'Valid for', 'Top-up', 'Renewal', 'Transferable', 'Daily cap', ''].map((t) => h('th', {}, t))),
        classes.map(([i, c]) => c && h('tr', { 'data-class': i },
          h('td', {}, `#${i}`),
          h('td', {}, units(c.terms.price)),
          h('td', {}, amount(c.terms.initialCredit)),
          h('td', {}, `${c.terms.validityMs / DAY_MS} days${opened ? '' : ' from the opening'}`),
          h('td', {}, c.terms.unitPrice !== undefined ? `${units(c.terms.unitPrice)} per unit` : 'no'),
          h('td', {}, c.terms.renewalPrice !== undefined ? units(c.terms.renewalPrice) : 'no'),
          h('td', {}, c.terms.transferable ? 'yes' : 'no'),
          h('td', {}, c.terms.dailyCap ? amount(c.terms.dailyCap) : 'none'),
          h('td', {}, c.onSale
            ? h('button', { type: 'button', 'data-buy': i, onclick: guarded(() => run(`Buy a class #${i} pass`, () => submit({
              chain: app.chain, label: `Buy a class #${i} pass`, signer: app.account, contract: pass, message: 'buy', args: [i],
              value: c.terms.price, describe: passError,
            }))) }, `Buy for ${units(c.terms.price)}`)
            : h('span', { class: 'muted' }, 'not on sale')))))),
    section('Your passes', {},
      h('p', { class: 'muted' }, `Found in the pass contract's events of blocks #${mine.from} to #${mine.to}.`),
      held > owned.length
        ? h('p', { class: 'bad', 'data-field': 'passes-elsewhere' }, `You hold ${held} passes; ${held - owned.length} of them were bought or ` +
          'received before these blocks and are not listed here (a node keeping more history, or an indexer, would show them).')
        : null,
      owned.length
        ? h('table', { class: 'list', 'data-field': 'my-passes' },
          h('tr', {}, ['Pass', 'Class', 'Credit', 'Valid', 'Points', 'Refundable', ''].map((t) => h('th', {}, t))),
          owned.map(({ id, record }) => {
            const unitsInput = h('input', { name: `units-${id}`, size: '5', value: '10' }) as HTMLInputElement;
            topUpUnits.set(id, unitsInput);
            const terms = classes.find(([i]) => i === record.class)?.[1]?.terms;
            const validity = record.expiresAt === 0n
              ? `${record.validityFromOpening / DAY_MS} days from the facility's opening (not open yet)`
              : record.expiresAt > now ? `until ${date(record.expiresAt)} (${relative(record.expiresAt, now)})` : `expired ${date(record.expiresAt)}`;
            return h('tr', { 'data-pass': id },
              h('td', {}, `#${id}`),
              h('td', {}, `#${record.class}`),
              h('td', { 'data-field': 'credit' }, amount(record.credit)),
              h('td', { 'data-field': 'validity' }, validity),
              h('td', {}, amount(record.points)),
              h('td', {}, record.refundable ? units(record.refundable) : 'no'),
              h('td', {},
                terms?.unitPrice !== undefined ? [field('units', unitsInput), h('button', { type: 'button', 'data-top-up': id, onclick: guarded(async () => {
                  const n = unitsInput.value.trim();
                  if (!/^\d{1,12}$/.test(n) || n === '0') throw new Error(`"${unitsInput.value}" is not a number of units`);
                  await run(`Top up pass #${id}`, () => submit({
                    chain: app.chain, label: `Top up pass #${id} by ${n}`, signer: app.account, contract: pass, message: 'topUp',
                    args: [id, BigInt(n)], value: BigInt(n) * terms.unitPrice!, describe: passError,
                  }));
                }) }, 'Top up')] : null,
                terms?.renewalPrice !== undefined ? h('button', { type: 'button', 'data-renew': id, onclick: guarded(() => run(`Renew pass #${id}`, () => submit({
                  chain: app.chain, label: `Renew pass #${id}`, signer: app.account, contract: pass, message: 'renew', args: [id],
                  value: terms.renewalPrice!, describe: passError,
                }))) }, 'Renew') : null,
                h('button', { type: 'button', class: 'secondary', 'data-refund': id, onclick: guarded(() => run(`Refund pass #${id}`, () => submit({
                  chain: app.chain, label: `Refund pass #${id}`, signer: app.account, contract: pass, message: 'refund', args: [id], describe: passError,
                }))) }, 'Refund')));
          }))
        : h('p', { class: 'muted', 'data-field': 'no-passes' }, 'No pass of yours in these blocks.')),
    section('Receipts', {},
      receipts.length
        ? h('table', { class: 'list', 'data-field': 'receipts' },
          h('tr', {}, ['Block', 'Pass', 'Meter', 'Units', 'Credit left', 'Receipt'].map((t) => h('th', {}, t))),
          receipts.map((r) => h('tr', {},
            h('td', {}, `#${r.block}`), h('td', {}, `#${String(r.data.pass)}`),
            h('td', {}, h('code', { title: addr(r.data.meter) }, short(addr(r.data.meter)))),
            h('td', {}, amount(r.data.units as bigint)), h('td', {}, amount(r.data.creditLeft as bigint)),
            h('td', {}, h('code', {}, String(r.data.receipt).slice(0, 18) + '…')))))
        : h('p', { class: 'muted' }, 'No meter has charged your passes in these blocks.')),
    out,
  );
}
