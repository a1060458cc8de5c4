#!/usr/bin/env node
// Reads what a chain offers contracts and whether each of the suite's contracts would be accepted there:
//
//   node check.cjs <ws-url> <crate>=<path/to/crate.contract> ...
//
// Prints one JSON object: the runtime, pallet-contracts' limits (maximum code length, storage-key length, deposits
// per byte and per item), the block's weight and length limits, and for each contract its Wasm size and the
// answer of a dry-run `ContractsApi::upload_code` (the runtime validating the code against its own schedule, and
// the deposit it would take). Nothing is submitted. Used by `deploy.py --check`.
//
// CHOPSTICKS_HOME names the directory whose node_modules holds @polkadot/api (installed with chopsticks by
// install.sh).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const home = process.env.CHOPSTICKS_HOME;
if (!home) {
  console.error('CHOPSTICKS_HOME is not set (the directory where install.sh put chopsticks and @polkadot/api)');
  process.exit(2);
}
const load = createRequire(path.join(path.resolve(home), 'package.json'));
const { ApiPromise, WsProvider } = load('@polkadot/api');

/** A constant as a plain JSON value, or null when the runtime does not declare it. */
function constant(api, pallet, name) {
  const c = api.consts[pallet] && api.consts[pallet][name];
  return c === undefined ? null : c.toJSON();
}

async function main() {
  const [url, ...contracts] = process.argv.slice(2);
  if (!url) {
    console.error('usage: node check.cjs <ws-url> <crate>=<file.contract> ...');
    process.exit(2);
  }
  const provider = new WsProvider(url);
  const timer = setTimeout(() => {
    console.error(`check.cjs: no answer from ${url} in 60 s`);
    process.exit(1);
  }, 60_000);
  const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  clearTimeout(timer);
  try {
    const version = api.runtimeVersion;
    const out = {
      runtime: `${version.specName.toString()}/${version.specVersion.toNumber()}`,
      chain: (await api.rpc.system.chain()).toString(),
      contracts_pallet: api.consts.contracts !== undefined,
      limits: {
        max_code_len: constant(api, 'contracts', 'maxCodeLen'),
        max_storage_key_len: constant(api, 'contracts', 'maxStorageKeyLen'),
        max_debug_buffer_len: constant(api, 'contracts', 'maxDebugBufferLen'),
        deposit_per_byte: constant(api, 'contracts', 'depositPerByte'),
        deposit_per_item: constant(api, 'contracts', 'depositPerItem'),
        code_hash_lockup_deposit_percent: constant(api, 'contracts', 'codeHashLockupDepositPercent'),
        schedule: constant(api, 'contracts', 'schedule'),
        block_weights: constant(api, 'system', 'blockWeights'),
        block_length: constant(api, 'system', 'blockLength'),
      },
      contracts: [],
    };
    // A well-known development account as the (dry-run) uploader; nothing is signed or submitted.
    const origin = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    for (const arg of contracts) {
      const [crate, file] = arg.split('=');
      const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
      const wasm = bundle.source && bundle.source.wasm;
      const entry = { crate, wasm_bytes: wasm ? (wasm.length - 2) / 2 : 0 };
      if (!wasm) {
        entry.error = 'the bundle holds no Wasm';
      } else if (api.call.contractsApi && api.call.contractsApi.uploadCode) {
        const answer = await api.call.contractsApi.uploadCode(origin, wasm, null, 'Enforced');
        const json = answer.toJSON();
        if (json.ok) {
          entry.upload = { ok: true, code_hash: json.ok.codeHash, deposit: String(json.ok.deposit) };
        } else {
          const err = json.err;
          let reason = JSON.stringify(err);
          if (err && err.module) {
            try {
              const meta = api.registry.findMetaError({
                index: api.createType('u8', err.module.index),
                error: api.createType('[u8;4]', err.module.error),
              });
              reason = `${meta.section}.${meta.name}`;
            } catch (_) {
              // keep the raw error
            }
          }
          entry.upload = { ok: false, reason };
        }
      } else {
        entry.error = 'the runtime exposes no ContractsApi::upload_code';
      }
      out.contracts.push(entry);
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await api.disconnect();
  }
}

main().catch((e) => {
  console.error(`check.cjs: ${e.message || e}`);
  process.exit(1);
});
