// Governance (governor): proposals with their state, votes and timelock; vote, queue, execute. Built as DOM nodes.
import type { App } from '../app';
import { read, who } from '../app';
import { amount, bps, date, relative } from '../format';
import { h, pairs, section } from '../dom';
import { chainNow } from '../chain';
import { governorError } from '../errors';
import { decodeCall } from '../calls';
import { submit, type ArgsOf, type MessageOf } from '../tx';
import type { GovernorContractApi } from '../contracts/governor';
import type { GovernorSupport } from '../contracts/governor/types';

const SHOWN = 20;

export async function renderGovernance(app: App, el: HTMLElement) {
  const { governor, registry } = app.chain.contracts;
  const me = app.account.address;
  const [{ symbol }, params, count, identity, now, header] = await Promise.all([
    app.chain.tokenMeta(),
    read(governor.query.params()),
    read(governor.query.proposalCount()),
    read(registry.query.complianceRegistryIdentityOf(me)),
    chainNow(app.chain),
    app.chain.client.rpc.chain_getHeader(),
  ]);
  const block = Number(header?.number ?? 0);
  const sym = symbol ?? 'tokens';
  // Proposal ids start at 0 or 1 depending on the contract: read both ends and keep what exists.
  const ids = Array.from({ length: Math.min(count + 1, SHOWN) }, (_, i) => count - i).filter((i) => i >= 0);
  const proposals = (await Promise.all(ids.map(async (id) => {
    const p = await read(governor.query.proposal(id));
    if (!p) return undefined;
    const [state, voted] = await Promise.all([
      read(governor.query.state(id)),
      identity !== undefined ? read(governor.query.hasVoted(id, identity)) : Promise.resolve(false),
    ]);
    return { id, p, state: state.isOk ? state.value : `error`, voted };
  }))).filter((x) => x !== undefined);

  const n = params.normal;
  const proposalView = ({ id, p, state, voted }: (typeof proposals)[number]) => {
    const total = p.forVotes + p.againstVotes + p.abstainVotes;
    const quorum = (p.supply * BigInt(p.params.quorumBps)) / 10_000n;
    const run = async <M extends MessageOf<GovernorContractApi>>(label: string, message: M, args: ArgsOf<GovernorContractApi, M>) => {
      const r = await submit({ chain: app.chain, label, signer: app.account, contract: governor, message, args, describe: governorError });
      if (r.ok) await app.refresh();
    };
    const vote = (support: GovernorSupport, label: string, secondary: boolean) =>
      h('button', { type: 'button', class: secondary ? 'secondary' : undefined, 'data-vote': support,
        onclick: () => run(`Vote ${support} on #${id}`, 'castVote', [id, support]) }, label);
    return h('div', { class: 'proposal', 'data-proposal': id },
      h('h3', {}, `#${id} `, h('span', { 'data-field': 'state' }, state), ' ', h('span', { class: 'muted' }, `(${p.track} track)`)),
      pairs([
        ['Proposer', who(app, p.proposer)],
        ['Calls', h('div', {}, p.calls.map((c) => {
          // Each call decoded with its callee's metadata: what a vote would make the governor do, in words.
          const d = decodeCall(app.chain.deployment, c);
          const args = d.args.map((a) => `${a.name}: ${a.value}`).join(', ');
          return h('div', { 'data-call': d.message }, h('code', {}, `${d.contract}.${d.message}(${args})`),
            c.value ? ` paying ${amount(c.value, app.chain.decimals, app.chain.unit)}` : '',
            d.docs && [h('br'), h('span', { class: 'muted' }, d.docs)],
            d.problem && [h('br'), h('span', { class: 'bad', 'data-call-problem': true },
              `${d.problem}: selector ${c.selector}, input ${String(c.input).slice(0, 66)}`)]);
        }))],
        ['Description hash', h('code', {}, String(p.descriptionHash))],
        ['Voting', `snapshot block #${p.snapshot}, ends at block #${p.voteEnd}${block <= p.voteEnd ? ` (${p.voteEnd - block} blocks left)` : ''}`],
        ['Votes', h('span', {}, 'for ', h('strong', { 'data-field': 'for' }, amount(p.forVotes)),
          `, against ${amount(p.againstVotes)}, abstain ${amount(p.abstainVotes)} ${sym}; quorum ${amount(quorum)} (${total >= quorum ? 'reached' : 'not reached'})`)],
        ['Timelock', p.eta ? `executable from ${date(p.eta)} (${relative(p.eta, now)})${p.expiresAt ? `, until ${date(p.expiresAt)}` : ''}` : 'not queued'],
        ['You', voted ? h('span', { class: 'ok', 'data-field': 'voted' }, 'voted') : h('span', { 'data-field': 'voted' }, 'not voted')],
      ]),
      h('p', {}, vote('For', 'Vote for', false), ' ', vote('Against', 'Against', true), ' ', vote('Abstain', 'Abstain', true), ' ',
        h('button', { type: 'button', class: 'secondary', 'data-action': 'queue', onclick: () => run(`Queue #${id}`, 'queue', [id]) }, 'Queue'), ' ',
        h('button', { type: 'button', class: 'secondary', 'data-action': 'execute', onclick: () => run(`Execute #${id}`, 'execute', [id]) }, 'Execute')));
  };

  el.replaceChildren(
    section('Governor', {}, pairs([
      ['Proposal threshold', `${amount(params.proposalThreshold)} ${sym}`],
      ['Normal track', `vote after ${n.votingDelay} blocks for ${n.votingPeriod} blocks; quorum ${bps(n.quorumBps)}, approval ${bps(n.approvalBps)}; timelock ${Number(n.timelockMs) / 3_600_000} h`],
      ['Emergency track', `vote for ${params.emergency.votingPeriod} blocks; quorum ${bps(params.emergency.quorumBps)}, approval ${bps(params.emergency.approvalBps)}; timelock ${Number(params.emergency.timelockMs) / 3_600_000} h`],
      ['Current block', `#${block}`],
      ['Proposals', h('span', { 'data-field': 'proposal-count' }, String(count))],
      ['Your identity', identity !== undefined ? `#${identity}` : h('span', { class: 'bad' }, 'not registered: cannot vote')],
    ])),
    section('Proposals', {}, proposals.length
      ? proposals.map((x, i) => [i ? h('hr') : null, proposalView(x)])
      : h('p', { class: 'muted' }, 'No proposals yet.')),
  );
}
