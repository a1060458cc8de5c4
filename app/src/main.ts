// Entry point: reads the deployment manifest, connects to its chain, and renders the page named by the URL hash
// (#project, #investor, #offering, #passes, #milestones, #revenue, #governance, #platform, #sponsor, #auditor) for the account picked at the top: one of the user's
// wallet accounts (in a development build also the public dev keys, and `?account=<address or //Name>`).
import { connect, type ConnectionState } from './chain';
import { loadDeployment } from './deployment';
import { setUnits } from './errors';
import { h, section } from './dom';
import { pendingCount } from './tx';
import type { App } from './app';
import { renderProject } from './pages/project';
import { renderInvestor } from './pages/investor';
import { renderOffering } from './pages/offering';
import { renderRevenue } from './pages/revenue';
import { renderGovernance } from './pages/governance';
import { renderAuditor } from './pages/auditor';
import { renderPlatform } from './pages/platform';
import { renderSponsor } from './pages/sponsor';
import { renderPasses } from './pages/passes';
import { renderMilestones } from './pages/milestones';
import { DEV_KEYS, type Account } from './wallet';

const PAGES: Record<string, (app: App, el: HTMLElement) => Promise<void>> = {
  project: renderProject,
  investor: renderInvestor,
  offering: renderOffering,
  passes: renderPasses,
  milestones: renderMilestones,
  revenue: renderRevenue,
  governance: renderGovernance,
  platform: renderPlatform,
  sponsor: renderSponsor,
  auditor: renderAuditor,
};

const page = document.getElementById('page')!;

function current(): string {
  const h = window.location.hash.replace('#', '');
  return h in PAGES ? h : 'project';
}

const connection = document.getElementById('connection')!;
const blockInfo = document.getElementById('block')!;
/** Why the link to the chain is gone for good, once it is: the page says so and stops following blocks. */
let lost: string | undefined;
/** Whether the page has been shown once (before that, a failure is the start-up's card). */
let started = false;

function showLost() {
  page.replaceChildren(section('The chain cannot be reached', { 'data-lost': true },
    h('p', { class: 'bad' }, `${lost}. What this page showed may be out of date, and nothing can be sent.`),
    h('p', { class: 'muted' }, 'Reload the page to try again.')));
  page.dataset.state = 'error';
}

function showConnection(state: ConnectionState, detail: string) {
  connection.dataset.connection = state;
  connection.textContent = { connecting: 'connecting…', connected: '● live', reconnecting: '● reconnecting…', lost: '● offline' }[state];
  connection.title = detail;
  document.body.dataset.connection = state;
  if (state === 'lost' && lost === undefined) {
    lost = detail;
    // During a render the render shows it when it ends; before the first, the start-up's card says why.
    if (started && page.dataset.state !== 'loading') showLost();
  }
}

async function main() {
  page.dataset.state = 'loading';
  const deployment = await loadDeployment();
  document.getElementById('project-name')!.textContent = deployment.manifest.project.name;
  document.title = deployment.manifest.project.name;
  // The build's token symbol and decimals, checked against the chain after the first render: if they differ the
  // page says so and reads again with the chain's.
  let reread = () => {};
  const buildNotice = document.getElementById('build-notice')!;
  const chain = await connect(deployment, showConnection, (why) => {
    buildNotice.textContent = why;
    buildNotice.hidden = false;
    document.body.dataset.buildMismatch = '';
    void chain.tokenMeta().then(({ symbol, decimals }) => setUnits({ tokenSymbol: symbol ?? 'tokens', tokenDecimals: decimals }));
    reread();
  });
  setUnits({ native: chain.decimals, unit: chain.unit, tokenSymbol: 'tokens' });
  // Read with the first page's own reads, not before them (the pages ask the same memo for amounts).
  void chain.tokenMeta().then(({ symbol, decimals }) => setUnits({ tokenSymbol: symbol ?? 'tokens', tokenDecimals: decimals }),
    () => { /* the token's metadata is optional here; a page that needs it says why it could not read it */ });
  document.getElementById('chain-info')!.textContent = `${deployment.manifest.chain.name} · ${deployment.chainUrl}`;

  const select = document.getElementById('account') as HTMLSelectElement;
  const accounts: Account[] = chain.accounts.length ? chain.accounts : [{
    // Nothing to sign with: the pages still read the chain, for the deployer's address.
    address: deployment.manifest.deployer, label: 'no wallet account (read only)', kind: 'watch',
  }];
  select.replaceChildren(...accounts.map((a) => {
    const option = document.createElement('option');
    option.value = a.address;
    option.textContent = a.label;
    if (a.kind === 'dev') option.dataset.dev = '';
    return option;
  }));
  const notice = document.getElementById('wallet-notice')!;
  notice.textContent = chain.walletNotice ?? '';
  notice.hidden = !chain.walletNotice;
  document.body.dataset.wallet = chain.walletNotice ? 'none' : 'connected';
  if (DEV_KEYS) document.body.dataset.devKeys = '';
  const asked = DEV_KEYS ? new URLSearchParams(window.location.search).get('account') : null;
  const byUri = asked?.startsWith('//') ? accounts.find((a) => a.uri === asked) : undefined;
  const wanted = byUri?.address ?? asked ?? localStorage.getItem('account');
  select.value = accounts.some((a) => a.address === wanted) ? wanted! : accounts[0].address;

  let rendering = Promise.resolve();
  const app: App = {
    chain,
    account: accounts.find((a) => a.address === select.value)!,
    refresh: () => (rendering = rendering.then(() => render(false), () => render(false))),
  };
  /** The newest block seen, and the one the page was last read at. */
  let best = 0;
  let renderedAt = -1;
  /** The block of the last live re-read tried: one that failed is not retried before the next block. */
  let triedAt = -1;
  /** Set when the user types or picks something on the page: a new block then does not wipe it. */
  let editing = false;
  /** Counts the user's inputs: a live re-read that saw one arrive while it read is thrown away. */
  let touches = 0;
  let live = false;
  const touched = () => {
    editing = true;
    touches += 1;
  };
  page.addEventListener('input', touched);
  page.addEventListener('change', touched);
  const showBlock = () => {
    blockInfo.textContent = renderedAt >= 0 && renderedAt < best ? `block #${best} (page read at #${renderedAt})` : `block #${best}`;
    blockInfo.dataset.block = String(best);
  };
  /** A live re-read, when nothing stands in its way: not while the user fills a form or a transaction is on its way
   * (which reads the page again when it settles), and at most one queued. */
  const liveRefresh = () => {
    // Not before the first page is shown: that read is the page's first, not a second one beside it.
    if (!started || lost !== undefined || editing || live || pendingCount() > 0 || best <= Math.max(renderedAt, triedAt)) return;
    live = true;
    rendering = rendering.then(() => render(true), () => render(true)).finally(() => (live = false));
  };

  /** Reads the page again. An explicit one (a page change, an account, a transaction) shows "loading" and
   * replaces the page; a live one (a new block) keeps the page usable while it reads and is dropped if the user
   * typed meanwhile. */
  async function render(isLive: boolean) {
    if (lost !== undefined) return showLost();
    const at = best;
    if (isLive) triedAt = at;
    const before = touches;
    const name = current();
    if (!isLive) {
      editing = false;
      document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', (a as HTMLElement).dataset.page === name));
      page.dataset.state = 'loading';
      page.dataset.page = name;
    }
    try {
      const el = document.createElement('div');
      await PAGES[name](app, el);
      if (lost !== undefined) return showLost();
      if (isLive && (touches !== before || name !== current())) return;
      renderedAt = at;
      page.replaceChildren(...el.childNodes);
      page.dataset.account = app.account.address;
      page.dataset.block = String(renderedAt);
      // Handlers were bound on `el`'s children, which moved into `page` with them.
      page.dataset.state = 'ready';
      started = true;
      // What the build says of the token, against the chain: after the page shows (a failed check is tried again
      // after the next render).
      void chain.checkBuild().catch(() => {});
    } catch (e) {
      console.error(e);
      if (lost !== undefined) return showLost();
      if (isLive) return;
      page.replaceChildren(section('Could not read the chain', {}, h('p', { class: 'bad' }, String((e as Error).message ?? e))));
      page.dataset.state = 'error';
      started = true;
    } finally {
      showBlock();
      // A block that came while the page was read: read again (unless something stands in the way).
      setTimeout(liveRefresh, 0);
    }
  }

  select.addEventListener('change', () => {
    app.account = accounts.find((a) => a.address === select.value)!;
    localStorage.setItem('account', select.value);
    void app.refresh();
  });
  window.addEventListener('hashchange', () => void app.refresh());
  reread = () => void app.refresh();

  // Live data: the header shows each new block (and the block the page was read at, when older). The first page
  // waits for the first number (at most a few seconds), so it says which block it was read at.
  let firstBlock = () => {};
  const seen = new Promise<void>((done) => {
    firstBlock = done;
    setTimeout(done, 5_000);
  });
  await chain.client.query.system.number((n: number) => {
    best = Math.max(best, Number(n));
    firstBlock();
    showBlock();
    liveRefresh();
  });
  await seen;

  await app.refresh();
}

main().catch((e) => {
  console.error(e);
  page.dataset.state = 'error';
  page.replaceChildren(section('Cannot start', { 'data-start-error': true },
    h('p', { class: 'bad' }, String((e as Error).message ?? e)),
    h('p', { class: 'muted' }, 'Is the chain reachable, and was the app built with a deployment manifest (npm run build)?')));
});
