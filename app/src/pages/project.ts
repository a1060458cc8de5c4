// Project: the token (name, symbol, supply, halt state and its reason, documents) and the IoT oracle's sensors.
import type { App } from '../app';
import { addr, named, read } from '../app';
import { amount, card, date, esc, relative, rows } from '../format';
import { chainNow } from '../chain';
import { readingsChart, type Point } from '../charts';

export async function renderProject(app: App, el: HTMLElement) {
  const { token, oracle } = app.chain.contracts;
  const { symbol, decimals } = await app.chain.tokenMeta();
  const [name, supply, cap, holders, paused, halt, haltedBy, docNames, now] = await Promise.all([
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

  let haltText = '<span class="ok" data-halt="running">Trading is running.</span>';
  if (halt) {
    let why = `reason code ${halt.reason}`;
    if (haltedBy && addr(haltedBy) === oracleAddr) {
      const rule = await read(oracle.query.rule(halt.reason));
      why = rule
        ? `the IoT oracle's rule #${halt.reason}: feed ${rule.feed} ${conditionText(rule.condition)} for ${rule.consecutive} rounds in a row`
        : `the IoT oracle's rule #${halt.reason}`;
    }
    haltText = `<span class="bad" data-halt="halted">Trading is halted since ${date(halt.since)} by ${named(app, halt.guardian)}: ${esc(why)}.</span>`;
  }
  const tokenCard = card('Token', rows([
    ['Name', `<span data-field="token-name">${esc(name ?? '—')}</span>`],
    ['Symbol', `<span data-field="token-symbol">${esc(symbol ?? '—')}</span>`],
    ['Total supply', `<span data-field="supply">${amount(supply, decimals)}</span> ${esc(symbol ?? '')}`],
    ['Supply cap', cap === undefined ? 'none' : `${amount(cap, decimals)} ${esc(symbol ?? '')}`],
    ['Holders', String(holders)],
    ['Paused', paused ? '<span class="bad">yes</span>' : 'no'],
    ['Halt', haltText],
    ['Contract', named(app, token.address)],
  ]));
  const docsCard = card('Documents', docs.length
    ? `<table class="list"><tr><th>Name</th><th>URI</th><th>Hash</th><th>Updated</th></tr>${docs
        .map(([n, d]) => `<tr><td>${esc(n)}</td><td>${esc(d?.uri ?? '')}</td><td><code>${esc(String(d?.hash ?? '').slice(0, 18))}…</code></td><td>${d ? date(d.updatedAt) : ''}</td></tr>`)
        .join('')}</table>`
    : '<p class="muted">The token lists no documents.</p>');

  el.innerHTML = tokenCard + docsCard + card('Sensors (IoT oracle)', '<p class="muted">Reading the feeds…</p>', 'sensors');
  el.querySelector('#sensors')!.innerHTML = `<h2>Sensors (IoT oracle)</h2>${await sensors(app, now)}`;
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

async function sensors(app: App, now: bigint): Promise<string> {
  const { oracle } = app.chain.contracts;
  let html = '';
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
      const h = await oracle.storage.lazy().data.history.get(feed);
      history = (h ?? []).map((s) => ({ at: Number(s.at), value: Number(s.value) }));
    } catch {
      if (latest) history = [{ at: Number(latest[0].at), value: Number(latest[0].value) }];
    }
    const halting = rules.find((r) => r.rule?.action === 'HaltToken' && r.rule.condition.type === 'Above');
    const threshold = halting ? Number(halting.rule!.condition.value) : undefined;
    const latestText = latest
      ? `<span data-field="latest-${feed}">${latest[0].value}</span> at ${date(latest[0].at)} (${relative(latest[0].at, now)}), round ${latest[0].round}, ${latest[0].reporters} sensors${latest[1] ? ' <span class="bad">stale</span>' : ''}`
      : 'no settled reading yet';
    html += `<h3>Feed ${feed}</h3>` + rows([
      ['Latest settled reading', latestText],
      ['Plausible range', `${cfg.minValue} … ${cfg.maxValue}`],
      ['Quorum', `${cfg.quorum} of ${devices} sensors, round timeout ${Number(cfg.roundTimeoutMs) / 60000} min`],
      ['Open round', `#${round.number}: ${round.values.length ? round.values.join(', ') : 'no reports'}`],
      ['Rules', rules.length ? rules.map((r) => r.rule
        ? `#${r.id}: ${conditionText(r.rule.condition)} ${r.rule.consecutive}× → ${r.rule.action === 'HaltToken' ? 'halt trading' : 'alert'}; breaches ${r.state.breaches}${r.state.fired ? ' <span class="bad">fired</span>' : ''}`
        : `#${r.id}`).join('<br>') : 'none'],
    ]) + readingsChart(history, threshold, '');
  }
  return html || '<p class="muted">The oracle has no feeds.</p>';
}
