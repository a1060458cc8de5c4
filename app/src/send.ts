// Signs and submits an extrinsic, then finds it in a block and waits for finality, by polling the chain.
// (Dedot's signAndSend follows author_submitAndWatchExtrinsic, whose status messages from chopsticks 1.5 —
// `{"ready":null}` — Dedot 1.3 cannot decode; polling works on chopsticks and on a node alike.)
import type { LegacyClient } from 'dedot';

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
  /** False when the block was not finalised within the wait: included, but said as such, never as failed. */
  finalized: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs `tx` with `sign` (a dev key, or the user's wallet, which may refuse), submits it and follows it. A
 * transaction not in a block within `timeoutMs` is reported as dropped; one in a block whose finality is slow is
 * returned with `finalized: false`. */
export async function send(
  client: LegacyClient,
  tx: any,
  sign: (tx: any) => Promise<void>,
  onStatus: (s: SendStatus) => void = () => {},
  timeoutMs = 120_000,
): Promise<Sent> {
  await sign(tx);
  const hex: string = tx.toHex();
  onStatus({ type: 'Signed' });
  let next = Number((await client.rpc.chain_getHeader())!.number);
  const hash = await client.rpc.author_submitExtrinsic(hex as `0x${string}`);
  onStatus({ type: 'Submitted', hash });
  const until = Date.now() + timeoutMs;
  let found: Sent | undefined;
  while (!found) {
    if (Date.now() > until) {
      throw new Error(`the transaction ${hash} was not included in a block within ${timeoutMs / 1000} s: it was ` +
        'probably dropped by the node (nothing was done); check your account before sending it again');
    }
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
      found = { blockNumber: next, blockHash, failure, finalized: false };
    }
    if (!found) await sleep(250);
  }
  onStatus({ type: 'InBlock', blockNumber: found.blockNumber, blockHash: found.blockHash });
  while (Date.now() < until) {
    const fin = await client.rpc.chain_getFinalizedHead();
    const header = await client.rpc.chain_getHeader(fin);
    if (Number(header!.number) >= found.blockNumber) {
      onStatus({ type: 'Finalized', blockNumber: found.blockNumber, blockHash: found.blockHash });
      return { ...found, finalized: true };
    }
    await sleep(500);
  }
  return found;
}
