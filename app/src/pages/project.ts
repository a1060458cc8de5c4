// Project: the token (name, symbol, supply, halt state and its reason, documents) and the IoT oracle's sensors.
// Built as DOM nodes (dom.ts).
import type { App } from '../app';
import { addr, read, who } from '../app';
import { amount, date, relative } from '../format';
import { chainNow } from '../chain';
import { readingsChart, type Point } from '../charts';
import { h, pairs, section, type Child } from '../dom';

export async function renderProject(app: App, el: HTMLElement) {
  const { token, oracle } = app.chain.contracts;
  const [{ symbol, decimals }, name, supply, cap, holders, paused, halt, haltedBy, docNames, now] = await Promise.all([
    app.chain.tokenMeta(),
    read(token.query.psp22MetadataTokenName()),
    read(token.query.psp22TotalSupply()),
    read(token.query.supplyCap()),
    read(token.query.holderCount()),
    read(token.query.isPaused()),
    read(token.query.haltInfo()),
    read(token.query.haltStatusHaltedBy()),
    read(token.query.documentNames()),
    chainNow(app.chain),
  ]);
  const docs = await Promise.all(docNames.map(async (n) => [n, await read(token.query.document(n))] as const));
  const oracleAddr = app.chain.deployment.manifest.contracts.oracle?.address;
  const sym = symbol ?? '';

  let haltState: HTMLElement = h('span', { class: 'ok', 'data-halt': 'running' }, 'Trading is running.');
  if (halt) {
    let why = `reason code ${halt.reason}`;
    if (haltedBy && addr(haltedBy) === oracleAddr) {
      const rule = await read(oracle.query.rule(halt.reason));
      why = rule
        ? `the IoT oracle's rule #${halt.reason}: feed ${rule.feed} ${conditionText(rule.condition)} for ${rule.consecutive} rounds in a row`
        : `the IoT oracle's rule #${halt.reason}`;
    }
    haltState = h('span', { class: 'bad', 'data-halt': 'halted' },
      `Trading is halted since ${date(halt.since)} by `, who(app, halt.guardian), `: ${why}.`);
  }
  const sensorsCard = section('Sensors (IoT oracle)', { id: 'sensors' }, h('p', { class: 'muted' }, 'Reading the feeds…'));
  el.replaceChildren(
    section('Token', {}, pairs([
      ['Name', h('span', { 'data-field': 'token-name' }, name ?? '—')],
      ['Symbol', h('span', { 'data-field': 'token-symbol' }, symbol ?? '—')],
      ['Total supply', h('span', {}, h('span', { 'data-field': 'supply' }, amount(supply, decimals)), ` ${sym}`)],
      ['Supply cap', cap === undefined ? 'none' : `${amount(cap, decimals)} ${sym}`],
      ['Holders', String(holders)],
      ['Paused', paused ? h('span', { class: 'bad' }, 'yes') : 'no'],
      ['Halt', haltState],
      ['Contract', who(app, token.address)],
    ])),
    section('Documents', {}, docs.length
      ? h('table', { class: 'list' },
        h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'URI'), h('th', {}, 'Hash'), h('th', {}, 'Updated')),
        docs.map(([n, d]) => h('tr', {}, h('td', {}, n), h('td', {}, d?.uri ?? ''),
          h('td', {}, h('code', {}, `${String(d?.hash ?? '').slice(0, 18)}…`)), h('td', {}, d ? date(d.updatedAt) : ''))))
      : h('p', { class: 'muted' }, 'The token lists no documents.')),
    sensorsCard,
  );
  sensorsCard.replaceChildren(h('h2', {}, 'Sensors (IoT oracle)'), h('div', {}, await sensors(app, now)));
}

function conditionText(c: { type: string; value?: any }): string {
  switch (c.type) {
    case 'Above': return `above ${c.value}`;
    case 'Below': return `below ${c.value}`;
    case 'DeviationAbove': return `spread between sensors above ${c.value}`;
    case 'StepAbove': return `a step from the previous value above ${c.value}`;
    case 'AverageAbove': return `average of ${c.value[1]} samples above ${c.value[0]}`;
  }
  return c.type;
}

async function sensors(app: App, now: bigint): Promise<Child[]> {
  const { oracle } = app.chain.contracts;
  const out: Child[] = [];
  for (let feed = 0; feed < 8; feed++) {
    const cfg = await read(oracle.query.feed(feed));
    if (!cfg) break;
    const [latest, round, ruleIds, devices] = await Promise.all([
      read(oracle.query.latest(feed)),
      read(oracle.query.round(feed)),
      read(oracle.query.feedRules(feed)),
      read(oracle.query.deviceCount(feed)),
    ]);
    const rules = await Promise.all(ruleIds.map(async (id) => ({ id, rule: await read(oracle.query.rule(id)), state: await read(oracle.query.ruleState(id)) })));
    // The settled history lives in the contract's storage (no message returns it): read it lazily with Dedot.
    let history: Point[] = [];
    try {
      const stored = await oracle.storage.lazy().data.history.get(feed);
      history = (stored ?? []).map((s) => ({ at: Number(s.at), value: Number(s.value) }));
    } catch {
      if (latest) history = [{ at: Number(latest[0].at), value: Number(latest[0].value) }];
    }
    const halting = rules.find((r) => r.rule?.action === 'HaltToken' && r.rule.condition.type === 'Above');
    const threshold = halting ? Number(halting.rule!.condition.value) : undefined;
    const latestReading = latest
      ? h('span', {}, h('span', { 'data-field': `latest-${feed}` }, String(latest[0].value)),
        ` at ${date(latest[0].at)} (${relative(latest[0].at, now)}), round ${latest[0].round}, ${latest[0].reporters} sensors`,
        latest[1] && [' ', h('span', { class: 'bad' }, 'stale')])
      : 'no settled reading yet';
    out.push(h('h3', {}, `Feed ${feed}`), pairs([
      ['Latest settled reading', latestReading],
      ['Plausible range', `${cfg.minValue} … ${cfg.maxValue}`],
      ['Quorum', `${cfg.quorum} of ${devices} sensors, round timeout ${Number(cfg.roundTimeoutMs) / 60000} min`],
      ['Open round', `#${round.number}: ${round.values.length ? round.values.join(', ') : 'no reports'}`],
      ['Rules', rules.length ? h('div', {}, rules.map((r) => h('div', {}, r.rule
        ? [`#${r.id}: ${conditionText(r.rule.condition)} ${r.rule.consecutive}× → ${r.rule.action === 'HaltToken' ? 'halt trading' : 'alert'}; breaches ${r.state.breaches}`,
          r.state.fired && [' ', h('span', { class: 'bad' }, 'fired')]]
        : `#${r.id}`))) : 'none'],
    ]), readingsChart(history, threshold, ''));
  }
  return out.length ? out : [h('p', { class: 'muted' }, 'The oracle has no feeds.')];
}
