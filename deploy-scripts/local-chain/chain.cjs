#!/usr/bin/env node
// A local pallet-contracts chain on loopback: the `contracts-parachain-runtime` 0.42 Wasm (the runtime of
// substrate-contracts-node 0.42) executed by chopsticks from a genesis made here.
//
//   node chain.cjs genesis <runtime.wasm> <genesis.json>   build the genesis state by running the runtime's own
//                                                          `GenesisBuilder_build_state` (no node binary needed)
//   node chain.cjs serve <genesis.json> <port>             serve it on ws://127.0.0.1:<port> (and http://)
//   node chain.cjs fork <ws url> <port>                    a throw-away fork of the chain at <ws url> (rehearsals)
//
// CHOPSTICKS_HOME names the directory whose node_modules holds @acala-network/chopsticks (see install.sh).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const home = process.env.CHOPSTICKS_HOME;
if (!home) {
  console.error('CHOPSTICKS_HOME is not set (the directory where install.sh put chopsticks)');
  process.exit(2);
}
const load = createRequire(path.join(path.resolve(home), 'package.json'));
const core = load('@acala-network/chopsticks-core');
const { Keyring } = load('@polkadot/keyring');
const { cryptoWaitReady } = load('@polkadot/util-crypto');
const { compactAddLength, compactFromU8a, hexToU8a, stringToU8a, u8aToString } = load('@polkadot/util');

/** One UNIT of the runtime (12 decimals). */
const UNIT = 1e12;
/** What every development account starts with (2^60, about 1.15 million UNIT): enough for any number of
 * deployments and test runs. A power of two, so the JSON number is exact (the runtime reads balances as numbers). */
const ENDOWMENT = 2 ** 60;
/** The well-known development accounts ink_e2e and cargo-contract's `--suri //Alice` expect to be funded. */
const DEV_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'One', 'Two'];
const PARA_ID = 1000;

/** The runtime's answer to `method(args)` with an empty state; throws with the runtime's message on a failure. */
async function callRuntime(wasm, method, argsHex, storage) {
  const handler = {
    ...core.emptyTaskHandler,
    // Genesis is built from nothing: every read misses, except what earlier writes of this call put there.
    getStorage: async (key) => storage.get(key),
    getNextKey: async (prefix, key) => {
      const keys = [...storage.keys()].filter((k) => k.startsWith(prefix) && k > key).sort();
      return keys[0];
    },
  };
  const response = await core.runTask(
    { wasm, calls: [[method, [argsHex]]], mockSignatureHost: false, allowUnresolvedImports: false, runtimeLogLevel: 0 },
    handler,
  );
  if (!('Call' in response)) {
    throw new Error(`${method} failed in the runtime: ${JSON.stringify(response.Error ?? response)}`);
  }
  return response.Call;
}

/** Decodes a SCALE `Vec<u8>` that starts at `offset` of `bytes`. */
function decodeBytes(bytes, offset) {
  const [skip, len] = compactFromU8a(bytes.subarray(offset));
  return bytes.subarray(offset + skip, offset + skip + Number(len));
}

/** Deep-merges `patch` into `base` the way chain-spec presets are patched (objects merge, everything else replaces). */
function merge(base, patch) {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return patch;
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

async function genesis(wasmPath, outPath) {
  await cryptoWaitReady();
  const wasm = '0x' + fs.readFileSync(wasmPath).toString('hex');
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dev = DEV_ACCOUNTS.map((name) => sr.addFromUri(`//${name}`).address);
  const alice = dev[0];

  // The runtime's default genesis config (`GenesisBuilder_get_preset(None)`), as a chain-spec builder starts from.
  const preset = await callRuntime(wasm, 'GenesisBuilder_get_preset', '0x00', new Map());
  const presetBytes = hexToU8a(preset.result);
  if (presetBytes[0] !== 1) throw new Error('the runtime has no default genesis config');
  const defaults = JSON.parse(u8aToString(decodeBytes(presetBytes, 1)));

  // What substrate-contracts-node's parachain chain spec sets: funded dev accounts, Alice as sudo and as the one
  // collator (aura key), parachain id 1000.
  const config = merge(defaults, {
    balances: { balances: dev.map((a) => [a, ENDOWMENT]) },
    sudo: { key: alice },
    parachainInfo: { parachainId: PARA_ID },
    collatorSelection: { invulnerables: [alice], candidacyBond: 16 * UNIT, desiredCandidates: 0 },
    session: { keys: [[alice, alice, { aura: alice }]] },
    polkadotXcm: { safeXcmVersion: 4 },
  });
  const arg = compactAddLength(stringToU8a(JSON.stringify(config)));
  const built = await callRuntime(wasm, 'GenesisBuilder_build_state', '0x' + Buffer.from(arg).toString('hex'), new Map());
  // `Result<(), String>`: 0x00 is Ok.
  if (!built.result.startsWith('0x00')) {
    const msg = u8aToString(decodeBytes(hexToU8a(built.result), 1));
    throw new Error(`GenesisBuilder_build_state refused the config: ${msg}`);
  }
  const top = { '0x3a636f6465': wasm }; // `:code`
  for (const [key, value] of built.storageDiff) if (value !== null) top[key] = value;

  const spec = {
    name: 'Infra Suite Local',
    id: 'infra_suite_local',
    chainType: 'Development',
    properties: { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'UNIT' },
    para_id: PARA_ID,
    relay_chain: 'rococo-local',
    genesis: { raw: { top, childrenDefault: {} } },
  };
  fs.writeFileSync(outPath, JSON.stringify(spec));
  console.log(`genesis: ${Object.keys(top).length} storage entries, dev accounts funded: ${DEV_ACCOUNTS.join(', ')}`);
}

// Chopsticks' genesis mode answers an upstream read of child storage (where pallet-contracts keeps each contract's
// storage) with "childstate_* not implemented". A genesis made here has no child tries at all, so "nothing there"
// is the exact answer; reads of contracts created later never reach the upstream.
function answerChildReadsFromGenesis() {
  const { Api, isPrefixedChildKey } = core;
  const getStorage = Api.prototype.getStorage;
  Api.prototype.getStorage = async function (key, hash) {
    return isPrefixedChildKey(key) ? null : getStorage.call(this, key, hash);
  };
  const getKeysPaged = Api.prototype.getKeysPaged;
  Api.prototype.getKeysPaged = async function (prefix, pageSize, startKey, hash) {
    return isPrefixedChildKey(prefix) ? [] : getKeysPaged.call(this, prefix, pageSize, startKey, hash);
  };
  const getStorageBatch = Api.prototype.getStorageBatch;
  Api.prototype.getStorageBatch = async function (prefix, keys, hash) {
    return isPrefixedChildKey(prefix) ? keys.map((k) => [k, null]) : getStorageBatch.call(this, prefix, keys, hash);
  };
}

/** The runtime's Aura slot: 6 s (substrate-contracts-node's parachain runtime). */
const SLOT_MS = 6000;

/** The chain spec at `genesisPath` with `Timestamp::Now` set to the start of the current slot.
 *
 * Chopsticks builds block 1 at start-up and, while the parent has no `Timestamp::Now`, reads the clock twice: once
 * for the Aura slot in the block's digest, once for the timestamp inherent. When a 6-s slot boundary fell between
 * the two reads, pallet-aura trapped ("Timestamp slot must match `CurrentSlot`"), block 1 was never built, and the
 * chain stayed at block 0 with no `BlockHash(0)`: every signed transaction then failed as `BadProof` (seen once in
 * CI). With a genesis time, both reads are the same number. */
function genesisStartingNow(genesisPath) {
  const spec = JSON.parse(fs.readFileSync(genesisPath, 'utf8'));
  const { xxhashAsHex } = load('@polkadot/util-crypto');
  const { u8aToHex, bnToU8a } = load('@polkadot/util');
  const key = xxhashAsHex('Timestamp', 128) + xxhashAsHex('Now', 128).slice(2);
  const now = Math.floor(Date.now() / SLOT_MS) * SLOT_MS;
  spec.genesis.raw.top[key] = u8aToHex(bnToU8a(now, { bitLength: 64, isLe: true }));
  return spec;
}

/** What both a served chain and a fork share: loopback only, a block per transaction, real signature checks. */
function servedOn(port) {
  return {
    host: '127.0.0.1',
    port: Number(port),
    'build-block-mode': 'Instant',
    'mock-signature-host': false,
    'allow-unresolved-imports': false,
    'runtime-log-level': 0,
  };
}

/** Closes `server` (and exits) on Ctrl-C or a kill. */
function closeOnSignals(server) {
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function serve(genesisPath, port) {
  answerChildReadsFromGenesis();
  await cryptoWaitReady();
  const { setupWithServer } = load('@acala-network/chopsticks');
  const server = await setupWithServer({
    genesis: genesisStartingNow(path.resolve(genesisPath)),
    ...servedOn(port),
    // Keep every block in memory (chopsticks' default keeps 500). A chain started from a genesis file has no
    // upstream to ask for an evicted block, and answers a placeholder for it: once block 0 went, `chain_getBlockHash(0)`
    // returned 0x4545.. instead of the genesis hash (seen after the browser test and the life walk, ~700 blocks).
    'max-memory-block-count': 1_000_000,
  });
  // Block 1 is built during set-up; without it nothing can be signed (see genesisStartingNow). Say so, and stop.
  if (server.chain.head.number < 1) {
    console.error('error: chopsticks could not build block 1 (see the runtime log above); no transaction would be valid');
    await server.close();
    process.exit(1);
  }
  console.log(`ready ws://${server.addr} at block ${server.chain.head.number}`);
  closeOnSignals(server);
}

/** A throw-away fork of the chain at `url` (its state at its newest block, read on demand) on 127.0.0.1:`port`:
 * what `deploy.py --rehearse` deploys on to learn what a deployment costs on that chain before spending anything
 * there. Signatures are checked for real; nothing done on the fork reaches the chain it forked. */
async function fork(url, port) {
  const { setupWithServer } = load('@acala-network/chopsticks');
  const server = await setupWithServer({
    endpoint: url,
    ...servedOn(port),
  });
  console.log(`ready ws://${server.addr} forked from ${url} at block ${server.chain.head.number}`);
  closeOnSignals(server);
}

const [command, a, b] = process.argv.slice(2);
// The executor's worker thread keeps node alive: a finished genesis exits explicitly.
const run = command === 'genesis' && a && b ? genesis(a, b).then(() => process.exit(0))
  : command === 'serve' && a && b ? serve(a, b)
    : command === 'fork' && a && b ? fork(a, b) : null;
if (!run) {
  console.error('usage: chain.cjs genesis <runtime.wasm> <genesis.json> | serve <genesis.json> <port> | fork <ws url> <port>');
  process.exit(2);
}
run.catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
