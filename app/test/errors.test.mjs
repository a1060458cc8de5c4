// Every variant of the contracts' error enums the app renders has its own sentence (not the generic fallback),
// checked against the metadata the typed clients were generated from. Run: node --test test/errors.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { importSrc, manifest, manifestPath } from './load.mjs';

const errors = await importSrc('errors');

/** The metadata the deployment kept for `crate` (where its manifest says: a deployment keeps it per code hash). */
function metadataOf(crate) {
  const entry = Object.values(manifest.contracts).find((c) => c.crate === crate);
  assert.ok(entry, `${crate} in ${manifestPath}`);
  return JSON.parse(readFileSync(resolve(dirname(manifestPath), entry.metadata), 'utf8'));
}

/** Variants (with a sample value) of the enum named `name` in a contract's metadata. */
function variants(crate, name) {
  const meta = metadataOf(crate);
  const t = meta.types.find((x) => x.type.path?.at(-1) === name && x.type.def.variant);
  assert.ok(t, `${name} in ${crate}`);
  const sample = (f) => {
    const ty = meta.types.find((x) => x.id === f.type).type;
    if (ty.def.primitive) return /^u|^i/.test(ty.def.primitive) ? (/(64|128)$/.test(ty.def.primitive) ? 5n : 5) : 'x';
    if (ty.path?.at(-1) === 'Party') return 'Recipient';
    if (ty.def.variant) return { type: ty.def.variant.variants[0].name };
    return '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  };
  return t.type.def.variant.variants.map((v) => {
    const f = v.fields ?? [];
    return { type: v.name, value: f.length === 0 ? undefined : f.length === 1 ? sample(f[0]) : f.map(sample) };
  });
}

const cases = [
  ['project_token', 'TransferRestriction', 'transferRestriction'],
  ['crowdfund_escrow', 'EscrowError', 'escrowError'],
  ['governor', 'GovernorError', 'governorError'],
  ['dividend_distributor', 'DistributorError', 'distributorError'],
];

for (const [crate, name, fn] of cases) {
  test(`${name}: a sentence for every variant`, { skip: !manifest && 'no deployment manifest' }, () => {
    for (const v of variants(crate, name)) {
      const s = errors[fn](v);
      assert.notEqual(s, errors.generic(v), `${name}::${v.type} falls back to the generic text: ${s}`);
      assert.match(s, /^\S.*[.]$/, `${name}::${v.type} is a sentence: ${s}`);
    }
  });
}

// The `AdminError` each administered contract wraps in its `Admin` variant: a sentence per variant, naming the
// contract.
const administered = [
  ['crowdfund_escrow', 'escrowError', 'offering'],
  ['dividend_distributor', 'distributorError', 'distributor'],
  ['project_token', 'tokenError', 'token'],
  ['compliance_registry', 'registryError', 'registry'],
];

for (const [crate, fn, contract] of administered) {
  test(`${crate}: Admin(AdminError), a sentence for every variant`, { skip: !manifest && 'no deployment manifest' }, () => {
    for (const v of variants(crate, 'AdminError')) {
      const s = errors[fn]({ type: 'Admin', value: v });
      assert.notEqual(s, errors.generic(v), `AdminError::${v.type} falls back to the generic text: ${s}`);
      assert.match(s, new RegExp(`^\\S.* the ${contract}'s .*[.]$`), `AdminError::${v.type} names the ${contract}: ${s}`);
    }
  });
}

test('a refusal of the admin role names the contract', () => {
  const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  assert.equal(errors.escrowError({ type: 'Admin', value: { type: 'NotAdmin', value: alice } }),
    "5Grwva…GKutQY is not the offering's admin.");
  assert.equal(errors.distributorError({ type: 'Admin', value: { type: 'NotPendingAdmin', value: alice } }),
    "5Grwva…GKutQY is not the distributor's pending admin.");
});

test('the unregistered recipient', () => {
  assert.equal(errors.transferRestriction({ type: 'NotRegistered', value: 'Recipient' }),
    'The recipient is not registered: the wallet belongs to no identity in the compliance registry.');
});
