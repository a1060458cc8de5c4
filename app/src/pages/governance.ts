// Governance (governor): proposals with their state, votes and timelock; vote, queue, execute.
import type { App } from '../app';
import { named, read } from '../app';
import { amount, bps, card, date, esc, relative, rows } from '../format';
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
  const { symbol } = await app.chain.tokenMeta();
  const [params, count, identity, now, header] = await Promise.all([
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
  el.innerHTML =
    card('Governor', rows([
      ['Proposal threshold', `${amount(params.proposalThreshold)} ${esc(sym)}`],
      ['Normal track', `vote after ${n.votingDelay} blocks for ${n.votingPeriod} blocks; quorum ${bps(n.quorumBps)}, approval ${bps(n.approvalBps)}; timelock ${Number(n.timelockMs) / 3_600_000} h`],
      ['Emergency track', `vote for ${params.emergency.votingPeriod} blocks; quorum ${bps(params.emergency.quorumBps)}, approval ${bps(params.emergency.approvalBps)}; timelock ${Number(params.emergency.timelockMs) / 3_600_000} h`],
      ['Current block', `#${block}`],
      ['Proposals', `<span data-field="proposal-count">${count}</span>`],
      ['Your identity', identity !== undefined ? `#${identity}` : '<span class="bad">not registered: cannot vote</span>'],
    ])) +
    card('Proposals', proposals.length
      ? proposals.map(({ id, p, state, voted }) => {
          const total = p.forVotes + p.againstVotes + p.abstainVotes;
          const quorum = (p.supply * BigInt(p.params.quorumBps)) / 10_000n;
          return `<div class="proposal" data-proposal="${id}">
            <h3>#${id} <span data-field="state">${esc(state)}</span> <span class="muted">(${esc(p.track)} track)</span></h3>
            ${rows([
              ['Proposer', named(app, p.proposer)],
              ['Calls', p.calls.map((c) => {
                // Each call decoded with its callee's metadata: what a vote would make the governor do, in words.
                const d = decodeCall(app.chain.deployment, c);
                const args = d.args.map((a) => `${esc(a.name)}: ${esc(a.value)}`).join(', ');
                return `<div data-call="${esc(d.message)}"><code>${esc(d.contract)}.${esc(d.message)}(${args})</code>` +
                  (c.value ? ` paying ${esc(amount(c.value, app.chain.decimals, app.chain.unit))}` : '') +
                  (d.docs ? `<br><span class="muted">${esc(d.docs)}</span>` : '') +
                  (d.problem ? `<br><span class="bad" data-call-problem>${esc(d.problem)}: selector ${esc(c.selector)}, input ${esc(String(c.input).slice(0, 66))}</span>` : '') +
                  '</div>';
              }).join('')],
              ['Description hash', `<code>${esc(p.descriptionHash)}</code>`],
              ['Voting', `snapshot block #${p.snapshot}, ends at block #${p.voteEnd}${block <= p.voteEnd ? ` (${p.voteEnd - block} blocks left)` : ''}`],
              ['Votes', `for <strong data-field="for">${amount(p.forVotes)}</strong>, against ${amount(p.againstVotes)}, abstain ${amount(p.abstainVotes)} ${esc(sym)}; quorum ${amount(quorum)} (${total >= quorum ? 'reached' : 'not reached'})`],
              ['Timelock', p.eta ? `executable from ${date(p.eta)} (${relative(p.eta, now)})${p.expiresAt ? `, until ${date(p.expiresAt)}` : ''}` : 'not queued'],
              ['You', voted ? '<span class="ok" data-field="voted">voted</span>' : '<span data-field="voted">not voted</span>'],
            ])}
            <p><button type="button" data-vote="For">Vote for</button> <button type="button" class="secondary" data-vote="Against">Against</button>
               <button type="button" class="secondary" data-vote="Abstain">Abstain</button>
               <button type="button" class="secondary" data-action="queue">Queue</button> <button type="button" class="secondary" data-action="execute">Execute</button></p>
          </div>`;
        }).join('<hr>')
      : '<p class="muted">No proposals yet.</p>');

  el.querySelectorAll<HTMLElement>('[data-proposal]').forEach((div) => {
    const id = Number(div.dataset.proposal);
    const run = async <M extends MessageOf<GovernorContractApi>>(label: string, message: M, args: ArgsOf<GovernorContractApi, M>) => {
      const r = await submit({ chain: app.chain, label, signer: app.account, contract: governor, message, args, describe: governorError });
      if (r.ok) await app.refresh();
    };
    div.querySelectorAll<HTMLElement>('[data-vote]').forEach((b) =>
      b.addEventListener('click', () => run(`Vote ${b.dataset.vote} on #${id}`, 'castVote', [id, b.dataset.vote as GovernorSupport])));
    div.querySelector('[data-action=queue]')!.addEventListener('click', () => run(`Queue #${id}`, 'queue', [id]));
    div.querySelector('[data-action=execute]')!.addEventListener('click', () => run(`Execute #${id}`, 'execute', [id]));
  });
}
