#!/usr/bin/env node
// The deployment's signer: the only process that ever holds the deployer's secret, which it reads from the first
// line of its standard input (never its command line or environment, which other users of the machine can read),
// and never writes anywhere.
//
//   node sign.cjs <ws-url>        then, on stdin: the secret URI, then one JSON request per line
//
// Requests (each answered by one JSON line on stdout, `{"ok": true, ...}` or `{"ok": false, "error": "..."}`):
//   {"op": "address"}                                          -> {"address"}
//   {"op": "upload", "bundle": "<file.contract>"}              -> {"code_hash", "already": bool}
//   {"op": "instantiate", "code_hash", "data", "salt", "adopt"} -> {"contract", "already": bool}
//   {"op": "call", "dest", "data"}                             -> {"events"}
//   {"op": "query", "dest", "data"}                            -> {"data": "0x..", "reverted": bool} (dry run)
//   {"op": "settle"}                          -> {"nonce"} once no transaction of the signer waits in the pool
// An instantiation first looks at the address the chain will give the contract (derived from the signer, the
// code hash, the constructor input and the salt, as pallet-contracts derives it): a contract already there is the
// one an earlier, interrupted run of the same deployment instantiated (`adopt`: the manifest existed), and is
// answered with `already: true` and nothing signed; without `adopt` it is another deployment's, and refused.
// `data` is the SCALE input `cargo contract encode` gives (no secret is needed to encode). Each transaction is
// dry-run first (its weight and deposit taken from the dry run; a message that reverts is refused with its return
// data, before anything is signed), then signed, submitted and followed until it is in a block; a dispatch error
// is named (`contracts.DuplicateContract`, ...).
//
// CHOPSTICKS_HOME names the directory whose node_modules holds @polkadot/api (installed with chopsticks by
// install.sh).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { createRequire } = require('node:module');

const home = process.env.CHOPSTICKS_HOME;
if (!home) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: 'CHOPSTICKS_HOME is not set' })}\n`);
  process.exit(2);
}
const load = createRequire(path.join(path.resolve(home), 'package.json'));
const { ApiPromise, WsProvider } = load('@polkadot/api');
const { Keyring } = load('@polkadot/keyring');
const { cryptoWaitReady, blake2AsU8a, decodeAddress, encodeAddress } = load('@polkadot/util-crypto');
const { compactAddLength, hexToU8a, stringToU8a, u8aConcat, u8aToHex } = load('@polkadot/util');

/** The address pallet-contracts gives a contract that `deployer` instantiates from `codeHash` with constructor
 * input `data` and `salt`: blake2-256 of the SCALE tuple (b"contract_addr_v1", deployer, code hash, input, salt),
 * the two byte strings with their compact length. */
function contractAddress(deployer, codeHash, data, salt) {
  const preimage = u8aConcat(
    stringToU8a('contract_addr_v1'),
    decodeAddress(deployer),
    hexToU8a(codeHash),
    compactAddLength(hexToU8a(data)),
    compactAddLength(hexToU8a(salt)),
  );
  return blake2AsU8a(preimage, 256);
}

/** A dispatch error in words: `pallet.Error` for a module error, else its JSON. */
function dispatchError(api, err) {
  if (err && err.isModule) {
    try {
      const meta = api.registry.findMetaError(err.asModule);
      return `${meta.section}.${meta.name}`;
    } catch (_) {
      // fall through to the raw form
    }
  }
  return JSON.stringify(err && err.toJSON ? err.toJSON() : err);
}

/** Set once deploy.py is gone (its end of our standard input closed): nothing is signed after that, so a run
 * killed while this process was busy cannot leave behind a transaction sent after the resumed run looked. */
let parentGone = false;

/** Signs and submits `tx`, resolving with the events of its block once it is in one. */
function submit(api, pair, tx) {
  if (parentGone) return Promise.reject(new Error('deploy.py is gone: nothing more is signed'));
  return new Promise((resolve, reject) => {
    let unsubscribe = null;
    tx.signAndSend(pair, { nonce: -1 }, (result) => {
      if (result.isError || result.status.isDropped || result.status.isInvalid || result.status.isUsurped) {
        if (unsubscribe) unsubscribe();
        reject(new Error(`the transaction was ${result.status.type.toLowerCase()}`));
        return;
      }
      if (!result.status.isInBlock && !result.status.isFinalized) return;
      if (unsubscribe) unsubscribe();
      const failed = result.events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
      if (failed) {
        reject(new Error(dispatchError(api, failed.event.data[0])));
        return;
      }
      resolve(result.events);
    })
      .then((u) => {
        unsubscribe = u;
      })
      .catch((e) => reject(new Error(e.message || String(e))));
  });
}

/** Throws unless a dry run's result is a success that did not revert. */
function dryRunOk(api, what, result) {
  if (result.isErr) throw new Error(`${what} would fail: ${dispatchError(api, result.asErr)}`);
  const ok = result.asOk;
  const exec = ok.result !== undefined ? ok.result : ok;
  if (exec.flags.isRevert) {
    const err = new Error(`${what}: the contract refused (reverted)`);
    err.revert = exec.data.toHex();
    throw err;
  }
  return ok;
}

async function handle(api, pair, req) {
  switch (req.op) {
    case 'address':
      return { address: pair.address };
    case 'existential_deposit':
      // What an account must keep: a fee or a transfer that would leave less is refused (as a decimal string: a
      // u128 does not fit a JSON number).
      return { existential_deposit: api.consts.balances.existentialDeposit.toString() };
    case 'upload': {
      const bundle = JSON.parse(fs.readFileSync(req.bundle, 'utf8'));
      const wasm = bundle.source && bundle.source.wasm;
      const codeHash = bundle.source && bundle.source.hash;
      if (!wasm || !codeHash) throw new Error(`${req.bundle} holds no Wasm`);
      const known = await api.query.contracts.codeInfoOf(codeHash);
      if (known.isSome) return { code_hash: codeHash, already: true };
      const args = api.tx.contracts.uploadCode.meta.args.length === 3 ? [wasm, null, 'Enforced'] : [wasm, null];
      await submit(api, pair, api.tx.contracts.uploadCode(...args));
      return { code_hash: codeHash, already: false };
    }
    case 'instantiate': {
      const ss58 = api.registry.chainSS58 === undefined ? 42 : api.registry.chainSS58;
      const expected = encodeAddress(contractAddress(pair.address, req.code_hash, req.data, req.salt), ss58);
      const there = await api.query.contracts.contractInfoOf(expected);
      if (there.isSome && !req.adopt) {
        // Not a resumed deployment: the contract is another deployment's (same signer, project id and code).
        throw new Error(`contracts.DuplicateContract: a contract is already at ${expected}`);
      }
      if (there.isSome) {
        const found = there.unwrap().codeHash.toHex();
        if (found !== req.code_hash) {
          throw new Error(`a contract with another code (${found}) is already at ${expected}`);
        }
        return { contract: expected, already: true };
      }
      const dry = await api.call.contractsApi.instantiate(
        pair.address, 0, null, null, { Existing: req.code_hash }, req.data, req.salt);
      const ok = dryRunOk(api, 'the constructor', dry.result);
      const dryAddress = ok.accountId;
      if (dryAddress && encodeAddress(decodeAddress(dryAddress.toString()), ss58) !== expected) {
        // Checked before anything is spent: resuming finds contracts at the derived address.
        throw new Error(`the chain would put the contract at ${dryAddress}, not at ${expected} as derived`);
      }
      const events = await submit(api, pair,
        api.tx.contracts.instantiate(0, dry.gasRequired, null, req.code_hash, req.data, req.salt));
      const made = events.find(({ event }) => api.events.contracts.Instantiated.is(event));
      if (!made) throw new Error('the block holds no Instantiated event');
      const contract = made.event.data[1].toString();
      if (encodeAddress(decodeAddress(contract), ss58) !== expected) {
        // Resuming an interrupted deployment finds its contracts at the derived address: it must be the chain's.
        throw new Error(`instantiated at ${contract}, not at ${expected} as derived: resuming could not find it`);
      }
      return { contract, already: false };
    }
    case 'call': {
      const dry = await api.call.contractsApi.call(pair.address, req.dest, 0, null, null, req.data);
      dryRunOk(api, 'the message', dry.result);
      const events = await submit(api, pair, api.tx.contracts.call(req.dest, 0, dry.gasRequired, null, req.data));
      return { events: events.length };
    }
    case 'settle': {
      // The pool's next index runs ahead of the account's nonce while a transaction of it waits for a block.
      for (let i = 0; i < 240; i += 1) {
        const next = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
        const nonce = (await api.query.system.account(pair.address)).nonce.toNumber();
        if (next === nonce) return { nonce };
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error('a transaction of the signer is still pending after 2 minutes');
    }
    case 'query': {
      const dry = await api.call.contractsApi.call(pair.address, req.dest, 0, null, null, req.data);
      if (dry.result.isErr) throw new Error(`the read failed: ${dispatchError(api, dry.result.asErr)}`);
      const exec = dry.result.asOk;
      return { data: u8aToHex(exec.data), reverted: exec.flags.isRevert };
    }
    default:
      throw new Error(`unknown request ${JSON.stringify(req.op)}`);
  }
}

async function main() {
  const url = process.argv[2];
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  process.stdin.on('end', () => { parentGone = true; });
  process.stdin.on('close', () => { parentGone = true; });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const answer = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
  if (first.done) {
    answer({ ok: false, error: 'no secret on standard input' });
    process.exit(2);
  }
  await cryptoWaitReady();
  let pair;
  try {
    pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(first.value.trim());
  } catch (_) {
    // Never the secret itself, nor the library's message (which may quote it).
    answer({ ok: false, error: 'the secret is not a valid secret URI, mnemonic or seed' });
    process.exit(2);
  }
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
  try {
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      if (!next.value.trim()) continue;
      try {
        answer({ ok: true, ...(await handle(api, pair, JSON.parse(next.value))) });
      } catch (e) {
        answer({ ok: false, error: e.message || String(e), ...(e.revert ? { revert: e.revert } : {}) });
      }
    }
  } finally {
    await api.disconnect();
  }
}

main().catch((e) => {
  process.stdout.write(`${JSON.stringify({ ok: false, error: `sign.cjs: ${e.message || e}` })}\n`);
  process.exit(1);
});
