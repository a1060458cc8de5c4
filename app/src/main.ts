// Entry point: reads the deployment manifest, connects to its chain, and renders the page named by the URL hash
// (#project, #investor, #offering, #revenue, #governance) for the account picked at the top (also `?account=//Bob`).
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

const PAGES: Record<string, (app: App, el: HTMLElement) => Promise<void>> = {
  project: renderProject,
  investor: renderInvestor,
  offering: renderOffering,
  revenue: renderRevenue,
  governance: renderGovernance,
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
  select.innerHTML = chain.accounts.map((a) => `<option value="${a.uri}">${esc(a.label)}</option>`).join('');
  const wanted = new URLSearchParams(window.location.search).get('account') ?? localStorage.getItem('account') ?? '//Alice';
  select.value = chain.accounts.some((a) => a.uri === wanted) ? wanted : '//Alice';

  let rendering = Promise.resolve();
  const app: App = {
    chain,
    account: chain.accounts.find((a) => a.uri === select.value)!,
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
      // Handlers were bound on `el`'s children, which moved into `page` with them.
      page.dataset.state = 'ready';
    } catch (e) {
      console.error(e);
      page.innerHTML = `<section class="card"><h2>Could not read the chain</h2><p class="bad">${esc((e as Error).message ?? e)}</p></section>`;
      page.dataset.state = 'error';
    }
  }

  select.addEventListener('change', () => {
    app.account = chain.accounts.find((a) => a.uri === select.value)!;
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
    <p class="muted">Is the chain running, and was the app built with a deployment manifest (npm run build)?</p></section>`;
});
