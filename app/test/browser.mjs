#!/usr/bin/env node
// Browser test: sets the chain up through Dedot (funding, onboarding, the lead investor's commitment), builds the
// production app and serves it, and drives headless Chromium (playwright-core, the system's /usr/bin/chromium)
// through an investor's life, every transaction signed by a test wallet injected the way a browser extension is
// (`window.injectedWeb3`, the injected-web3 standard; its keys live here in the test, outside the page): a refused
// transfer's reason, a refused and an accepted contribution, a retail investor's withdrawal in the cooling-off,
// finalisation after the deadline (time travel), claiming tokens, a transfer, a pass bought and charged by a toll
// gate, a dividend claim, a vote, a proposal queued and executed, another project's failed offering refunded, and a
// signature the user declines in the wallet. Also: the
// production build holds no dev key and ships a Content-Security-Policy the pages never violate, links cannot point
// it at another chain or manifest, and without a wallet the pages read but cannot sign. Asserts what the pages show
// and saves screenshots to ../docs/screenshots/. Exit code 1 on any failure.
//
//   CHAIN_URL=ws://127.0.0.1:9944 MANIFEST=../deployments/local/toll-road.json npm test
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { TypeRegistry } from '@polkadot/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { attempt, blockNumber, call, fund, newBlocks, now, onboard, openChain, query, timeTravel } from '../scripts/chain.mjs';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHAIN_URL = process.env.CHAIN_URL ?? 'ws://127.0.0.1:9944';
const MANIFEST = resolve(app, process.env.MANIFEST ?? '../deployments/local/toll-road.json');
const SHOTS = resolve(app, process.env.SCREENSHOTS ?? '../docs/screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const UNIT = 10n ** 12n;

let passed = 0;
let failed = 0;
const check = (cond, what) => {
  if (cond) { passed++; console.log(`  ok: ${what}`); } else { failed++; console.log(`  FAIL: ${what}`); }
  return cond;
};
const step = (s) => console.log(`\n== ${s}`);
const num = (s) => BigInt(String(s).replace(/[^\d]/g, '') || '0');

// ---------------------------------------------------------------- chain setup
step(`setup on ${CHAIN_URL} with ${MANIFEST}`);
if (!existsSync(MANIFEST)) throw new Error(`no manifest at ${MANIFEST}: start the chain and deploy first (see README)`);
const chain = await openChain(CHAIN_URL, MANIFEST);
const infra = Array.from({ length: 20 }, (_, i) => chain.key(`//Infra/${i + 1}`));
const byRole = (holder) => {
  const r = chain.manifest.roles.find((x) => x.holder === holder);
  const k = r && infra.find((p) => p.address === r.address);
  if (!k) throw new Error(`no //Infra/N key holds ${holder}`);
  return k;
};
const platformA = byRole('platform_a');
const platformB = byRole('platform_b');
const tollOperator = byRole('toll_operator');
const regulator = byRole('regulator');
const sponsor = byRole('sponsor');
const sensors = chain.manifest.roles.filter((r) => r.role === 'device:feed0')
  .map((r) => infra.find((p) => p.address === r.address)).filter(Boolean);
const terms = await query(chain, 'escrow', 'terms');
const lead = infra.find((p) => p.address === terms.leadInvestor.address());
const [bob, charlie, dave] = ['//Bob', '//Charlie', '//Dave'].map(chain.key);
// An investor whose claims last one day: the offering's deadline (time travel) leaves them expired.
const expiring = chain.key('//Expiring');
const price = terms.pricePerToken;
// The bridge engineer (sponsor's side) attests the road's opening with the regulator (independent): the oracle's
// rule of two attestations, at least one independent of the sponsor.
const engineer = byRole('bridge_engineer');
const gate = byRole('gate_1');
// A retail investor (KYC, no accredited-investor claim): the cooling-off applies to it.
const retail = chain.key('//Infra/19');
// Another project on the same chain whose offering fails (the solar farm: its soft cap is never reached), for the
// refund; its own registry and platforms.
const SOLAR_MANIFEST = resolve(dirname(MANIFEST), 'solar-farm.json');
if (!existsSync(SOLAR_MANIFEST)) throw new Error(`no manifest at ${SOLAR_MANIFEST}: ./chain.sh deploys the solar farm beside the toll road`);
// (openChain points the helpers' shared signing client at this chain's node: the same node as the toll road's.)
const solar = await openChain(CHAIN_URL, SOLAR_MANIFEST);
const solarRole = (holder) => {
  const r = solar.manifest.roles.find((x) => x.holder === holder);
  const k = r && infra.find((p) => p.address === r.address);
  if (!k) throw new Error(`no //Infra/N key holds ${holder} of the solar farm`);
  return k;
};
const solarTerms = await query(solar, 'escrow', 'terms');
const solarLead = infra.find((p) => p.address === solarTerms.leadInvestor.address());

// The sponsor is funded too: the whole raise of the example project is below the chain's existential deposit,
// and paying it to a new account fails (the escrow's PaymentFailed).
await fund(chain, [platformA, platformB, regulator, tollOperator, lead, sponsor, engineer, gate, retail, ...sensors].map((k) => k.address), 1_000n * UNIT);
console.log('funded the role keys from //Alice');
await onboard(chain, retail.address, 276, ['Kyc'], platformA, platformB);
console.log('onboarded a retail investor (//Infra/19: KYC only)');
await onboard(chain, expiring.address, 276, ['Kyc', 'Accredited'], platformA, platformB, 1);
console.log('onboarded //Expiring with claims for one day');
await fund(solar, [solarRole('platform_a'), solarRole('platform_b'), solarLead].map((k) => k.address), 1_000n * UNIT);
// The solar farm requires KYC and AML screening of its holders and investors.
await onboard(solar, solarLead.address, 276, ['Kyc', 'Aml', 'Accredited'], solarRole('platform_a'), solarRole('platform_b'));
await onboard(solar, bob.address, 250, ['Kyc', 'Aml', 'Accredited'], solarRole('platform_a'), solarRole('platform_b'));
if ((await query(solar, 'escrow', 'phase')) === 'AwaitingLead') {
  await call(solar, 'escrow', 'contribute', [], solarLead, solarTerms.leadCommitment);
  console.log('the solar farm\'s lead investor committed; //Bob is onboarded in its registry');
}
await onboard(chain, lead.address, 276, ['Kyc', 'Accredited'], platformA, platformB);
await onboard(chain, bob.address, 250, ['Kyc', 'Accredited'], platformA, platformB);
await onboard(chain, charlie.address, 276, ['Kyc', 'Accredited'], platformA, platformB);
console.log('onboarded the lead investor, //Bob (France) and //Charlie (Germany); //Dave stays unregistered');
if ((await query(chain, 'escrow', 'phase')) === 'AwaitingLead') {
  await call(chain, 'escrow', 'contribute', [], lead, terms.leadCommitment);
  console.log('the lead investor committed');
}
// Sensor readings: five rounds, one above the halting threshold (a single breach does not halt). Rounds follow
// each other block by block.
if (sensors.length >= 3 && !(await query(chain, 'oracle', 'latest', 0))) {
  for (const v of [1200, 2600, 3900, 5400, 4100]) {
    for (const s of sensors.slice(0, 3)) await call(chain, 'oracle', 'report', [0, BigInt(v + sensors.indexOf(s) * 40)], s);
  }
  console.log('three pier sensors reported five rounds');
}

// ---------------------------------------------------------------- build and serve the app
step('build and serve the app');
execFileSync('npm', ['run', 'build', '--silent'], { cwd: app, stdio: 'inherit', env: { ...process.env, MANIFEST } });
const dist = resolve(app, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
/** A static server of the built app in `root`. */
const serve = (root) => createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
const server = serve(dist);
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
console.log(`serving dist/ at ${base}`);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// An error in the page's console fails the test, except while a page is meant to fail (another chain, no chain).
const consoleErrors = [];
let expectErrors = false;
page.on('pageerror', (e) => {
  console.log(`  [page error] ${e.message}`);
  if (!expectErrors) consoleErrors.push(e.message);
});
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  console.log(`  [console] ${m.text()}`);
  if (!expectErrors) consoleErrors.push(m.text());
});

// The test wallet: what a browser extension injects (`window.injectedWeb3[name].enable()` answering accounts and a
// signer). The page asks it to sign a payload; the test signs it here with the key, as an extension's background
// does, or declines when told to (as a user pressing "Cancel").
const walletKeys = [bob, charlie, dave, lead, platformA, platformB, regulator, tollOperator, retail, expiring, sponsor, engineer];
const walletNames = new Map([[bob, 'Bob'], [charlie, 'Charlie'], [dave, 'Dave'], [lead, 'Lead'], [platformA, 'Platform A'],
  [platformB, 'Platform B'], [regulator, 'Regulator'], [tollOperator, 'Toll operator'], [retail, 'Retail investor'],
  [expiring, 'Expiring'], [sponsor, 'Sponsor'], [engineer, 'Bridge engineer']]);
let declineNext = false;
const signed = [];
await page.exposeFunction('__testWalletSignPayload', async (payload) => {
  if (declineNext) {
    declineNext = false;
    throw new Error('Cancelled');
  }
  const pair = walletKeys.find((k) => k.address === payload.address);
  if (!pair) throw new Error(`the test wallet holds no key for ${payload.address}`);
  const registry = new TypeRegistry();
  registry.setSignedExtensions(payload.signedExtensions);
  const { signature } = registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(pair);
  signed.push(payload.address);
  return { id: signed.length, signature };
});
const walletAccounts = walletKeys.map((k) => ({ address: k.address, name: walletNames.get(k), type: 'sr25519' }));
await page.addInitScript((accounts) => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.injectedWeb3 = {
    'infra-test-wallet': {
      version: '1.0.0',
      enable: async () => ({
        accounts: { get: async () => accounts, subscribe: (cb) => { cb(accounts); return () => {}; } },
        signer: { signPayload: (payload) => window.__testWalletSignPayload(payload) },
      }),
    },
  };
}, walletAccounts);
mkdirSync(SHOTS, { recursive: true });
const shot = async (name) => {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  console.log(`  screenshot docs/screenshots/${name}.png`);
};

/** Opens page `hash` as the wallet account `who` (picked in the account list, as a user does). */
async function open(hash, who) {
  // A fresh load each time (`t=`): the same URL with the same hash would not reload the page.
  await page.goto(`${base}?t=${Date.now()}#${hash}`);
  await page.waitForSelector('#page[data-state=ready], #page[data-state=error]', { timeout: 60_000 });
  if ((await page.inputValue('#account')) !== who.address) {
    await page.selectOption('#account', who.address);
  }
  await page.waitForFunction((a) => {
    const p = document.getElementById('page');
    return p.dataset.state === 'error' || (p.dataset.state === 'ready' && p.dataset.account === a);
  }, who.address, { timeout: 60_000 });
  const state = await page.getAttribute('#page', 'data-state');
  if (state !== 'ready') throw new Error(`page ${hash} did not render: ${await page.textContent('#page')}`);
  cspViolations.push(...(await page.evaluate(() => window.__cspViolations)));
}
const cspViolations = [];
const text = async (sel) => (await page.textContent(sel))?.trim() ?? '';
/** Clicks a transaction button and waits for its entry in the progress panel to settle; returns its state. */
async function transact(selector) {
  // Entries are numbered (data-seq); the panel keeps only the newest few, so the count alone cannot tell.
  const before = await page.evaluate(() => Number(document.querySelector('#txlog .tx')?.dataset.seq ?? 0));
  await page.click(selector);
  await page.waitForFunction((n) => Number(document.querySelector('#txlog .tx')?.dataset.seq ?? 0) > n, before, { timeout: 30_000 });
  const entry = page.locator('#txlog .tx').first();
  await page.waitForFunction(() => document.querySelector('#txlog .tx')?.dataset.state !== 'running', null, { timeout: 120_000 });
  const state = await entry.getAttribute('data-state');
  await page.waitForSelector('#page[data-state=ready]', { timeout: 60_000 });
  return { state, text: (await entry.textContent()).trim(), cost: await entry.getAttribute('data-cost'),
    walletRefusal: (await entry.getAttribute('data-wallet-refusal')) !== null };
}

/** Builds the app from a copy of the manifest changed by `doctor`, serves it, and runs `use(url)` on it. */
async function withDoctoredBuild(doctor, use, source = MANIFEST, afterBuild = () => {}) {
  const doctoredManifest = join(dirname(MANIFEST), `doctored-${Date.now()}.json`);
  const doctored = JSON.parse(readFileSync(source, 'utf8'));
  doctor(doctored);
  writeFileSync(doctoredManifest, JSON.stringify(doctored));
  try {
    execFileSync('npm', ['run', 'build', '--silent', '--', '--outDir', 'dist-doctored'], { cwd: app, stdio: 'inherit',
      env: { ...process.env, MANIFEST: doctoredManifest } });
  } finally {
    rmSync(doctoredManifest, { force: true });
  }
  afterBuild(resolve(app, 'dist-doctored'));
  const doctoredServer = serve(resolve(app, 'dist-doctored'));
  await new Promise((r) => doctoredServer.listen(0, '127.0.0.1', r));
  try {
    await use(`http://127.0.0.1:${doctoredServer.address().port}/`);
  } finally {
    doctoredServer.close();
    rmSync(resolve(app, 'dist-doctored'), { recursive: true, force: true });
    // The doctored build left its manifest in public/deployment: the real one goes back.
    execFileSync('node', ['scripts/bundle-deployment.mjs'], { cwd: app, stdio: 'inherit', env: { ...process.env, MANIFEST } });
  }
}

try {
  // 0. The production build: no development key, a Content-Security-Policy, one deployment only.
  step('The production build');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  check(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp) && csp.includes(`connect-src 'self' ${chain.manifest.chain.url}`),
    `index.html ships a strict Content-Security-Policy: ${csp}`);
  const bundle = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(dist, 'assets', f), 'utf8')).join('\n');
  check(!bundle.includes('DEV KEY') && !bundle.includes('//Infra/'), 'no development key or keyring in the production bundle');
  // What the build read from the chain, so the app starts without reading it (the runtime's metadata; the token's
  // symbol and decimals, checked against the chain after the first render: see 8e).
  const bundled = (name) => (existsSync(join(dist, 'deployment', name)) ? JSON.parse(readFileSync(join(dist, 'deployment', name), 'utf8')) : {});
  const bundledRuntime = bundled('runtime-metadata.json');
  const bundledToken = bundled('token-metadata.json');
  check(String(bundledRuntime.key).startsWith('RAW_META/') && bundledToken.address === chain.manifest.contracts.token.address
    && bundledToken.decimals === await query(chain, 'token', 'psp22MetadataTokenDecimals'),
    `the build carries the runtime metadata (${bundledRuntime.key}) and the token's decimals (${bundledToken.decimals})`);
  await page.goto(`${base}?url=${encodeURIComponent('ws://127.0.0.1:9')}&manifest=${encodeURIComponent('http://127.0.0.1:9/evil.json')}#project`);
  await page.waitForSelector('#page[data-state=ready], #page[data-state=error]', { timeout: 60_000 });
  check((await page.getAttribute('#page', 'data-state')) === 'ready' && (await text('#chain-info')).endsWith(chain.manifest.chain.url),
    `a link naming another chain and manifest is ignored: ${await text('#chain-info')}`);
  check(await page.locator('#account option[data-dev]').count() === 0, 'the account list offers only the wallet\'s accounts');
  check((await page.locator('#account option').allTextContents()).some((t) => t.includes('infra-test-wallet')),
    'the test wallet\'s accounts are listed with their wallet');

  // 1. Project page.
  step('Project page');
  await open('project', bob);
  const name = await query(chain, 'token', 'psp22MetadataTokenName');
  check((await text('[data-field=token-name]')) === name, `shows the token name "${name}"`);
  check((await text('[data-field=supply]')) !== '', 'shows the supply');
  check((await page.textContent('[data-halt]')).length > 0, `shows the halt state: "${await text('[data-halt]')}"`);
  check(await page.locator('svg[data-chart=readings]').count() > 0, 'draws the sensor readings chart');
  check(await page.locator('svg[data-chart=readings] line[data-threshold]').count() > 0, 'with the halt threshold');
  await shot('01-project');

  // 2. Investor: a refused transfer's reason, in words.
  step('Investor page: can_transfer //Bob -> //Dave (unregistered)');
  const firstRender = Date.now();
  await open('investor', bob);
  console.log(`  the investor page rendered in ${Date.now() - firstRender} ms (load, connect, read; docs in app/README.md)`);
  check((await text('[data-field=identity]')).startsWith('#'), `//Bob's identity is shown: ${await text('[data-field=identity]')}`);
  check(await page.locator('[data-claim=Kyc] .ok').count() === 1, 'his KYC claim shows as valid');
  await page.selectOption('#transfer-form select[name=to]', dave.address);
  await page.fill('#transfer-form input[name=amount]', '1');
  await page.click('#check-transfer');
  await page.waitForSelector('[data-can-transfer]');
  const expected = await query(chain, 'token', 'canTransfer', bob.address, dave.address, 1n);
  const sentence = await text('[data-can-transfer]');
  console.log(`  the page says: ${sentence}`);
  check(expected.isErr && (await page.getAttribute('[data-can-transfer]', 'data-variant')) === expected.err.type,
    `the refusal is the token's own (${expected.err?.type})`);
  const words = { NotRegistered: 'is not registered', InsufficientBalance: 'The sender holds' }[expected.err?.type] ?? 'Refused';
  check(sentence.startsWith('Refused: ') && sentence.includes(words), `the refusal reads as a sentence ("${words}")`);
  await shot('02-investor-refused-transfer');

  // 3. Offering: an unregistered investor is refused, in words.
  step('Offering page: //Dave (unregistered) tries to contribute');
  await open('offering', dave);
  await page.fill('#contribute-form input[name=tokens]', '10');
  const refused = await transact('#contribute');
  console.log(`  the progress panel says: ${refused.text}`);
  check(refused.state === 'refused' && /not registered in the compliance registry/.test(refused.text), 'the dry run refuses and says why');
  await shot('03-offering-refused');

  // 4. Offering: //Bob contributes and sees the raised amount change.
  step('Offering page: //Bob contributes 50,000 tokens');
  await open('offering', bob);
  let phase = await query(chain, 'escrow', 'phase');
  const bobPosition = await query(chain, 'escrow', 'position', bob.address);
  if (phase === 'Open' && !bobPosition) {
    const raised = async () => BigInt(await page.getAttribute('[data-field=raised]', 'data-raw')) / price;
    const raisedBefore = await raised();
    await page.fill('#contribute-form input[name=tokens]', '50000');
    const r = await transact('#contribute');
    check(r.state === 'done' && /Finalised/.test(r.text), `the contribution went through signing, block and finality: ${r.text.replace(/\s+/g, ' ')}`);
    check(/^fee [\d.,…]+ \S+, storage deposit [\d.,…]+ \S+, paying /.test(r.cost ?? ''), `its cost was shown before signing: ${r.cost}`);
    check(signed.includes(bob.address), 'the test wallet signed it, with //Bob\'s key');
    const raisedAfter = await raised();
    check(raisedAfter - raisedBefore === 50_000n, `raised went from ${raisedBefore} to ${raisedAfter} tokens`);
    check((await text('[data-field=paid]')).startsWith('50,000 '), `//Bob's position shows what he paid: ${await text('[data-field=paid]')}`);
    check(await page.locator('svg[data-chart=caps]').count() === 1, 'the caps chart is drawn');
    await shot('04-offering-contributed');
  } else {
    // A precondition that does not hold fails the test: it never passes by skipping what it could not do.
    check(false, `a fresh deployment: the offering is ${phase} and //Bob ${bobPosition ? 'already has a position' : 'has none'} (deploy afresh: ./chain.sh)`);
  }

  // 4b. A retail investor (no accredited-investor claim) contributes, and takes it all back within its cooling-off.
  step('Offering page: a retail investor contributes, then withdraws within the cooling-off');
  await open('offering', retail);
  if ((await query(chain, 'escrow', 'phase')) === 'Open' && !(await query(chain, 'escrow', 'position', retail.address))) {
    const raised = async () => BigInt(await page.getAttribute('[data-field=raised]', 'data-raw'));
    const refunded = async () => (await query(chain, 'escrow', 'status')).refunded;
    const [raisedBefore, refundedBefore] = [await raised(), await refunded()];
    const ticket = 20n;
    await page.fill('#contribute-form input[name=tokens]', String(ticket));
    const r = await transact('#contribute');
    check(r.state === 'done', `the retail investor contributed for ${ticket} tokens: ${r.text.replace(/\s+/g, ' ').slice(-40)}`);
    check(await raised() - raisedBefore === ticket * price, `raised grew by ${ticket} tokens' worth`);
    const kind = await text('#page');
    check(/retail: may withdraw until/.test(kind), 'the position says it is retail and until when it may be withdrawn');
    await shot('04b-offering-retail-position');
    const w = await transact('#withdraw');
    check(w.state === 'done', `the withdrawal went through: ${w.text.replace(/\s+/g, ' ').slice(-40)}`);
    check((await query(chain, 'escrow', 'position', retail.address)) === undefined, 'the escrow holds no position for it any more');
    check((await text('[data-field=paid]')) === 'No position.' && await raised() === raisedBefore,
      `the page shows no position and raised back at ${await text('[data-field=raised]')}`);
    check(await refunded() - refundedBefore === ticket * price, `the escrow paid back all ${ticket * price} it took (its refunded total)`);
    const twice = await transact('#withdraw');
    check(twice.state === 'refused' && /no position/i.test(twice.text), `a second withdrawal is refused in words: ${twice.text.split('Refused: ')[1] ?? twice.text}`);
  } else {
    check(false, `a fresh deployment: the offering is open and the retail investor has no position (deploy afresh: ./chain.sh)`);
  }

  // 5. Reach the soft cap, then cross the 30-day deadline and the cooling-off for real (chopsticks' time travel,
  // setup.mjs::timeTravel), finalise and claim.
  step('Offering page: soft cap reached, the deadline passed by time travel, finalise, claim tokens');
  const fillers = [charlie, ...['//Eve', '//Ferdie', '//Infra/16', '//Infra/17', '//Infra/18'].map(chain.key)];
  await fund(chain, fillers.map((k) => k.address), 1_000n * UNIT);
  for (const who of fillers) {
    const st = await query(chain, 'escrow', 'status');
    const left = (terms.softCap - st.raised) / price;
    if ((await query(chain, 'escrow', 'phase')) !== 'Open' || st.raised >= terms.softCap) break;
    if (await query(chain, 'escrow', 'position', who.address)) continue;
    await onboard(chain, who.address, 276, ['Kyc', 'Accredited'], platformA, platformB);
    const ticket = left > terms.maxTicket / price ? terms.maxTicket / price : left;
    await call(chain, 'escrow', 'contribute', [], who, ticket * price);
    console.log(`  ${who.address.slice(0, 8)}… contributed ${ticket} tokens' worth`);
  }
  if ((await query(chain, 'escrow', 'phase')) === 'Open' && (await now(chain)) <= terms.deadline + terms.coolingOffMs) {
    const to = terms.deadline + terms.coolingOffMs + 60_000n;
    await timeTravel(chain, to);
    check((await now(chain)) >= to, `the chain's clock moved past the deadline and the cooling-off (${new Date(Number(await now(chain))).toISOString()})`);
  }
  await open('offering', bob);
  check(BigInt(await page.getAttribute('[data-field=raised]', 'data-raw')) >= terms.softCap, `raised reads at least the soft cap: ${await text('[data-field=raised]')}`);
  if ((await query(chain, 'escrow', 'phase')) === 'Open') {
    const r = await transact('#finalize');
    check(r.state === 'done', `finalize: ${r.text.replace(/\s+/g, ' ')}`);
  }
  check((await text('[data-field=phase]')) === 'succeeded', `the phase reads "${await text('[data-field=phase]')}"`);
  if ((await text('[data-field=settled]')) === 'no') {
    const r = await transact('#claim-tokens');
    check(r.state === 'done', 'claim tokens went through');
  }
  check((await text('[data-field=settled]')) === 'yes', '//Bob\'s position is settled');
  await shot('05-offering-succeeded');
  for (const who of [lead, ...fillers]) {
    const p = await query(chain, 'escrow', 'position', who.address);
    if (p && !p.settled) await call(chain, 'escrow', 'claimTokens', [who.address], bob);
  }

  // 6. Investor: tokens arrived; the unregistered recipient's refusal; a transfer that goes through.
  step('Investor page: balance, refusal to //Dave, transfer to //Charlie');
  await open('investor', bob);
  const balance = num(await text('[data-field=balance]'));
  check(balance > 0n, `//Bob holds ${balance} tokens`);
  await page.selectOption('#transfer-form select[name=to]', dave.address);
  await page.fill('#transfer-form input[name=amount]', '10');
  await page.click('#check-transfer');
  await page.waitForSelector('[data-can-transfer]');
  const s2 = await text('[data-can-transfer]');
  console.log(`  the page says: ${s2}`);
  check(s2 === 'Refused: The recipient is not registered: the wallet belongs to no identity in the compliance registry.',
    'the unregistered recipient\'s refusal, in words');
  await shot('06-investor-recipient-not-registered');
  // KYC expiry: //Expiring's one-day claims ended while the clock passed the deadline. A transfer to him is refused
  // for the claims, and his own page shows them expired (the registry's verdict, not the page's arithmetic).
  await page.selectOption('#transfer-form select[name=to]', expiring.address);
  await page.click('#check-transfer');
  await page.waitForFunction(() => document.querySelector('[data-can-transfer]')?.dataset.variant === 'MissingClaims', null,
    { timeout: 30_000 }).catch(() => {});
  const expiredSentence = await text('[data-can-transfer]');
  check((await page.getAttribute('[data-can-transfer]', 'data-variant')) === 'MissingClaims' && /recipient/i.test(expiredSentence),
    `a transfer to //Expiring, whose claims ended, is refused for them: ${expiredSentence}`);
  await open('investor', expiring);
  const kyc = await page.locator('[data-claim=Kyc] td.bad').allTextContents();
  check(kyc.length === 1 && kyc[0] === 'expired', `his page shows his KYC claim expired: ${await text('[data-field=claims]')}`);
  check(await page.locator('[data-field=claims] td.ok').count() === 0, 'and no claim of his as valid');
  // The hand-off: which of the alliance's platforms can issue what the token requires and he lacks.
  await page.waitForSelector('#verifiers [data-field=missing-claims]', { timeout: 60_000 });
  const missing = await text('#verifiers [data-field=missing-claims]');
  check(/^You still need: KYC, from platform_a/.test(missing) && await page.locator('#verifiers tr[data-verifier]').count() === 2,
    `his page says who can verify him: ${missing}`);
  await shot('06b-investor-claims-expired');
  await open('investor', bob);
  const balanceAgain = num(await text('[data-field=balance]'));
  check(balanceAgain === balance, `//Bob's page again: ${balanceAgain} tokens`);
  await page.waitForSelector('#verifiers [data-field=missing-claims]', { timeout: 60_000 });
  check((await text('#verifiers [data-field=missing-claims]')) === 'You hold every claim the token requires.',
    `//Bob holds what the token requires: ${await text('#verifiers [data-field=missing-claims]')}`);
  await page.selectOption('#transfer-form select[name=to]', charlie.address);
  await page.fill('#transfer-form input[name=amount]', '100');
  await page.click('#check-transfer');
  await page.waitForSelector('[data-can-transfer=ok]');
  check(true, `can_transfer to //Charlie: ${await text('[data-can-transfer]')}`);
  const t = await transact('#do-transfer');
  check(t.state === 'done', 'the transfer went through');
  check(num(await text('[data-field=balance]')) === balance - 100n, `the balance reads ${await text('[data-field=balance]')}`);
  await shot('07-investor-transferred');
  await page.waitForSelector('[data-field=activity], [data-field=no-activity]', { timeout: 60_000 });
  const events = await page.locator('[data-field=activity] tr[data-event]').evaluateAll((rows) => rows.map((r) => r.dataset.event));
  check(events.includes('Transfer'),
    `his activity, read from the contracts' events, lists the transfer (${[...new Set(events)].join(', ')})`);

  // 6b. Passes: a road pass bought before the road opens; its validity starts at the opening; no refund before
  // the long-stop.
  step('Passes page: //Bob buys a road pass before the road opens');
  await open('passes', bob);
  check((await text('[data-field=facility-open]')) === 'not yet', `the road is not open yet: ${await text('[data-field=facility-open]')}`);
  const bought = await transact('[data-buy="0"]');
  check(bought.state === 'done' && /paying /.test(bought.cost ?? ''), `//Bob bought a class #0 pass: ${bought.cost}`);
  const validity = await text('[data-field=my-passes] [data-pass] [data-field=validity]');
  check(/days from the facility's opening \(not open yet\)/.test(validity), `its validity waits for the opening: ${validity}`);
  const noRefund = await transact('[data-field=my-passes] [data-refund]');
  check(noRefund.state === 'refused' && /only if the facility has not opened by its long-stop/.test(noRefund.text),
    `a refund before the long-stop is refused in words: ${noRefund.text.split('Refused: ')[1] ?? noRefund.text}`);
  await shot('16-passes');

  // 6c. The road opens (milestone 1 posted by the sponsor, attested by the regulator and the bridge engineer), and the
  // toll gate charges //Bob's pass: the page shows the credit left and the gate's receipt; a replayed receipt is
  // refused by the contract.
  step('Passes page: the road opens, a toll gate charges //Bob\'s pass');
  const passId = BigInt(await page.getAttribute('[data-field=my-passes] [data-pass]', 'data-pass'));
  const creditBefore = (await query(chain, 'pass', 'pass', passId))?.credit;
  // On the milestones page: the sponsor posts the opening certificate's hash; its own attestation is refused; the
  // regulator (independent) and the bridge engineer (sponsor's side) attest it; //Bob opens the facility from the
  // passes page.
  const certificate = 'A12 opening certificate 2026-12';
  await open('milestones', sponsor);
  check(await page.locator('[data-field=oracle-roles] [data-role=Stakeholder]').count() === 1, 'the sponsor\'s page lists its stakeholder role');
  await page.fill('#milestone-form input[name=milestone]', '1');
  await page.fill('#milestone-form input[name=evidence]', certificate);
  const posted = await transact('#post-milestone');
  const milestone = await query(chain, 'oracle', 'milestone', 1);
  check(posted.state === 'done' && milestone?.evidence === blake2AsHex(certificate, 256),
    `the sponsor posted milestone #1 with the certificate's hash: ${milestone?.evidence}`);
  const own = await transact('[data-milestone="1"] [data-attest]');
  check(own.state === 'refused' && /cannot attest/.test(own.text), `its own attestation is refused in words: ${own.text.split('Refused: ')[1] ?? own.text}`);
  for (const [attester, name] of [[regulator, 'the regulator'], [engineer, 'the bridge engineer']]) {
    await open('milestones', attester);
    const r = await transact('[data-milestone="1"] [data-attest]');
    check(r.state === 'done', `${name} attested milestone #1`);
  }
  check((await text('[data-milestone="1"] [data-field=state]')).startsWith('attested'),
    `the page shows it attested: ${await text('[data-milestone="1"] [data-field=state]')}`);
  await shot('16a-milestones-attested');
  await open('passes', bob);
  const opened = await transact('#open-facility');
  check(opened.state === 'done' && (await text('[data-field=facility-open]')).startsWith('yes'),
    `//Bob opened the facility from the passes page: ${await text('[data-field=facility-open]')}`);
  const receiptId = `0x${Buffer.from(`gate-1 lane 2 trip ${passId}`.padEnd(32, ' ')).toString('hex')}`;
  await call(chain, 'pass', 'consume', [passId, 1n, receiptId], gate);
  // (One trip of the two a day: a replay refused could not be the daily cap's doing.)
  const replay = await attempt(chain, 'pass', 'consume', [passId, 1n, receiptId], gate);
  check(!replay.ok && replay.refusal?.type === 'ReceiptAlreadyUsed' && replay.onChain === 'reverted',
    `the same receipt charged again is refused (${replay.refusal?.type}) and reverted on chain`);
  await open('passes', bob);
  check((await text('[data-field=facility-open]')).startsWith('yes, since'), `the road is open: ${await text('[data-field=facility-open]')}`);
  const creditShown = await text(`[data-field=my-passes] [data-pass="${passId}"] [data-field=credit]`);
  check(creditBefore !== undefined && num(creditShown) === creditBefore - 1n, `the pass's credit went from ${creditBefore} to ${creditShown}`);
  const receiptRows = await page.locator('[data-field=receipts] tr').allTextContents();
  check(receiptRows.some((t) => t.includes('0x' + receiptId.slice(2, 18))), `the gate's receipt is listed: ${receiptRows.join(' | ').replace(/\s+/g, ' ').slice(0, 160)}`);
  await shot('16b-passes-charged');

  // 7. Revenue: a toll deposit, //Bob claims his share.
  step('Revenue page: toll deposit, //Bob claims');
  const period = new Date(Number(await now(chain))).toISOString().slice(0, 7);
  await call(chain, 'distributor', 'depositNative', ['tolls', period], tollOperator, 100n * UNIT);
  await newBlocks(chain, 1);
  await open('revenue', bob);
  const claimable = BigInt(await page.getAttribute('[data-field=claimable]', 'data-raw'));
  check(claimable > 0n, `//Bob can claim ${await text('[data-field=claimable]')}`);
  await shot('08-revenue-claimable');
  declineNext = true;
  const declined = await transact('#claim-dividend');
  check(declined.state === 'refused' && declined.walletRefusal && /declined the signature in your wallet: nothing was sent/.test(declined.text),
    `a signature declined in the wallet is said in words: ${declined.text.split('Cost')[0].replace(/\s+/g, ' ')}`);
  check(BigInt(await page.getAttribute('[data-field=claimable]', 'data-raw')) === claimable, 'and nothing was claimed');
  const before = (await chain.client.query.system.account(bob.address)).data.free;
  const c = await transact('#claim-dividend');
  check(c.state === 'done', 'the claim went through');
  const gained = (await chain.client.query.system.account(bob.address)).data.free - before;
  check(gained <= claimable && gained > claimable - UNIT / 2n, `//Bob's native balance grew by ${gained} (the ${claimable} claimed, less the transaction fee)`);
  check(BigInt(await page.getAttribute('[data-field=claimable]', 'data-raw')) === 0n, 'nothing left to claim');
  await shot('09-revenue-claimed');

  // 8. Governance: the lead investor proposes, //Bob votes.
  step('Governance page: //Bob votes on a proposal');
  const meta = chain.contracts.distributor.metadata;
  const selector = meta.spec.messages.find((m) => m.label === 'set_payout_bps').selector;
  const bps = Buffer.alloc(2);
  bps.writeUInt16LE(8_500);
  const input = `0x${bps.toString('hex')}`;
  const callee = chain.manifest.contracts.distributor.address;
  const description = '0x' + Buffer.from('pay 85% of the tolls to holders.'.padEnd(32, ' ').slice(0, 32)).toString('hex');
  const proposed = await call(chain, 'governor', 'propose', [[{ callee, selector, input, value: 0n }], description], lead);
  const id = proposed.value;
  await newBlocks(chain, 2);
  await open('governance', bob);
  const div = `[data-proposal="${id}"]`;
  check((await text(`${div} [data-field=state]`)) === 'Active', `proposal #${id} is ${await text(`${div} [data-field=state]`)}`);
  const callText = await text(`${div} [data-call]`);
  check(callText.startsWith('distributor.set_payout_bps(payout_bps: 8,500)') && await page.locator(`${div} [data-call-problem]`).count() === 0,
    `the proposal's call is decoded from the metadata: ${callText}`);
  const v = await transact(`${div} [data-vote=For]`);
  check(v.state === 'done', 'the vote went through');
  check((await text(`${div} [data-field=voted]`)) === 'voted', 'the page shows //Bob voted');
  check(num(await text(`${div} [data-field=for]`)) > 0n, `votes for: ${await text(`${div} [data-field=for]`)}`);
  const again = await transact(`${div} [data-vote=Against]`);
  check(again.state === 'refused' && /already voted/.test(again.text), `a second vote is refused in words: ${again.text.split('Refused: ')[1] ?? again.text}`);
  await shot('10-governance-voted');

  // 8-. The vote ends (this chain's toll road votes for 10 blocks: chain.sh), the proposal has passed; queued from
  // the page, refused before its timelock, executed from the page after it: the distributor pays 85% from then on.
  step('Governance page: the proposal is queued, refused before its timelock, executed after it');
  await call(chain, 'governor', 'castVote', [id, 'For'], lead);
  const voteEnd = (await query(chain, 'governor', 'proposal', id)).voteEnd;
  const wait = voteEnd + 1 - (await blockNumber(chain));
  check(wait <= 10, `the vote ends within 10 blocks (${wait} to go): a 10-block voting period (./chain.sh deploys the toll road so)`);
  if (wait > 0) await newBlocks(chain, wait);
  check((await blockNumber(chain)) > voteEnd, `the chain is past the vote's last block ${voteEnd}`);
  await open('governance', bob);
  check((await text(`${div} [data-field=state]`)) === 'Succeeded', `proposal #${id} reads ${await text(`${div} [data-field=state]`)}`);
  const early = await transact(`${div} [data-action=execute]`);
  check(early.state === 'refused', `executing before it is queued is refused in words: ${early.text.split('Refused: ')[1] ?? early.text}`);
  const queued = await transact(`${div} [data-action=queue]`);
  check(queued.state === 'done' && (await text(`${div} [data-field=state]`)) === 'Queued', `queued from the page: ${await text(`${div} [data-field=state]`)}`);
  const tooSoon = await transact(`${div} [data-action=execute]`);
  check(tooSoon.state === 'refused' && /timelock|not before|until/i.test(tooSoon.text), `executing inside the timelock is refused in words: ${tooSoon.text.split('Refused: ')[1] ?? tooSoon.text}`);
  const eta = (await query(chain, 'governor', 'proposal', id)).eta;
  await timeTravel(chain, eta + 60_000n);
  await open('governance', bob);
  const executed = await transact(`${div} [data-action=execute]`);
  check(executed.state === 'done' && (await text(`${div} [data-field=state]`)) === 'Executed', `executed from the page after the timelock: ${await text(`${div} [data-field=state]`)}`);
  check((await query(chain, 'distributor', 'config')).payoutBps === 8_500, 'and the distributor now pays 85% to holders');
  await shot('10b-governance-executed');

  // 8a. The sponsor's page: a proposal built from the metadata (message on the allow-list, argument typed), then
  // shown decoded to the voters; a revenue deposit signed by the depositor's wallet.
  step('Sponsor page: a proposal built from the metadata, a revenue deposit');
  await open('sponsor', lead);
  await page.selectOption('#propose-form select[name=contract]', 'distributor');
  await page.waitForSelector('#propose-form select[name=message] option[data-label=set_payout_bps]:not([disabled])', { state: 'attached' });
  const offList = await page.locator('#propose-form select[name=message] option[disabled]').allTextContents();
  check(offList.length > 0 && offList.every((t) => t.endsWith("(not on the governor's allow-list)")),
    `messages off the allow-list cannot be picked (${offList.length}, e.g. ${offList[0]})`);
  await page.selectOption('#propose-form select[name=message]', { label: 'set_payout_bps' });
  await page.fill('#propose-form [data-arg=payout_bps]', '9000');
  await page.fill('#propose-form input[name=description]', 'Pay 90% of the tolls to holders.');
  const proposal = await transact('#propose');
  check(proposal.state === 'done', `the lead investor's proposal went through: ${proposal.text.replace(/\s+/g, ' ').slice(-60)}`);
  await open('governance', bob);
  const decoded = await page.locator('[data-call]').allTextContents();
  check(decoded.some((t) => t.startsWith('distributor.set_payout_bps(payout_bps: 9,000)')), 'the voters see it decoded: distributor.set_payout_bps(payout_bps: 9,000)');
  await open('sponsor', tollOperator);
  await page.fill('#deposit-form input[name=source]', 'parking');
  await page.fill('#deposit-form input[name=period]', period);
  await page.fill('#deposit-form input[name=amount]', '10');
  const deposited = await transact('#deposit');
  check(deposited.state === 'done' && /paying 10 UNIT/.test(deposited.cost ?? ''), `the toll operator deposited 10 UNIT: ${deposited.cost}`);
  await shot('15-sponsor');

  // 8b. Live data: a transfer made elsewhere (not by this page) reaches the open page with the next block.
  step('Live data: the investor page follows new blocks');
  await open('investor', bob);
  check(await page.locator('#connection[data-connection=connected]').count() === 1, `the header says the link is live: ${await text('#connection')}`);
  const shownBalance = num(await text('[data-field=balance]'));
  const blockBefore = Number(await page.getAttribute('#block', 'data-block'));
  await call(chain, 'token', 'psp22Transfer', [bob.address, 5n, '0x'], charlie);
  await page.waitForFunction((b) => Number(document.getElementById('block').dataset.block) > b, blockBefore, { timeout: 30_000 });
  await page.waitForFunction((want) => document.querySelector('[data-field=balance]')?.textContent.replace(/[^\d]/g, '') === want,
    String(shownBalance + 5n), { timeout: 30_000 }).catch(() => {});
  check(num(await text('[data-field=balance]')) === shownBalance + 5n,
    `without a reload, //Bob's balance went from ${shownBalance} to ${await text('[data-field=balance]')} at ${await text('#block')}`);

  // 8c. Platforms and the regulator, each signing with its own wallet account.
  step('Platform page: register //Dave, claims from two platforms, a freeze and its lifting');
  await open('platform', platformA);
  check(/verifier trusted for KYC, AML screening/.test(await text('[data-field=platform-role]')), `platform A's role: ${await text('[data-field=platform-role]')}`);
  check(JSON.stringify(await page.locator('#claim-form select[name=claim] option').allTextContents()) === JSON.stringify(['KYC', 'AML screening']),
    'platform A is offered only the claims it is trusted for');
  await page.fill('#lookup-form input[name=lookup]', dave.address);
  await page.click('#lookup');
  await page.waitForSelector('#lookup-result [data-lookup], #lookup-result [data-field=lookup-identity]');
  if (!(await query(chain, 'registry', 'complianceRegistryIdentityOf', dave.address))) {
    check(await page.locator('[data-lookup=unregistered]').count() === 1, `//Dave looks unregistered: ${await text('#lookup-result')}`);
    await page.fill('#register-form input[name=wallet]', dave.address);
    await page.fill('#register-form input[name=country]', '250');
    const r = await transact('#register');
    check(r.state === 'done' && signed.at(-1) === platformA.address, 'platform A registered //Dave, signing with its own wallet account');
  }
  const daveId = await query(chain, 'registry', 'complianceRegistryIdentityOf', dave.address);
  check(daveId !== undefined, `//Dave is identity #${daveId}`);
  await page.fill('#register-form input[name=wallet]', dave.address);
  const twice = await transact('#register');
  check(twice.state === 'refused' && /already belongs to identity #/.test(twice.text), `registering him again is refused in words: ${twice.text.split('Refused: ')[1] ?? twice.text}`);
  await page.fill('#register-form input[name=wallet]', '<img src=x onerror=alert(1)>');
  await page.click('#register');
  await page.waitForSelector('[data-input-error]');
  check(/is not an SS58 address/.test(await text('[data-input-error]')) && await page.locator('#platform-result img').count() === 0,
    `a typed address that is markup stays text: ${await text('[data-input-error]')}`);
  await page.fill('#claim-form input[name=identity]', String(daveId));
  await page.selectOption('#claim-form select[name=claim]', 'Kyc');
  await page.fill('#claim-form input[name=evidence]', 'passport check 2026-12 #4411');
  check((await transact('#issue-claim')).state === 'done', 'platform A issued //Dave\'s KYC claim');
  await open('platform', platformB);
  await page.fill('#claim-form input[name=identity]', String(daveId));
  await page.selectOption('#claim-form select[name=claim]', 'Accredited');
  check((await transact('#issue-claim')).state === 'done', 'platform B issued //Dave\'s accredited-investor claim');
  await page.fill('#lookup-form input[name=lookup]', String(daveId));
  await page.click('#lookup');
  await page.waitForSelector('#lookup-result [data-field=lookup-claims]');
  check(await page.locator('#lookup-result [data-claim=Kyc] .ok').count() === 1 && await page.locator('#lookup-result [data-claim=Accredited] .ok').count() === 1,
    'the look-up shows both claims valid');
  await shot('13-platform');
  await page.fill('#freeze-form input[name=identity]', String(daveId));
  const notRegulator = await transact('#freeze');
  check(notRegulator.state === 'refused' && /is not a regulator/.test(notRegulator.text), `a platform cannot freeze: ${notRegulator.text.split('Refused: ')[1] ?? notRegulator.text}`);
  await open('platform', regulator);
  check(/a regulator/.test(await text('[data-field=platform-role]')), `the regulator's role: ${await text('[data-field=platform-role]')}`);
  await page.fill('#freeze-form input[name=identity]', String(daveId));
  await page.fill('#freeze-form input[name=reason]', 'order 2026/118');
  check((await transact('#freeze')).state === 'done', 'the regulator froze //Dave\'s identity');
  const frozenCheck = await query(chain, 'token', 'canTransfer', bob.address, dave.address, 1n);
  check(frozenCheck.isErr, `the token now refuses a transfer to //Dave (${frozenCheck.err?.type})`);
  await open('investor', dave);
  check(/yes, by a regulator/.test(await text('#page')), 'his investor page says he is frozen');
  await open('platform', regulator);
  await page.fill('#freeze-form input[name=identity]', String(daveId));
  check((await transact('#unfreeze')).state === 'done', 'the regulator lifted the freeze');
  check((await query(chain, 'token', 'canTransfer', bob.address, dave.address, 1n)).isOk, 'and //Bob can transfer to //Dave again');

  // 8d. A halt: the pier sensors report three rounds above the rule's threshold; the oracle halts trading; the
  // project page says why in words, and a transfer is refused for it.
  step('A halt: three rounds above the threshold halt trading, and the pages say so');
  for (const v of [6100, 6200, 6300]) {
    for (const s of sensors.slice(0, 3)) await call(chain, 'oracle', 'report', [0, BigInt(v + sensors.indexOf(s) * 40)], s);
  }
  check((await query(chain, 'token', 'haltInfo')) !== undefined, 'three rounds above 5000 halted the token');
  await open('project', bob);
  const haltText = await text('[data-halt]');
  check((await page.getAttribute('[data-halt]', 'data-halt')) === 'halted' && /feed 0 above 5000 for 3 rounds in a row/.test(haltText),
    `the project page says why: ${haltText}`);
  await shot('17-project-halted');
  await open('investor', bob);
  await page.selectOption('#transfer-form select[name=to]', charlie.address);
  await page.fill('#transfer-form input[name=amount]', '1');
  await page.click('#check-transfer');
  await page.waitForSelector('[data-can-transfer]');
  check(/^Refused: Trading is halted/.test(await text('[data-can-transfer]')), `a transfer is refused for it: ${await text('[data-can-transfer]')}`);

  // 9. The auditor's page: every contract's code, metadata and admin checked; then the same page built from a
  // doctored manifest (the token's code hash changed) shows the mismatch in red.
  step('Auditor page');
  await open('auditor', bob);
  check(await page.locator('[data-audit=ok]').count() === 1 && await page.locator('tr[data-verdict=mismatch]').count() === 0,
    `every check matches: ${await text('[data-audit]')}`);
  check(await page.locator('tr[data-verdict=ok]').count() >= 3 * Object.keys(chain.manifest.contracts).length - 1,
    `${await page.locator('tr[data-verdict=ok]').count()} checks (code on chain, the shells' full code, metadata, admin)`);
  await shot('11-auditor');
  await withDoctoredBuild((m) => { m.contracts.token.code_hash = `0x${'00'.repeat(32)}`; }, async (url) => {
    await page.goto(`${url}#auditor`);
    await page.waitForSelector('#page[data-state=ready], #page[data-state=error]', { timeout: 60_000 });
    const red = await page.locator('tr[data-verdict=mismatch]').allTextContents();
    check(await page.locator('[data-audit=mismatch]').count() === 1 && red.some((t) => t.startsWith('token') && t.includes('code on chain')),
      `the doctored manifest is shown as not the deployment: ${red.map((t) => t.slice(0, 40)).join('; ')}`);
    await shot('12-auditor-doctored');
  });

  // 8e. A build that misstates the token's decimals (its bundled token-metadata.json doctored): the page checks them
  // against the chain after its first render, says so, and shows the chain's amounts.
  step('A build misstating the token\'s decimals is caught by the page');
  await withDoctoredBuild(() => {}, async (url) => {
    await page.goto(`${url}?t=${Date.now()}#investor`);
    await page.waitForSelector('#page[data-state=ready], #page[data-state=error]', { timeout: 60_000 });
    if ((await page.inputValue('#account')) !== bob.address) await page.selectOption('#account', bob.address);
    await page.waitForSelector('#build-notice:not([hidden])', { timeout: 60_000 });
    const notice = await text('#build-notice');
    check(/on chain has \d+ decimals/.test(notice) && notice.includes('this build says 7'), `the page says the build is wrong: ${notice}`);
    // The toll road's token has no decimals: //Bob's balance (his claimed tokens) then reads as a whole number once
    // the page has read itself again with the chain's decimals.
    const balance = await query(chain, 'token', 'psp22BalanceOf', bob.address);
    const decimals = await query(chain, 'token', 'psp22MetadataTokenDecimals');
    await page.waitForFunction(([a, want]) => document.getElementById('page').dataset.state === 'ready'
      && document.getElementById('page').dataset.account === a
      && document.querySelector('[data-field=balance]')?.textContent === want,
    [bob.address, balance.toLocaleString('en-US')], { timeout: 60_000 }).catch(() => {});
    const shown = await text('[data-field=balance]');
    check(decimals === 0 && balance > 0n && shown === balance.toLocaleString('en-US'),
      `and shows //Bob's balance with the chain's decimals: ${shown} (the chain: ${balance}, ${decimals} decimals)`);
    await shot('12b-build-misstates-decimals');
  }, MANIFEST, (dir) => {
    const file = join(dir, 'deployment/token-metadata.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), decimals: 7 }));
  });

  // 9a. Another project's offering fails: the solar farm's soft cap is not reached by its deadline. Its app (built
  // for its own manifest) takes //Bob's contribution, says the offering failed after the deadline, finalises it as
  // failed and refunds him in full.
  step('The solar farm\'s failed offering: contribute, the deadline passes, finalise, refund');
  await withDoctoredBuild(() => {}, async (url) => {
    const openSolar = async () => {
      await page.goto(`${url}?t=${Date.now()}#offering`);
      await page.waitForSelector('#page[data-state=ready], #page[data-state=error]', { timeout: 60_000 });
      if ((await page.inputValue('#account')) !== bob.address) await page.selectOption('#account', bob.address);
      await page.waitForFunction((a) => document.getElementById('page').dataset.account === a
        && document.getElementById('page').dataset.state === 'ready', bob.address, { timeout: 60_000 });
      cspViolations.push(...(await page.evaluate(() => window.__cspViolations)));
    };
    await openSolar();
    if ((await query(solar, 'escrow', 'phase')) !== 'Open' || await query(solar, 'escrow', 'position', bob.address)
        || (await now(solar)) >= solarTerms.deadline) {
      check(false, 'a fresh deployment: the solar farm\'s offering is open, before its deadline, and //Bob has no position there (deploy afresh: ./chain.sh)');
      return;
    }
    await page.fill('#contribute-form input[name=tokens]', '1000');
    const paid = await transact('#contribute');
    check(paid.state === 'done', `//Bob contributed to the solar farm: ${paid.cost}`);
    const st = await query(solar, 'escrow', 'status');
    check(st.raised < solarTerms.softCap, `its raise stays below the soft cap (${st.raised / solarTerms.pricePerToken} of ${solarTerms.softCap / solarTerms.pricePerToken} tokens)`);
    const early = await transact('#claim-refund');
    check(early.state === 'refused', `a refund while the offering is open is refused in words: ${early.text.split('Refused: ')[1] ?? early.text}`);
    // Past the deadline and the last retail cooling-off (none here: //Bob is accredited).
    const last = st.coolingOffUntil > solarTerms.deadline ? st.coolingOffUntil : solarTerms.deadline;
    await timeTravel(solar, last + 60_000n);
    await openSolar();
    const failed = await transact('#finalize');
    check(failed.state === 'done' && (await text('[data-field=phase]')) === 'failed', `finalised as failed: the phase reads "${await text('[data-field=phase]')}"`);
    await shot('18-offering-failed');
    const refund = await transact('#claim-refund');
    check(refund.state === 'done', `the refund went through: ${refund.text.replace(/\s+/g, ' ').slice(-40)}`);
    const after = await query(solar, 'escrow', 'status');
    const position = await query(solar, 'escrow', 'position', bob.address);
    check(after.refunded - st.refunded === 1000n * solarTerms.pricePerToken && position?.settled === true,
      `//Bob's ${1000n * solarTerms.pricePerToken} came back (the escrow's refunded total) and his position is settled`);
    const again = await transact('#claim-refund');
    check(again.state === 'refused', `a second refund is refused in words: ${again.text.split('Refused: ')[1] ?? again.text}`);
    await shot('19-offering-refunded');
  }, SOLAR_MANIFEST);

  // 9b. A build whose manifest names another chain (its genesis), or a chain that does not answer: the page says so
  // in a card, and the header says the link is down, instead of showing what it cannot vouch for.
  check(consoleErrors.length === 0, `no error in the page's console so far${consoleErrors.length ? `: ${consoleErrors.join('; ')}` : ''}`);
  step('Another chain, and no chain');
  expectErrors = true;
  await withDoctoredBuild((m) => { m.chain.genesis_hash = `0x${'11'.repeat(32)}`; }, async (url) => {
    await page.goto(`${url}#investor`);
    await page.waitForSelector('#page[data-state=ready], #page[data-state=error]', { timeout: 60_000 });
    check((await page.getAttribute('#page', 'data-state')) === 'error' && /not the sponsor's chain/.test(await text('[data-start-error]')),
      `a chain with another genesis is refused: ${(await text('[data-start-error]')).slice(0, 120)}`);
  });
  await withDoctoredBuild((m) => { m.chain.url = 'ws://127.0.0.1:9'; }, async (url) => {
    await page.goto(`${url}#investor`);
    await page.waitForSelector('#page[data-state=error]', { timeout: 90_000 });
    check(await page.locator('#connection[data-connection=lost]').count() === 1 && /cannot connect to the chain at ws:\/\/127\.0\.0\.1:9/.test(await text('[data-start-error]')),
      `a chain that does not answer: "${await text('#connection')}", ${(await text('[data-start-error]')).slice(0, 100)}`);
    await shot('14-chain-unreachable');
  });

  // 10. Without a wallet: the pages read the chain; nothing can be signed, and the page says why.
  step('No wallet installed');
  const bare = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await bare.goto(`${base}#offering`);
  await bare.waitForSelector('#page[data-state=ready], #page[data-state=error]', { timeout: 60_000 });
  const notice = (await bare.textContent('#wallet-notice'))?.trim() ?? '';
  check((await bare.getAttribute('#page', 'data-state')) === 'ready' && /No browser wallet answered/.test(notice),
    `the offering page reads, and says: ${notice}`);
  // (The offering has succeeded: its claim button is the one still enabled.)
  await bare.click('#claim-tokens');
  await bare.waitForFunction(() => document.querySelector('#txlog .tx')?.dataset.state !== 'running', null, { timeout: 60_000 });
  const noWallet = (await bare.textContent('#txlog .tx'))?.replace(/\s+/g, ' ') ?? '';
  check((await bare.getAttribute('#txlog .tx', 'data-state')) === 'refused' && /No browser wallet answered/.test(noWallet),
    'a transaction without a wallet is refused before anything is signed, saying why');
  await bare.close();
  check(cspViolations.length === 0, `no page violated the Content-Security-Policy${cspViolations.length ? `: ${cspViolations.join('; ')}` : ''}`);
} catch (e) {
  failed++;
  console.log(`  FAIL: ${e.stack ?? e}`);
  await shot('failure').catch(() => {});
} finally {
  await browser.close();
  server.close();
  await chain.client.disconnect();
  await solar.client.disconnect();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
