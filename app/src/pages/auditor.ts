// Auditor: for every contract of the deployment, the code on chain against the manifest (and a split contract's
// full code), the metadata's own code hash against both, and who holds every admin role (the governor after the
// handover; the deployer nothing). A mismatch is shown in red, with data-verdict="mismatch" on its row. Built as DOM
// nodes (dom.ts).
import type { App } from '../app';
import { addr, who } from '../app';
import { h, section } from '../dom';

interface Check {
  contract: string;
  what: string;
  ok: boolean;
  detail: string;
}

/** The code hash pallet-contracts records for `address`, or undefined when no contract is there. */
async function codeOnChain(app: App, address: string): Promise<string | undefined> {
  const info: any = await app.chain.client.query.contracts.contractInfoOf(address);
  return info ? String(info.codeHash) : undefined;
}

export async function renderAuditor(app: App, el: HTMLElement) {
  const { manifest, metadata } = app.chain.deployment;
  const governor = manifest.contracts.governor?.address;
  const handedOver = manifest.roles.some((r) => r.contract === 'governor' && r.role.startsWith('admin of'));
  const genesis = String(app.chain.client.genesisHash);
  const checks: Check[] = [{
    contract: '(chain)',
    what: 'genesis',
    ok: genesis === manifest.chain.genesis_hash,
    detail: `${genesis} (manifest ${manifest.chain.genesis_hash})`,
  }];
  for (const [name, c] of Object.entries(manifest.contracts)) {
    const onChain = await codeOnChain(app, c.address);
    checks.push({
      contract: name,
      what: 'code on chain',
      ok: onChain === c.code_hash,
      detail: onChain === undefined ? `no contract at ${c.address}` : `${onChain} (manifest ${c.code_hash})`,
    });
    const full = (c as { full_code_hash?: string }).full_code_hash;
    if (full) {
      const fullKnown: any = await app.chain.client.query.contracts.codeInfoOf(full as `0x${string}`);
      checks.push({
        contract: name,
        what: 'full code the shell pins',
        ok: Boolean(fullKnown),
        detail: fullKnown ? `${full} is on chain` : `${full} is not on chain`,
      });
    }
    // The kept metadata describes the code the manifest names (for a split contract: its shell, whose
    // metadata also names the full code it pins).
    const source = (metadata[name] as { source?: { hash?: string; build_info?: { split?: { full_code_hash?: string } } } })?.source;
    const metaHash = String(source?.hash ?? '');
    const metaFull = source?.build_info?.split?.full_code_hash;
    checks.push({
      contract: name,
      what: 'metadata',
      ok: metaHash === c.code_hash && (!full || !metaFull || metaFull === full),
      detail: `the metadata describes code ${metaHash || '(none)'}${metaFull ? ` over full code ${metaFull}` : ''}`,
    });
    if (name !== 'governor') {
      const contract = (app.chain.contracts as Record<string, any>)[name];
      const admin = contract ? addr((await contract.query.adminAdmin()).data) : undefined;
      if (admin !== undefined) {
        const expected = handedOver ? governor : manifest.deployer;
        checks.push({
          contract: name,
          what: 'admin',
          ok: admin === expected,
          detail: admin === governor ? 'the governor' : admin === manifest.deployer ? 'the deployer' : admin,
        });
      }
    }
  }
  const bad = checks.filter((c) => !c.ok).length;
  const verdict = bad
    ? h('p', { class: 'bad', 'data-audit': 'mismatch' }, `${bad} check${bad > 1 ? 's' : ''} failed: this is not the deployment the manifest describes.`)
    : h('p', { class: 'ok', 'data-audit': 'ok' }, 'Every contract runs the code the manifest names, the metadata describes it, and the governor holds every admin role.');
  const table = h('table', { class: 'list' },
    h('tr', {}, h('th', {}, 'Contract'), h('th', {}, 'Check'), h('th', {}, 'Verdict'), h('th', {}, 'Detail')),
    checks.map((c) => h('tr', { 'data-verdict': c.ok ? 'ok' : 'mismatch' }, h('td', {}, c.contract), h('td', {}, c.what),
      h('td', { class: c.ok ? 'ok' : 'bad' }, c.ok ? 'matches' : 'MISMATCH'), h('td', {}, h('code', {}, c.detail)))));
  const roles = h('table', { class: 'list' },
    h('tr', {}, h('th', {}, 'Contract'), h('th', {}, 'Role'), h('th', {}, 'Holder')),
    manifest.roles.map((r) => h('tr', {}, h('td', {}, r.contract), h('td', {}, r.role), h('td', {}, who(app, r.address)))));
  el.replaceChildren(
    section('Deployment verification', {}, verdict, table),
    section('Roles granted by the deployment (manifest)', {}, roles),
    section('Chain', {}, h('p', {}, `${manifest.chain.name} · runtime ${manifest.chain.runtime} · genesis `, h('code', {}, manifest.chain.genesis_hash))),
  );
}
