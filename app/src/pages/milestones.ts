// Milestones (IoT oracle): the project's progress milestones (posted with the hash of their evidence, attested by
// other stakeholders, at least one of them independent of the sponsor), the account's roles at the oracle, and the
// stakeholders' actions: post a milestone's evidence, attest another's. The usage passes' opening milestone is
// marked: once it is attested, anyone opens the facility from the passes page. Built as DOM nodes (dom.ts).
import type { App } from '../app';
import { addr, read, who } from '../app';
import { chainNow } from '../chain';
import { recentActivity } from '../activity';
import { oracleError } from '../errors';
import { date, relative } from '../format';
import { field, guardedBy, h, pairs, section } from '../dom';
import { submit } from '../tx';
import { blake2AsHex } from 'dedot/utils';
import type { IotOracleOracleRole } from '../contracts/iot-oracle/types';

const ROLES: [IotOracleOracleRole, string][] = [
  ['Stakeholder', 'stakeholder: posts and attests milestones'],
  ['SponsorSide', 'on the sponsor\'s side: its attestations are not independent'],
  ['Engineer', 'engineer: anchors design documents'],
  ['Inspector', 'inspector: anchors inspection reports'],
];

export async function renderMilestones(app: App, el: HTMLElement) {
  const { oracle, pass } = app.chain.contracts;
  const me = app.account.address;
  const [roles, opening, posted, now] = await Promise.all([
    Promise.all(ROLES.map(async ([role]) => read(oracle.query.hasRole(me, role)))),
    pass ? read(pass.query.openingMilestone()) : Promise.resolve(undefined),
    recentActivity(app.chain, { oracle }, (a) => a.event === 'MilestonePosted'),
    chainNow(app.chain),
  ]);
  // The milestones seen posted in the recent blocks, and the passes' opening milestone (if it is this oracle's).
  const openingId = opening && addr(opening.oracle) === oracle.address ? opening.milestone : undefined;
  const ids = [...new Set([...posted.items.map((a) => Number(a.data.milestone)), ...(openingId !== undefined ? [openingId] : [])])]
    .sort((a, b) => a - b);
  const milestones = await Promise.all(ids.map(async (id) => ({ id, m: await read(oracle.query.milestone(id)) })));

  const out = h('div', { id: 'milestones-result' });
  const guarded = guardedBy(out);
  const send = async (label: string, message: 'postMilestone' | 'attestMilestone', args: unknown[]) => {
    const r = await submit({ chain: app.chain, label, signer: app.account, contract: oracle, message, args: args as never, describe: oracleError });
    if (r.ok) await app.refresh();
  };
  const idInput = h('input', { name: 'milestone', size: 6, value: openingId !== undefined ? String(openingId) : '' }) as HTMLInputElement;
  const evidenceInput = h('input', { name: 'evidence', size: 50, placeholder: 'the evidence document\'s reference (hashed, never stored)' }) as HTMLInputElement;
  const milestoneNumber = (text: string) => {
    if (!/^\d{1,9}$/.test(text.trim())) throw new Error(`"${text}" is not a milestone number`);
    return Number(text.trim());
  };
  const post = guarded(async () => {
    const id = milestoneNumber(idInput.value);
    const evidence = evidenceInput.value.trim();
    if (!evidence) throw new Error('Name the evidence (a certificate, a report): its hash is what the oracle keeps.');
    await send(`Post milestone #${id}`, 'postMilestone', [id, blake2AsHex(evidence, 256)]);
  });

  el.replaceChildren(
    section(`Your roles at the oracle (${app.account.label})`, {}, h('ul', { 'data-field': 'oracle-roles' },
      roles.some(Boolean)
        ? ROLES.filter((_, i) => roles[i]).map(([role, text]) => h('li', { 'data-role': role }, text))
        : h('li', { class: 'muted' }, 'none: this account can read the milestones, not post or attest them'))),
    section('Milestones', {},
      h('p', { class: 'muted' }, `Posted in blocks #${posted.from} to #${posted.to}${openingId !== undefined ? `, and the passes' opening milestone #${openingId}` : ''}.`),
      milestones.length
        ? h('table', { class: 'list', 'data-field': 'milestones' },
          h('tr', {}, ['#', 'Evidence', 'Posted', 'Attestations', 'State', ''].map((t) => h('th', {}, t))),
          milestones.map(({ id, m }) => h('tr', { 'data-milestone': id },
            h('td', {}, `#${id}`, id === openingId ? h('div', { class: 'muted' }, 'opens the facility') : null),
            h('td', {}, m ? h('code', { title: String(m.evidence) }, `${String(m.evidence).slice(0, 18)}…`) : '—', m && m.version > 1 ? ` (version ${m.version})` : ''),
            h('td', {}, m ? [who(app, m.poster), ` ${date(m.postedAt)} (${relative(m.postedAt, now)})`] : 'not posted'),
            h('td', {}, m ? `${m.attestations}, of which ${m.independent} independent of the sponsor` : ''),
            h('td', { 'data-field': 'state', class: m?.attestedAt !== undefined ? 'ok' : '' },
              m?.attestedAt !== undefined ? `attested ${date(m.attestedAt)}` : m ? 'awaiting attestation' : 'not posted'),
            h('td', {}, m && m.attestedAt === undefined
              ? h('button', { type: 'button', 'data-attest': id, onclick: guarded(() => send(`Attest milestone #${id}`, 'attestMilestone', [id])) }, 'Attest')
              : null))))
        : h('p', { class: 'muted', 'data-field': 'no-milestones' }, 'No milestone posted in these blocks.')),
    section('Post a milestone', {},
      h('p', { class: 'muted' }, 'A stakeholder posts the hash of the milestone\'s evidence; other stakeholders attest it, at least one '
        + 'of them independent of the sponsor. Posting again replaces the evidence and its attestations.'),
      h('form', { id: 'milestone-form' }, field('Milestone', idInput), ' ', field('Evidence', evidenceInput), ' ',
        h('button', { type: 'button', id: 'post-milestone', onclick: post }, 'Post'))),
    out,
  );
}
