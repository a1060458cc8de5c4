// The chain from Node, through Dedot, signed by dev keys: contract calls (dry run, then the transaction, waiting for
// its block), funding, onboarding (register_identity + claims by the verifiers), and chopsticks' dev RPCs to make
// blocks and move the clock. Used by the browser test's setup (test/browser.mjs) and the life walk (scripts/walk.mjs).
import { LegacyClient, WsProvider } from 'dedot';
import { Contract } from 'dedot/contracts';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const DAY = 86_400_000n;

export async function openChain(url, manifestPath) {
  await cryptoWaitReady();
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const client = await LegacyClient.new({ provider: new WsProvider(url), stalingDetectionTimeout: 0 });
  submit.client = client;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const key = (uri) => keyring.addFromUri(uri);
  const contracts = {};
  for (const [name, c] of Object.entries(manifest.contracts)) {
    const meta = JSON.parse(readFileSync(resolve(dirname(manifestPath), c.metadata), 'utf8'));
    contracts[name] = new Contract(client, meta, c.address, { defaultCaller: key('//Alice').address });
  }
  return { client, manifest, key, contracts, alice: key('//Alice') };
}

/**
 * Signs, submits and waits for the block that includes the extrinsic (polling: see src/send.ts for why). Returns
 * `{ blockNumber, blockHash, failure }`: `failure` is undefined when the block holds its `ExtrinsicSuccess`,
 * otherwise the dispatch error's name (`Contracts.ContractReverted`, ...).
 */
async function submit(tx, signer) {
  const { client } = submit;
  await tx.sign(signer);
  const hex = tx.toHex();
  let next = Number((await client.rpc.chain_getHeader()).number);
  await client.rpc.author_submitExtrinsic(hex);
  for (let tries = 0; tries < 600; tries++) {
    const best = Number((await client.rpc.chain_getHeader()).number);
    for (; next <= best; next++) {
      const hash = await client.rpc.chain_getBlockHash(next);
      const block = await client.rpc.chain_getBlock(hash);
      const index = block.block.extrinsics.indexOf(hex);
      if (index < 0) continue;
      const events = await (await client.at(hash)).query.system.events();
      const outcome = events.find((e) => e.phase?.type === 'ApplyExtrinsic' && e.phase.value === index
        && e.event.pallet === 'System'
        && ['ExtrinsicSuccess', 'ExtrinsicFailed'].includes(e.event.palletEvent?.name));
      if (outcome?.event.palletEvent.name === 'ExtrinsicSuccess') return { blockNumber: next, blockHash: hash };
      const error = outcome?.event.palletEvent.data.dispatchError;
      const meta = error && client.registry.findErrorMeta(error);
      const bigints = (_, v) => (typeof v === 'bigint' ? v.toString() : v);
      const failure = meta ? `${meta.pallet}.${meta.name}` : JSON.stringify(error ?? 'no ExtrinsicSuccess event', bigints);
      return { blockNumber: next, blockHash: hash, failure };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the extrinsic was not included');
}

/** `submit`, throwing when the extrinsic failed. */
async function sendAndWait(tx, signer) {
  const included = await submit(tx, signer);
  if (included.failure) throw new Error(`extrinsic failed: ${included.failure} in block ${included.blockNumber}`);
  return included;
}

/** Dry-runs then submits a contract message; throws with the decoded error when the contract refuses. */
export async function call(chain, contractName, message, args, signer, value = 0n) {
  const c = chain.contracts[contractName];
  const dry = await c.query[message](...args, { caller: signer.address, value });
  if (dry.data?.isErr) {
    throw new Error(`${contractName}.${message} refused: ${JSON.stringify(dry.data.err, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  }
  const tx = c.tx[message](...args, { value, gasLimit: dry.raw.gasRequired });
  await sendAndWait(tx, signer);
  return dry.data;
}

/**
 * A contract message as a step of a walk: the dry run's answer and weight, then the transaction itself, whether
 * the dry run accepted it or not, so the chain's own verdict is recorded too. Returns `{ ok, value | refusal, gas,
 * block, onChain }`: `onChain` is `'included'` when the transaction went through, `'reverted'` when the chain
 * refused it (pallet-contracts' ContractReverted: the contract's error, nothing written), or the pallet error.
 */
export async function attempt(chain, contractName, message, args, signer, value = 0n) {
  const c = chain.contracts[contractName];
  const dry = await c.query[message](...args, { caller: signer.address, value });
  const gas = dry.raw.gasConsumed;
  const refused = dry.data?.isErr === true;
  const tx = c.tx[message](...args, { value, gasLimit: dry.raw.gasRequired });
  const { blockNumber: block, failure } = await submit(tx, signer);
  const onChain = !failure ? 'included' : failure === 'Contracts.ContractReverted' ? 'reverted' : failure;
  const answer = dry.data?.isOk === true ? dry.data.value : dry.data;
  return refused
    ? { ok: false, refusal: dry.data.err, gas, block, onChain }
    : { ok: true, value: answer, gas, block, onChain };
}

export async function query(chain, contractName, message, ...args) {
  return (await chain.contracts[contractName].query[message](...args)).data;
}

export async function fund(chain, addresses, amount) {
  const { client, alice } = chain;
  const need = [];
  for (const a of addresses) {
    const acc = await client.query.system.account(a);
    if (acc.data.free < amount / 2n) need.push(a);
  }
  if (!need.length) return;
  const calls = need.map((a) => client.tx.balances.transferKeepAlive(a, amount).call);
  await sendAndWait(client.tx.utility.batchAll(calls), alice);
}

export async function now(chain) {
  return BigInt(await chain.client.query.timestamp.now());
}

export async function newBlocks(chain, count = 1) {
  await chain.client.provider.send('dev_newBlock', [{ count }]);
}

export async function blockNumber(chain) {
  return Number((await chain.client.rpc.chain_getHeader()).number);
}


/** The relay chain's `CurrentSlot` key in the validation data chopsticks mocks for this parachain. */
const RELAY_CURRENT_SLOT = '0x1cb6f36e027abb2091cfb5110ab5087f06155b3cd9a8c9e5e9a23fd5dc13a5ed';
/** The relay chain's slot length (ms). */
const RELAY_SLOT_MS = 6_000;

/**
 * Moves the chain's clock to `ms` and makes a block there. chopsticks' `dev_timeTravel` moves the parachain's own
 * slot but not the relay chain slot it mocks, and this runtime's next block then fails Aura's check ("Parachain
 * slot is too far in the future"); so the first block after the jump carries a relay slot matching the new time
 * (`relayChainStateOverrides`), and later blocks count on from it.
 */
export async function timeTravel(chain, ms) {
  await chain.client.provider.send('dev_timeTravel', [Number(ms)]);
  const slot = Buffer.alloc(8);
  slot.writeBigUInt64LE(BigInt(Math.floor(Number(ms) / RELAY_SLOT_MS) + 2));
  await chain.client.provider.send('dev_newBlock', [
    { count: 1, relayChainStateOverrides: [[RELAY_CURRENT_SLOT, `0x${slot.toString('hex')}`]] },
  ]);
}

/** Registers `wallet` (if needed) by platform_a and issues the claims (Kyc/Aml by platform_a, the others by
 * platform_b), valid for `days` days. Returns the identity id and, when it registered the wallet, that
 * registration's `attempt` (its weight and block). Throws on any refusal or failed transaction. */
export async function onboard(chain, wallet, country, claims, platformA, platformB, days = 365) {
  const done = (a, what) => {
    if (!a.ok || a.onChain !== 'included') throw new Error(`${what} for ${wallet}: ${a.ok ? a.onChain : JSON.stringify(a.refusal)}`);
    return a;
  };
  let id = await query(chain, 'registry', 'complianceRegistryIdentityOf', wallet);
  let registration;
  if (id === undefined) {
    registration = done(await attempt(chain, 'registry', 'registerIdentity', [wallet, country], platformA), 'register_identity');
    id = registration.value;
  }
  const expires = (await now(chain)) + BigInt(days) * DAY;
  for (const claim of claims) {
    const existing = await query(chain, 'registry', 'claim', id, claim);
    if (existing && existing.expiresAt > (await now(chain)) + 30n * DAY) continue;
    const verifier = claim === 'Kyc' || claim === 'Aml' ? platformA : platformB;
    const evidence = '0x' + Buffer.from(`evidence ${wallet} ${claim}`.padEnd(32, '.').slice(0, 32)).toString('hex');
    done(await attempt(chain, 'registry', 'issueClaim', [id, claim, expires, evidence], verifier), `issue_claim ${claim}`);
  }
  return { id, registration };
}
