#!/usr/bin/env node
// The project's life on a real chain: the walk of the in-process main job (e2e-tests/src/bin/scenario.rs), on a
// toll road that deploy-scripts/deploy.py has just deployed (every admin role already with the governor), signed
// by dev keys. Each step is a dry run (its weight) and then the transaction itself (its block): a step the walk
// expects refused must be refused by the dry run and reverted by the chain. chopsticks' dev RPCs cross the 30-day
// offering, a KYC's expiry, the 48-hour timelock and the 90-day claim window (`timeTravel`); blocks are made one by
// one (`newBlocks`), so run.sh deploys this copy with a 10-block voting period (the project file's 7 200 blocks
// would take chopsticks about 100 minutes to make, and its `unsafeBlockHeight` jump corrupts the genesis hash the
// runtime keeps). Prints the same table as the in-process report, with each step's block, writes it as JSON and
// exits 1 when any step did not go as the walk expects.
//
//   node scripts/walk.mjs --url ws://127.0.0.1:9944 --manifest <deployment manifest> [--json report.json]
//   (./run.sh --url ... deploys a fresh copy of the toll road and runs this on it)
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DAY, attempt, blockNumber, fund, newBlocks, now, onboard, openChain, query, timeTravel,
} from './chain.mjs';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:9944' },
    manifest: { type: 'string' },
    json: { type: 'string', default: 'chain-walk-report.json' },
  },
});
if (!opts.manifest) throw new Error('--manifest <deployment manifest> is required');

const UNIT = 10n ** 12n;
const HOUR = 3_600_000n;
const FRANCE = 250;
const GERMANY = 276;
const USA = 840;

// ------------------------------------------------------------------------------------------------ the report

/** `1234567` -> `1_234_567` (as report.rs prints weights). */
const group = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_');

class Report {
  constructor(title) {
    this.title = title;
    this.steps = [];
    this.summary = [];
    console.log(`\n== ${title} ==\n`);
    console.log(`${'#'.padStart(3)}   ${'actor'.padEnd(12)} ${'action'.padEnd(58)} ${'outcome'.padEnd(44)} ${'ref_time'.padStart(14)} ${'proof'.padStart(9)} ${'block'.padStart(7)}`);
    console.log('-'.repeat(154));
  }

  /** Records a step and prints it; `unexpected` (what the walk expected instead) marks it `!!` and fails the run. */
  step(actor, action, { text, unexpected }, gas, block) {
    const step = {
      n: this.steps.length + 1,
      actor,
      action,
      outcome: text,
      weight: { ref_time: Number(gas?.refTime ?? 0n), proof_size: Number(gas?.proofSize ?? 0n) },
      block: block ?? null,
      unexpected: unexpected ?? null,
    };
    this.steps.push(step);
    const mark = unexpected ? '!!' : '';
    console.log(`${String(step.n).padStart(3)}${mark.padEnd(2)} ${actor.padEnd(12)} ${action.padEnd(58)} ${text.padEnd(44)} ${group(step.weight.ref_time).padStart(14)} ${group(step.weight.proof_size).padStart(9)} ${String(block ?? '').padStart(7)}`);
    if (unexpected) console.log(`       expected: ${unexpected}`);
  }

  figure(name, value) {
    this.summary.push([name, String(value)]);
  }

  footer() {
    const total = this.steps.reduce((a, s) => a + s.weight.ref_time, 0);
    const proof = this.steps.reduce((a, s) => a + s.weight.proof_size, 0);
    console.log('-'.repeat(154));
    console.log(`${''.padStart(3)}   ${''.padEnd(12)} ${'total weight'.padEnd(58)} ${''.padEnd(44)} ${group(total).padStart(14)} ${group(proof).padStart(9)}`);
    console.log('\nFinal state:');
    for (const [k, v] of this.summary) console.log(`  ${k.padEnd(40)} ${v}`);
  }

  wrong() {
    return this.steps.filter((s) => s.unexpected)
      .map((s) => `step ${s.n} (${s.actor}: ${s.action}): got "${s.outcome}", expected ${s.unexpected}`);
  }
}

// ------------------------------------------------------------------------------------------------ the chain

const chain = await openChain(opts.url, opts.manifest);
const key = chain.key;
const { manifest } = chain;
/** The deployment's role holders are //Infra/1 .. //Infra/20 (see the project file's [accounts]). */
const infra = Array.from({ length: 20 }, (_, i) => key(`//Infra/${i + 1}`));
const holderKey = (holder) => {
  const r = manifest.roles.find((x) => x.holder === holder);
  const k = r && infra.find((p) => p.address === r.address);
  if (!k) throw new Error(`no //Infra/N key holds ${holder} in ${opts.manifest}`);
  return k;
};
const cast = {
  alice: key('//Alice'), // the deployer: no role left after the handover
  bob: key('//Bob'),
  bob2: key('//Bob//2'),
  charlie: key('//Charlie'),
  dave: key('//Dave'),
  eve: key('//Eve'),
  ferdie: key('//Ferdie'),
  platformA: holderKey('platform_a'),
  platformB: holderKey('platform_b'),
  regulator: holderKey('regulator'),
  agent: holderKey('agent'),
  guardian: holderKey('guardian'),
  sponsor: holderKey('sponsor'),
  operator: holderKey('toll_operator'),
  gate: holderKey('gate_1'),
  engineer: holderKey('bridge_engineer'),
};
const terms = await query(chain, 'escrow', 'terms');
cast.lead = infra.find((p) => p.address === terms.leadInvestor.address());
const sensors = manifest.roles.filter((r) => r.role === 'device:feed0')
  .map((r) => infra.find((p) => p.address === r.address)).filter(Boolean);
const names = new Map([
  ...Object.entries(cast).map(([n, k]) => [k.address, n]),
  ...Object.entries(manifest.contracts).map(([n, c]) => [c.address, n]),
]);
const price = terms.pricePerToken;

/** An answer in a line: enum variants by name, accounts by the cast's names, numbers grouped. */
function show(v) {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'bigint') return group(v);
  if (typeof v === 'string') {
    if (names.has(v)) return names.get(v);
    // An account or a hash, shortened; any other text (the token's PSP22 `Custom` reasons) in full.
    return /^(0x[0-9a-f]{16,}|[1-9A-HJ-NP-Za-km-z]{46,48})$/.test(v) ? `${v.slice(0, 10)}..` : v;
  }
  if (typeof v !== 'object') return String(v);
  if (typeof v.address === 'function') return show(v.address());
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if ('type' in v && Object.keys(v).every((k) => k === 'type' || k === 'value')) {
    return v.value === undefined ? v.type : `${v.type}(${show(v.value)})`;
  }
  return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')} }`;
}

const balance = async (who) => (await chain.client.query.system.account(who)).data.free;
const tokens = async (who) => query(chain, 'token', 'psp22BalanceOf', who.address ?? who);
const hash = (text) => `0x${Buffer.from(text.padEnd(32, '.').slice(0, 32)).toString('hex')}`;

/** A message the walk expects to go through; `then` (the answer) may add to the outcome and check it. */
async function ok(r, actor, action, contract, message, args, signer, value = 0n, then = null) {
  const a = await attempt(chain, contract, message, args, signer, value);
  const nothing = a.value === undefined || a.value === null || (Array.isArray(a.value) && a.value.length === 0);
  let text = a.ok ? (nothing ? 'ok' : `ok: ${show(a.value)}`) : `refused: ${show(a.refusal)}`;
  let unexpected = a.ok ? null : 'ok';
  if (a.ok && a.onChain !== 'included') unexpected = `included (the chain said ${a.onChain})`;
  if (a.ok && then) {
    const extra = await then(a.value);
    text += extra.text ?? '';
    if (extra.holds === false) unexpected = extra.expected;
  }
  r.step(actor, action, { text, unexpected }, a.gas, a.block);
  return a;
}

/**
 * A message the walk expects refused, by the dry run and by the chain: the printed refusal must begin with
 * `reason` (the error's variant, and as much of its content as the step is about). The chain's revert is checked
 * as a revert; its reason is the dry run's, made on the same state (the walk is the chain's only writer).
 */
async function refused(r, actor, action, contract, message, args, signer, reason, value = 0n) {
  const a = await attempt(chain, contract, message, args, signer, value);
  const shown = a.ok ? '' : show(a.refusal);
  const text = a.ok ? `ok: ${show(a.value)}` : `refused: ${shown}`;
  let unexpected = null;
  if (a.ok || !shown.startsWith(reason)) unexpected = `refused: ${reason}..`;
  else if (a.onChain !== 'reverted') unexpected = `reverted by the chain (it said ${a.onChain})`;
  r.step(actor, action, { text, unexpected }, a.gas, a.block);
  return a;
}

/** A figure read from the chain, checked. */
function fact(r, actor, action, text, holds = true, expected = '') {
  r.step(actor, action, { text, unexpected: holds ? null : expected }, null, null);
}

// ------------------------------------------------------------------------------------------------ chapters

async function onboarding(r) {
  const governed = Object.keys(manifest.contracts).filter((name) => name !== 'governor');
  // `Admin::admin`, the trait message every contract but the governor implements (Dedot: `adminAdmin`).
  const admins = await Promise.all(governed.map(async (name) => (await query(chain, name, 'adminAdmin')).address()));
  fact(r, 'deploy.py', `deployed the toll road: ${Object.keys(manifest.contracts).length} contracts, every admin role with the governor`,
    `governor ${manifest.contracts.governor.address.slice(0, 10)}..`,
    admins.every((a) => a === manifest.contracts.governor.address), `the governor the admin of ${governed.join(', ')}`);
  const roleKeys = [cast.platformA, cast.platformB, cast.regulator, cast.agent, cast.guardian, cast.sponsor, cast.operator,
    cast.gate, cast.engineer, cast.lead, ...sensors];
  await fund(chain, [...roleKeys, cast.bob2].map((k) => k.address), 1_000n * UNIT);
  fact(r, 'alice', 'fund the role keys (//Infra/N) and bob\'s second wallet', 'ok');

  const reg = async (who, country, claims, days, actorName, action) => {
    const { id, registration: a } = await onboard(chain, who.address, country, claims, cast.platformA, cast.platformB, days);
    r.step(actorName, action, { text: `identity ${id}`, unexpected: a ? null : 'a new identity' }, a?.gas, a?.block);
    return id;
  };
  const ids = {};
  ids.bob = await reg(cast.bob, FRANCE, ['Kyc'], 365, 'platform A', 'register bob (France) with KYC valid 1 year');
  await ok(r, 'platform A', 'link bob\'s second wallet to his identity', 'registry', 'addWallet', [ids.bob, cast.bob2.address], cast.platformA);
  ids.charlie = await reg(cast.charlie, GERMANY, ['Kyc', 'Accredited'], 60, 'platform A+B', 'register charlie (Germany): KYC 60 days, accredited by B');
  ids.dave = await reg(cast.dave, USA, ['Aml'], 365, 'platform A', 'register dave (USA) with AML only, no KYC');
  ids.lead = await reg(cast.lead, GERMANY, ['Kyc', 'Accredited'], 365, 'platform A+B', 'register the lead investor (Germany, KYC + accredited)');
  ids.ferdie = await reg(cast.ferdie, GERMANY, ['Kyc', 'Accredited'], 365, 'platform A+B', 'register ferdie (Germany, KYC + accredited)');
  return ids;
}

async function offering(r) {
  const t = (n) => BigInt(n) * price;
  await refused(r, 'bob', 'contribute 10 000 tokens\' worth before the lead', 'escrow', 'contribute', [], cast.bob, 'LeadInvestorFirst(lead)', t(10_000));
  await ok(r, 'lead', 'commit 100 000 tokens\' worth: the sale opens', 'escrow', 'contribute', [], cast.lead, t(100_000));
  await refused(r, 'dave', 'contribute 1 000 tokens\' worth (USA, no KYC)', 'escrow', 'contribute', [], cast.dave, 'MissingClaims', t(1_000));
  await refused(r, 'eve', 'contribute 1 000 tokens\' worth (never registered)', 'escrow', 'contribute', [], cast.eve, 'NotRegistered(eve)', t(1_000));
  await refused(r, 'bob', 'contribute 20 000 (retail: at most 10 000)', 'escrow', 'contribute', [], cast.bob, 'NonAccreditedCapExceeded', t(20_000));
  await ok(r, 'bob', 'contribute 10 000 tokens\' worth (retail, cooling-off 4 days)', 'escrow', 'contribute', [], cast.bob, t(10_000));
  await refused(r, 'charlie', 'contribute 60 000 (the ticket limit is 50 000)', 'escrow', 'contribute', [], cast.charlie, 'AboveMaxTicket', t(60_000));
  await ok(r, 'charlie', 'contribute 50 000 tokens\' worth', 'escrow', 'contribute', [], cast.charlie, t(50_000));
  await ok(r, 'ferdie', 'contribute 50 000 tokens\' worth', 'escrow', 'contribute', [], cast.ferdie, t(50_000));
  const status = await query(chain, 'escrow', 'status');
  fact(r, 'front-end', 'offering status', `${show(status.phase)}, raised ${group(status.raised / price)} tokens' worth (soft cap ${group(terms.softCap / price)})`,
    status.raised === t(210_000), 'raised 210 000 tokens\' worth');
  await refused(r, 'anyone', 'finalize before the deadline (hard cap not reached)', 'escrow', 'finalize', [], cast.eve, 'NotYetFinalizable');

  const to = terms.deadline + terms.coolingOffMs + 60_000n;
  await timeTravel(chain, to);
  const at = await now(chain);
  fact(r, 'chopsticks', 'move the clock past the 30-day deadline and the cooling-off', new Date(Number(at)).toISOString().slice(0, 16),
    at >= to, 'the clock past the deadline');
  const sponsorBefore = await balance(cast.sponsor.address);
  await ok(r, 'anyone', 'finalize: the soft cap is met', 'escrow', 'finalize', [], cast.eve, 0n, async () => {
    const paid = (await balance(cast.sponsor.address)) - sponsorBefore;
    const phase = await query(chain, 'escrow', 'phase');
    // The raise less the platform's fee and the delivery holdback (no tranches in this project).
    const due = (t(210_000) * BigInt(10_000 - terms.feeBps - terms.holdbackBps)) / 10_000n;
    return { text: ` (${phase}; the sponsor received ${group(paid / price)} tokens' worth)`, holds: phase === 'Succeeded' && paid === due, expected: `Succeeded, the sponsor paid ${group(due)}` };
  });
  for (const [name, who, n] of [['lead', cast.lead, 100_000n], ['bob', cast.bob, 10_000n], ['charlie', cast.charlie, 50_000n], ['ferdie', cast.ferdie, 50_000n]]) {
    await ok(r, 'anyone', `deliver ${name}'s tokens`, 'escrow', 'claimTokens', [who.address], cast.eve, 0n, async () => {
      const got = await tokens(who);
      return { text: ` (${name} holds ${group(got)})`, holds: got === n, expected: `${name} holds ${n}` };
    });
  }
  await refused(r, 'bob', 'ask for a refund of a successful offering', 'escrow', 'claimRefund', [], cast.bob, 'WrongPhase(Succeeded)');
}

async function trading(r, ids) {
  const transfer = (from, to, n) => ['token', 'psp22Transfer', [to.address, BigInt(n), '0x'], from];
  await ok(r, 'bob', 'transfer 1 000 to charlie (compliant)', ...transfer(cast.bob, cast.charlie, 1_000));
  await refused(r, 'bob', 'transfer 1 000 to dave (no KYC)', ...transfer(cast.bob, cast.dave, 1_000), 'Custom(recipient lacks required claims');
  const why = await query(chain, 'token', 'canTransfer', cast.bob.address, cast.dave.address, 1_000n);
  fact(r, 'front-end', 'can_transfer(bob, dave, 1 000)', show(why.isErr ? why.err : 'ok'),
    why.isErr && show(why.err).includes('Recipient'), 'the recipient\'s missing claims');
  await refused(r, 'bob', 'transfer 1 000 to eve (never registered)', ...transfer(cast.bob, cast.eve, 1_000), 'Custom(recipient not registered');
  await refused(r, 'charlie', 'transfer 1 000 to the lead (at the 10% holding limit)', ...transfer(cast.charlie, cast.lead, 1_000), 'Custom(max holding per identity exceeded');

  const release = (await now(chain)) + 60n * DAY;
  await ok(r, 'agent', 'lock 8 000 of bob\'s tokens for 60 days', 'token', 'setLockup', [cast.bob.address, [{ amount: 8_000n, releaseAt: release }]], cast.agent);
  await refused(r, 'bob', 'transfer 2 000 to charlie (only 1 000 free)', ...transfer(cast.bob, cast.charlie, 2_000), 'Custom(tokens locked up');

  await ok(r, 'regulator', 'freeze bob\'s identity (court order hash)', 'registry', 'freezeIdentity', [ids.bob, hash('court order 42')], cast.regulator);
  await refused(r, 'bob', 'transfer 100 to charlie while frozen', ...transfer(cast.bob, cast.charlie, 100), 'Custom(sender identity frozen');
  await ok(r, 'regulator', 'unfreeze bob', 'registry', 'unfreezeIdentity', [ids.bob], cast.regulator);

  await ok(r, 'guardian', 'halt trading (inspection)', 'token', 'haltableHalt', [1, hash('inspection')], cast.guardian);
  await refused(r, 'bob', 'transfer 100 to charlie while halted', ...transfer(cast.bob, cast.charlie, 100), 'Custom(trading halted');
  await ok(r, 'guardian', 'resume trading after inspection', 'token', 'haltableResume', [], cast.guardian);

  await ok(r, 'bob', 'transfer 100 to his second wallet (same identity)', ...transfer(cast.bob, cast.bob2, 100));
}

async function passes(r) {
  const distributor = manifest.contracts.distributor.address;
  const bought = await ok(r, 'bob', 'pre-buy a road pass for 400 (held until opening)', 'pass', 'buy', [0], cast.bob, 400n);
  const passId = bought.value;
  const receipt = hash('gate 1 trip 1');
  await refused(r, 'gate 1', 'charge 1 trip before the road opens', 'pass', 'consume', [passId, 1n, receipt], cast.gate, 'FacilityNotOpen');
  await refused(r, 'anyone', 'declare the road open without the milestone', 'pass', 'openFacility', [], cast.eve, 'MilestoneNotAttested');
  await ok(r, 'sponsor', 'post oracle milestone 1: road opened (certificate hash)', 'oracle', 'postMilestone', [1, hash('opening certificate')], cast.sponsor);
  await ok(r, 'regulator', 'attest the road-opened milestone', 'oracle', 'attestMilestone', [1], cast.regulator);
  await ok(r, 'engineer', 'attest the road-opened milestone', 'oracle', 'attestMilestone', [1], cast.engineer);
  const before = await balance(distributor);
  await ok(r, 'anyone', 'the milestone is attested: open the road', 'pass', 'openFacility', [], cast.eve, 0n, async () => {
    const forwarded = (await balance(distributor)) - before;
    return { text: ` (pre-sale money forwarded: ${group(forwarded)})`, holds: forwarded === 400n, expected: 'the 400 of pre-sale money forwarded' };
  });
  await ok(r, 'gate 1', 'charge 1 trip', 'pass', 'consume', [passId, 1n, receipt], cast.gate);
  await refused(r, 'gate 1', 'replay the same receipt', 'pass', 'consume', [passId, 1n, receipt], cast.gate, 'ReceiptAlreadyUsed');
  await ok(r, 'bob', 'top up 10 trips for 80 (forwarded at once)', 'pass', 'topUp', [passId, 10n], cast.bob, 80n);
  const p = await query(chain, 'pass', 'pass', passId);
  r.figure('road pass credit left (trips)', p?.credit ?? 'none');
}

async function revenue(r) {
  const tolls = 100n * UNIT;
  await ok(r, 'operator', 'book the forwarded road-pass sales as a distribution', 'distributor', 'bookReceived', ['road passes', 'pre-sale'], cast.operator);
  await ok(r, 'operator', 'deposit a month of tolls: 100 UNIT (80% to holders)', 'distributor', 'depositNative', ['tolls', 'month 1'], cast.operator, tolls);
  await ok(r, 'bob', 'after the record block: move 100 to his second wallet', 'token', 'psp22Transfer', [cast.bob2.address, 100n, '0x'], cast.bob);
  for (const [name, who] of [['bob', cast.bob], ['charlie', cast.charlie], ['lead', cast.lead]]) {
    const before = await balance(who.address);
    await ok(r, 'anyone', `claim ${name}'s dividends (both distributions, one call)`, 'distributor', 'claim', [who.address], cast.eve, 0n, async () => {
      const got = (await balance(who.address)) - before;
      return { text: ` (paid ${group(got)})`, holds: got > 0n, expected: 'a dividend paid' };
    });
  }
  await refused(r, 'anyone', 'claim bob\'s dividends again', 'distributor', 'claim', [cast.bob.address], cast.eve, 'NothingToClaim(bob)');
}

async function sensorsChapter(r) {
  const round = async (values) => {
    let gas = { refTime: 0n, proofSize: 0n };
    let block;
    for (const [i, v] of values) {
      const a = await attempt(chain, 'oracle', 'report', [0, BigInt(v)], sensors[i]);
      if (!a.ok || a.onChain !== 'included') throw new Error(`sensor ${i + 1} report: ${a.ok ? a.onChain : show(a.refusal)}`);
      gas = { refTime: gas.refTime + a.gas.refTime, proofSize: gas.proofSize + a.gas.proofSize };
      block = a.block;
    }
    return { gas, block, halted: await query(chain, 'token', 'haltableIsHalted') };
  };
  for (let n = 1; n <= 3; n++) {
    const { gas, block, halted } = await round([[0, 5_400], [1, 5_600], [2, 45_000]]);
    r.step('sensors', `round ${n}: 5.4 mm, 5.6 mm and a faulty 45 mm (median 5.6 mm)`,
      { text: `token halted: ${halted}`, unexpected: halted === (n === 3) ? null : `token halted: ${n === 3}` }, gas, block);
  }
  await refused(r, 'bob', 'transfer 100 to charlie while the bridge is halted', 'token', 'psp22Transfer', [cast.charlie.address, 100n, '0x'], cast.bob, 'Custom(trading halted');
  for (let n = 1; n <= 2; n++) {
    const { gas, block, halted } = await round([[0, 700], [1, 650], [2, 720]]);
    r.step('sensors', `back in range, round ${n}: 0.7 mm`,
      { text: `token halted: ${halted}`, unexpected: halted === (n === 1) ? null : `token halted: ${n === 1}` }, gas, block);
  }
  await ok(r, 'bob', 'transfer 100 to charlie after the resume', 'token', 'psp22Transfer', [cast.charlie.address, 100n, '0x'], cast.bob);
}

async function governance(r) {
  const rules = await query(chain, 'token', 'rules');
  await refused(r, 'alice', 'the deployer tries to change the token\'s rules', 'token', 'setRules', [rules], cast.alice, 'Admin(NotAdmin(alice))');
  const meta = chain.contracts.distributor.metadata;
  const selector = meta.spec.messages.find((m) => m.label === 'set_payout_bps').selector;
  const bps = Buffer.alloc(2);
  bps.writeUInt16LE(8_500);
  const input = `0x${bps.toString('hex')}`;
  const callee = manifest.contracts.distributor.address;
  const proposed = await ok(r, 'lead', 'propose: pay 85% of revenue to holders', 'governor', 'propose',
    [[{ callee, selector, input, value: 0n }], hash('pay 85% of the tolls')], cast.lead);
  const id = proposed.value;
  await newBlocks(chain, 2);
  await ok(r, 'lead', 'vote For', 'governor', 'castVote', [id, 'For'], cast.lead);
  await ok(r, 'bob', 'vote For', 'governor', 'castVote', [id, 'For'], cast.bob);
  await refused(r, 'bob', 'vote again from his second wallet', 'governor', 'castVote', [id, 'Against'], cast.bob2, 'AlreadyVoted');
  await refused(r, 'anyone', 'queue while the vote is open', 'governor', 'queue', [id], cast.eve, 'WrongState([0, Active])');

  // Charlie's KYC was valid 60 days (the offering took 34): let it lapse, then let the voting period end.
  const params = await query(chain, 'governor', 'params');
  const period = Number(params.normal.votingPeriod);
  await timeTravel(chain, (await now(chain)) + 31n * DAY);
  await refused(r, 'charlie', '31 days later: vote Against (his KYC expired)', 'governor', 'castVote', [id, 'Against'], cast.charlie, 'NotVerified([charlie, MissingKyc])');
  const from = await blockNumber(chain);
  await newBlocks(chain, period);
  const to = await blockNumber(chain);
  fact(r, 'chopsticks', `make ${period} blocks: the voting period ends`, `block ${from} -> ${to}`, to - from >= period, `${period} blocks on`);
  await ok(r, 'anyone', 'queue the succeeded proposal (48-hour timelock)', 'governor', 'queue', [id], cast.eve);
  await refused(r, 'anyone', 'execute at once', 'governor', 'execute', [id], cast.eve, 'TimelockNotElapsed');
  await timeTravel(chain, (await now(chain)) + 48n * HOUR + 60_000n);
  await ok(r, 'anyone', '48 hours later: execute', 'governor', 'execute', [id], cast.eve, 0n, async () => {
    const config = await query(chain, 'distributor', 'config');
    return { text: ` (payout ratio now ${config.payoutBps} bps)`, holds: config.payoutBps === 8_500, expected: 'the payout ratio changed to 8 500 bps' };
  });
}

async function claimWindow(r) {
  // Ferdie never claimed the tolls (distribution 1): 90 days after the deposit his share goes to the reserve.
  const reserve = (await query(chain, 'distributor', 'config')).reserve.address();
  await refused(r, 'anyone', 'close the tolls distribution inside its 90-day window', 'distributor', 'closeExpired', [1], cast.eve, 'NotExpired([1,');
  const d = await query(chain, 'distributor', 'distribution', 1);
  await timeTravel(chain, d.expiresAt + 60_000n);
  fact(r, 'chopsticks', 'move the clock past the 90-day claim window', new Date(Number(await now(chain))).toISOString().slice(0, 16));
  // The claim goes through (it moves ferdie's cursor past the expired distributions) and pays nothing.
  const ferdieBefore = await balance(cast.ferdie.address);
  await ok(r, 'anyone', 'claim ferdie\'s share after the window', 'distributor', 'claim', [cast.ferdie.address], cast.eve, 0n, async () => {
    const got = (await balance(cast.ferdie.address)) - ferdieBefore;
    return { text: ` (paid ${group(got)}: expired)`, holds: got === 0n, expected: 'nothing paid after the window' };
  });
  const before = await balance(reserve);
  await ok(r, 'anyone', 'close the expired distribution: the rest to the reserve', 'distributor', 'closeExpired', [1], cast.eve, 0n, async () => {
    const got = (await balance(reserve)) - before;
    return { text: ` (reserve received ${group(got)})`, holds: got > 0n, expected: 'the unclaimed share to the reserve' };
  });
}

async function closing(r) {
  for (const [name, who] of [['bob', cast.bob], ['bob\'s second wallet', cast.bob2], ['charlie', cast.charlie], ['dave', cast.dave], ['ferdie', cast.ferdie], ['lead investor', cast.lead]]) {
    r.figure(`balance of ${name}`, group(await tokens(who)));
  }
  r.figure('total supply', group(await query(chain, 'token', 'psp22TotalSupply')));
  r.figure('holders (identities)', await query(chain, 'token', 'holderCount'));
  r.figure('chain', `${manifest.chain.name ?? opts.url}, block ${await blockNumber(chain)}, clock ${new Date(Number(await now(chain))).toISOString().slice(0, 16)}`);
  r.footer();
}

const r = new Report(`${manifest.project.name} on ${opts.url}: the seven contracts deployed by deploy.py, from crowdfund to governance`);
let crashed = null;
try {
  const ids = await onboarding(r);
  await offering(r);
  await trading(r, ids);
  await passes(r);
  await revenue(r);
  await sensorsChapter(r);
  await governance(r);
  await claimWindow(r);
  await closing(r);
} catch (e) {
  crashed = e;
} finally {
  await chain.client.disconnect();
}
writeFileSync(opts.json, `${JSON.stringify({ title: r.title, steps: r.steps, summary: r.summary }, null, 2)}\n`);
console.log(`\nJSON report written to ${opts.json}`);
if (crashed) {
  console.error(`\nFAILED: the walk stopped at step ${r.steps.length + 1}: ${crashed.stack ?? crashed}`);
  process.exit(1);
}
const wrong = r.wrong();
if (wrong.length) {
  console.error(`\nFAILED: ${wrong.length} step(s) did not go as the walk expects:`);
  for (const line of wrong) console.error(`  ${line}`);
  process.exit(1);
}
console.log('Every step went as the walk expects, on the chain.');
