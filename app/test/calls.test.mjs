// The sponsor page's proposal builder and the governance page's decoder (src/calls.ts), against the deployment's
// real metadata: what a user types is encoded exactly as typed or refused in words (never wrapped, defaulted or
// truncated), and what a proposal carries is shown exactly or flagged. Run: node --test test/calls.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { importSrc, manifest, manifestPath } from './load.mjs';

const calls = await importSrc('calls');
const addresses = manifest ? Object.values(manifest.contracts).map((c) => c.address) : [];
const skip = !manifest ? `no deployment manifest at ${manifestPath}`
  : new Set(addresses).size !== addresses.length ? 'the manifest gives two contracts one address' : false;
const deployment = manifest && {
  manifest,
  metadata: Object.fromEntries(Object.entries(manifest.contracts)
    .map(([name, c]) => [name, JSON.parse(readFileSync(resolve(dirname(manifestPath), c.metadata), 'utf8'))])),
};
const spec = (contract, label) => calls.messagesOf(deployment, contract).find((m) => m.label === label);
/** Encodes the typed texts for `contract.label` and decodes the call back into words. */
function roundTrip(contract, label, ...texts) {
  const s = spec(contract, label);
  const values = texts.map((t, i) => calls.parseArg(deployment, s, i, t));
  const input = calls.encodeArgs(deployment, s, values);
  return calls.decodeCall(deployment, { callee: manifest.contracts[contract].address, selector: s.selector, input });
}
const said = (d) => `${d.contract}.${d.message}(${d.args.map((a) => `${a.name}: ${a.value}`).join(', ')})`;
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

test('a number is encoded as typed and read back the same', { skip }, () => {
  const d = roundTrip('distributor', 'set_payout_bps', '8_500');
  assert.equal(said(d), 'distributor.set_payout_bps(payout_bps: 8,500)');
  assert.equal(d.problem, undefined);
});

test('a number that does not fit, a negative for an unsigned type, or a formatted number is refused in words', { skip }, () => {
  const s = spec('distributor', 'set_payout_bps');
  assert.throws(() => calls.parseArg(deployment, s, 0, '70000'), /70000 is outside u16/);
  assert.throws(() => calls.parseArg(deployment, s, 0, '-1'), /-1 is outside u16/);
  assert.throws(() => calls.parseArg(deployment, s, 0, '1,5'), /not a whole number/);
  assert.throws(() => calls.parseArg(deployment, s, 0, '1e3'), /not a whole number/);
});

test('a struct needs every field, by its metadata or Dedot name, and no other', { skip }, () => {
  const s = spec('token', 'set_rules');
  const fields = deployment.metadata.token.types.find((t) => t.id === s.args[0].typeId).type.def.composite.fields;
  const sample = { required_claims: 1, sender_needs_claims: true, country_allowlist_enabled: false, max_holding_bps: 1000 };
  const full = Object.fromEntries(fields.map((f) => [f.name, sample[f.name] ?? 0]));
  const d = roundTrip('token', 'set_rules', JSON.stringify(full));
  assert.equal(d.problem, undefined);
  assert.match(said(d), /maxHoldingBps: 1,000/);
  const missing = { ...full };
  delete missing.max_holding_bps;
  assert.throws(() => calls.parseArg(deployment, s, 0, JSON.stringify(missing)), /the field max_holding_bps is missing/);
  assert.throws(() => calls.parseArg(deployment, s, 0, JSON.stringify({ ...full, max_holding: 5 })), /has no field max_holding/);
});

test('an option is None with null, and Some with a value', { skip }, () => {
  assert.match(said(roundTrip('token', 'set_supply_cap', 'null')), /\(cap: None\)$/);
  assert.match(said(roundTrip('token', 'set_supply_cap', '123456789012345678901234')), /cap: 123,456,789,012,345,678,901,234\)$/);
});

test('an address and a boolean are checked', { skip }, () => {
  const s = spec('token', 'set_exempt');
  assert.throws(() => calls.parseArg(deployment, s, 0, '<img src=x>'), /is not an SS58 address/);
  assert.throws(() => calls.parseArg(deployment, s, 1, 'yes'), /neither true nor false/);
  assert.match(said(roundTrip('token', 'set_exempt', ALICE, 'true')), /exempt: true\)$/);
});

test('a proposal whose input is not exactly its arguments is flagged', { skip }, () => {
  const s = spec('token', 'set_exempt');
  const input = calls.encodeArgs(deployment, s, [ALICE, true]);
  const callee = manifest.contracts.token.address;
  assert.equal(calls.decodeCall(deployment, { callee, selector: s.selector, input }).problem, undefined);
  assert.match(calls.decodeCall(deployment, { callee, selector: s.selector, input: input + '00' }).problem, /1 bytes more/);
  // A bool byte of 2: shown as true by a lenient decoder, refused by the contract.
  assert.match(calls.decodeCall(deployment, { callee, selector: s.selector, input: input.slice(0, -2) + '02' }).problem,
    /not the exact encoding/);
  assert.match(calls.decodeCall(deployment, { callee, selector: '0xdeadbeef', input }).problem, /no message with this selector/);
  assert.match(calls.decodeCall(deployment, { callee: ALICE, selector: s.selector, input }).problem, /not a contract of this deployment/);
});

test('text in a decoded call is quoted, so it cannot pose as more arguments', { skip }, () => {
  assert.equal(calls.words(deployment, 'tolls, amount: 1,000'), '"tolls, amount: 1,000"');
  assert.equal(calls.words(deployment, '0xabcd'), '0xabcd');
});

test('a field-less enum is given by its variant name; a number inside JSON is whole or refused', { skip }, () => {
  const s = spec('token', 'grant_role');
  const d = roundTrip('token', 'grant_role', ALICE, 'Agent');
  assert.equal(d.problem, undefined);
  assert.match(said(d), /role: "?Agent"?\)$/);
  assert.throws(() => calls.parseArg(deployment, s, 1, 'Nobody'), /is not one of/);
  const rules = spec('token', 'set_rules');
  const fields = deployment.metadata.token.types.find((t) => t.id === rules.args[0].typeId).type.def.composite.fields;
  const isBool = (id) => deployment.metadata.token.types.find((t) => t.id === id).type.def.primitive === 'bool';
  const full = Object.fromEntries(fields.map((f) => [f.name, f.name === 'max_holding_bps' ? 'X' : isBool(f.type) ? false : 0]));
  for (const n of ['1e3', '1.0', '2.9999999999999999']) {
    assert.throws(() => calls.parseArg(deployment, rules, 0, JSON.stringify(full).replace('"X"', n)), /not a whole number/, n);
  }
});

test('an enum variant with named fields takes every field and no other key, as a list for the codec; a variant without fields takes no value', { skip }, () => {
  // No message of the suite takes such an enum today (the escrow's tranche condition is a constructor argument), so
  // the check goes through a message made here with that argument type: the builder must stay exact when one does.
  const types = deployment.metadata.escrow.types;
  const condition = types.find((t) => t.type.path?.at(-1) === 'ReleaseCondition');
  assert.ok(condition, 'the escrow metadata describes ReleaseCondition');
  const s = { contract: 'escrow', label: 'made_here', selector: '0x00000000', docs: '', mutates: true,
    args: [{ name: 'condition', typeId: condition.id, typeName: 'ReleaseCondition' }] };
  const oracle = manifest.contracts.oracle.address;
  const ok = calls.parseArg(deployment, s, 0, JSON.stringify({ OracleMilestone: { oracle, milestone: 3 } }));
  assert.equal(ok.type, 'OracleMilestone');
  // Encoded as the variant's index, the account, then the milestone (u32, little-endian), and read back the same.
  const input = calls.encodeArgs(deployment, s, [ok]);
  assert.equal(input.length, 2 + 2 * (1 + 32 + 4));
  assert.match(input, /^0x01[0-9a-f]{64}03000000$/);
  assert.throws(() => calls.parseArg(deployment, s, 0, JSON.stringify({ OracleMilestone: { oracle, milestone: 3, extra: 1 } })),
    /OracleMilestone has no field extra/);
  assert.throws(() => calls.parseArg(deployment, s, 0, JSON.stringify({ OracleMilestone: { oracle } })),
    /the field milestone is missing/);
  assert.throws(() => calls.parseArg(deployment, s, 0, JSON.stringify({ OracleMilestone: [oracle, 3] })), /give an object/);
  assert.throws(() => calls.parseArg(deployment, s, 0, JSON.stringify({ AdminApproval: 5 })), /AdminApproval takes no value/);
  assert.deepEqual(calls.parseArg(deployment, s, 0, 'AdminApproval'), { type: 'AdminApproval' });
});

test('the constructor hand-over of a split contract is no message anyone is offered', { skip }, () => {
  for (const name of Object.keys(manifest.contracts)) {
    const labels = deployment.metadata[name].spec.messages.map((m) => m.label);
    assert.equal(spec(name, 'split_construct'), undefined, `${name} offers split_construct`);
    // Every other message is still offered.
    assert.equal(calls.messagesOf(deployment, name).length, labels.filter((l) => l !== 'split_construct').length);
  }
  assert.ok(deployment.metadata.token.spec.messages.some((m) => m.label === 'split_construct'), 'the token has the hand-over');
});
