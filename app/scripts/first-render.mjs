#!/usr/bin/env node
// Measures the investor page's first render on a running chain, and says where the time goes: every JSON-RPC
// request the page sends (method, when it was sent, how long the node took to answer), from loading the page to
// the page ready for the wallet's first account. Uses the built app in dist/ (npm run build) and a test wallet
// injected the way an extension is (as test/browser.mjs). Reads only: nothing is signed.
//
//   CHAIN_URL=ws://127.0.0.1:9944 MANIFEST=../deployments/local/toll-road.json node scripts/first-render.mjs [runs]
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 3);
const PAGE = process.env.PAGE ?? 'investor';
await cryptoWaitReady();
const bob = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob');

const dist = resolve(app, 'dist');
if (!existsSync(join(dist, 'index.html'))) throw new Error('no dist/: npm run build first (with MANIFEST set)');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer((req, res) => {
  let file = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const totals = [];
for (let run = 1; run <= RUNS; run++) {
  // A new browser context each run: nothing kept from the last (no cache, no local storage).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((accounts) => {
    window.injectedWeb3 = {
      'infra-test-wallet': {
        version: '1.0.0',
        enable: async () => ({
          accounts: { get: async () => accounts, subscribe: (cb) => { cb(accounts); return () => {}; } },
          signer: { signPayload: async () => { throw new Error('Cancelled'); } },
        }),
      },
    };
  }, [{ address: bob.address, name: 'Bob', type: 'sr25519' }]);
  const t0 = Date.now();
  const sent = new Map();
  const log = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      try {
        const m = JSON.parse(f.payload);
        let what = m.method;
        if (m.method === 'state_call') what += ` ${m.params[0]}`;
        sent.set(m.id, { what, at: Date.now() - t0 });
      } catch { /* not JSON */ }
    });
    ws.on('framereceived', (f) => {
      try {
        const m = JSON.parse(f.payload);
        const s = sent.get(m.id);
        if (s) log.push({ ...s, took: Date.now() - t0 - s.at, bytes: f.payload.length });
      } catch { /* not JSON */ }
    });
  });
  await page.goto(`${base}#${PAGE}`);
  await page.waitForFunction((a) => {
    const p = document.getElementById('page');
    return p.dataset.state === 'error' || (p.dataset.state === 'ready' && p.dataset.account === a);
  }, bob.address, { timeout: 60_000 });
  const total = Date.now() - t0;
  totals.push(total);
  const state = await page.getAttribute('#page', 'data-state');
  console.log(`run ${run}: ${PAGE} page ${state} in ${total} ms; ${log.length} requests answered before then:`);
  for (const r of log.filter((x) => x.at < total).sort((a, b) => a.at - b.at)) {
    console.log(`  +${String(r.at).padStart(5)} ms  ${String(r.took).padStart(5)} ms  ${String(r.bytes).padStart(8)} B  ${r.what}`);
  }
  await context.close();
  // Let the node finish what the closed page had asked (its activity reads) before the next run.
  await new Promise((r) => setTimeout(r, 8_000));
}
console.log(`first render of the ${PAGE} page: ${totals.join(', ')} ms (median ${totals.sort((a, b) => a - b)[Math.floor(totals.length / 2)]} ms)`);
await browser.close();
server.close();
