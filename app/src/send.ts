// Signs and submits an extrinsic, then finds it in a block and waits for finality, by polling the chain.
// (Dedot's signAndSend follows author_submitAndWatchExtrinsic, whose status messages from chopsticks 1.5 —
// `{"ready":null}` — Dedot 1.3 cannot decode; polling works on chopsticks and on a node alike.)
import type { LegacyClient } from 'dedot';
import type { KeyringPair } from '@polkadot/keyring/types';

export type SendStatus =
  | { type: 'Signed' }
  | { type: 'Submitted'; hash: string }
  | { type: 'InBlock'; blockNumber: number; blockHash: string }
  | { type: 'Finalized'; blockNumber: number; blockHash: string };

export interface Sent {
  blockNumber: number;
  blockHash: string;
  /** The dispatch error's pallet, name and docs when the extrinsic failed. */
  failure?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function send(
  client: LegacyClient,
  tx: any,
  pair: KeyringPair,
  onStatus: (s: SendStatus) => void = () => {},
  timeoutMs = 120_000,
): Promise<Sent> {
  await tx.sign(pair);
  const hex: string = tx.toHex();
  onStatus({ type: 'Signed' });
  let next = Number((await client.rpc.chain_getHeader())!.number);
  const hash = await client.rpc.author_submitExtrinsic(hex as `0x${string}`);
  onStatus({ type: 'Submitted', hash });
  const until = Date.now() + timeoutMs;
  let found: Sent | undefined;
  while (!found) {
    if (Date.now() > until) throw new Error(`the extrinsic ${hash} was not included within ${timeoutMs / 1000} s`);
    const best = Number((await client.rpc.chain_getHeader())!.number);
    for (; next <= best && !found; next++) {
      const blockHash = (await client.rpc.chain_getBlockHash(next)) as string;
      const block = await client.rpc.chain_getBlock(blockHash as `0x${string}`);
      const index = block!.block.extrinsics.indexOf(hex as `0x${string}`);
      if (index < 0) continue;
      const events: any[] = await (await client.at(blockHash as `0x${string}`)).query.system.events();
      const failed = events.find((e) => e.phase?.type === 'ApplyExtrinsic' && e.phase.value === index &&
        e.event.pallet === 'System' && e.event.palletEvent?.name === 'ExtrinsicFailed');
      let failure: string | undefined;
      if (failed) {
        const err = failed.event.palletEvent.data.dispatchError;
        const meta = client.registry.findErrorMeta(err);
        failure = meta ? `${meta.pallet}.${meta.name}${meta.docs.length ? `: ${meta.docs.join(' ')}` : ''}` : JSON.stringify(err);
      }
      found = { blockNumber: next, blockHash, failure };
    }
    if (!found) await sleep(250);
  }
  onStatus({ type: 'InBlock', blockNumber: found.blockNumber, blockHash: found.blockHash });
  while (Date.now() < until) {
    const fin = await client.rpc.chain_getFinalizedHead();
    const header = await client.rpc.chain_getHeader(fin);
    if (Number(header!.number) >= found.blockNumber) {
      onStatus({ type: 'Finalized', blockNumber: found.blockNumber, blockHash: found.blockHash });
      return found;
    }
    await sleep(500);
  }
  throw new Error(`block #${found.blockNumber} was not finalised within ${timeoutMs / 1000} s`);
}
