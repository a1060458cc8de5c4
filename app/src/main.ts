// Entry point: reads the deployment manifest, connects to its chain, and renders the page named by the URL hash
// (#project, #investor, #offering, #revenue, #governance, #auditor) for the account picked at the top: one of the user's
// wallet accounts (in a development build also the public dev keys, and `?account=<address or //Name>`).
import { connect } from './chain';
import { loadDeployment } from './deployment';
import { setUnits } from './errors';
import { esc } from './format';
import type { App } from './app';
import { renderProject } from './pages/project';
import { renderInvestor } from './pages/investor';
import { renderOffering } from './pages/offering';
import { renderRevenue } from './pages/revenue';
import { renderGovernance } from './pages/governance';
import { renderAuditor } from './pages/auditor';
import { DEV_KEYS, type Account } from './wallet';

const PAGES: Record<string, (app: App, el: HTMLElement) => Promise<void>> = {
  project: renderProject,
  investor: renderInvestor,
  offering: renderOffering,
  revenue: renderRevenue,
  governance: renderGovernance,
  auditor: renderAuditor,
};

const page = document.getElementById('page')!;

function current(): string {
  const h = window.location.hash.replace('#', '');
  return h in PAGES ? h : 'project';
}

async function main() {
  page.dataset.state = 'loading';
  const deployment = await loadDeployment();
  document.getElementById('project-name')!.textContent = deployment.manifest.project.name;
  document.title = deployment.manifest.project.name;
  const chain = await connect(deployment);
  setUnits({ native: chain.decimals, unit: chain.unit, tokenSymbol: 'tokens' });
  try {
    const { token } = chain.contracts;
    const [sym, dec] = await Promise.all([token.query.psp22MetadataTokenSymbol(), token.query.psp22MetadataTokenDecimals()]);
    setUnits({ tokenSymbol: sym.data ?? 'tokens', tokenDecimals: dec.data });
  } catch { /* the token's metadata is optional */ }
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
    refresh: () => (rendering = rendering.then(render, render)),
  };

  async function render() {
    const name = current();
    document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', (a as HTMLElement).dataset.page === name));
    page.dataset.state = 'loading';
    page.dataset.page = name;
    try {
      const el = document.createElement('div');
      await PAGES[name](app, el);
      page.replaceChildren(...el.childNodes);
      page.dataset.account = app.account.address;
      // Handlers were bound on `el`'s children, which moved into `page` with them.
      page.dataset.state = 'ready';
    } catch (e) {
      console.error(e);
      page.innerHTML = `<section class="card"><h2>Could not read the chain</h2><p class="bad">${esc((e as Error).message ?? e)}</p></section>`;
      page.dataset.state = 'error';
    }
  }

  select.addEventListener('change', () => {
    app.account = accounts.find((a) => a.address === select.value)!;
    localStorage.setItem('account', select.value);
    void app.refresh();
  });
  window.addEventListener('hashchange', () => void app.refresh());
  await app.refresh();
}

main().catch((e) => {
  console.error(e);
  page.dataset.state = 'error';
  page.innerHTML = `<section class="card"><h2>Cannot start</h2><p class="bad">${esc((e as Error).message ?? e)}</p>
    <p class="muted">Is the chain reachable, and was the app built with a deployment manifest (npm run build)?</p></section>`;
});
