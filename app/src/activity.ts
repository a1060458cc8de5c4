// What the deployment's contracts said about an account lately: their events (pallet-contracts' ContractEmitted)
// in the newest blocks, decoded with each contract's metadata. There is no indexer: the page reads the blocks
// itself, a bounded number of them, and keeps what it decoded (a block's events never change) so a new block
// costs one read.
import type { Contract } from 'dedot/contracts';
import type { Chain } from './chain';
import { addr } from './app';

export interface Activity {
  block: number;
  contract: string;
  event: string;
  data: Record<string, unknown>;
}

/** How many of the newest blocks the page reads for activity: within the 256 blocks of state a node keeps by
 * default (older blocks need an archive node). */
export const ACTIVITY_BLOCKS = 250;
const PARALLEL = 8;

const byBlockHash = new Map<string, Activity[]>();
/** Hashes of finalised blocks, which cannot change. */
const finalHash = new Map<number, string>();

/** Every value inside `v` that is an account, as SS58 addresses. */
function accountsIn(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (v && typeof (v as { address?: unknown }).address === 'function') out.add(addr(v));
  else if (Array.isArray(v)) v.forEach((x) => accountsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => accountsIn(x, out));
  return out;
}

async function eventsOfBlock(chain: Chain, contracts: [string, Contract<any>][], n: number, finalised: number): Promise<Activity[]> {
  let hash = finalHash.get(n);
  if (!hash) {
    const answer = await chain.client.rpc.chain_getBlockHash(n);
    if (!answer) throw new Error(`the node has no block #${n}`);
    hash = String(answer);
    if (n <= finalised) finalHash.set(n, hash);
  }
  // Keyed by the contracts asked for too: a block read for one contract's events says nothing of the others'.
  const key = `${hash}|${contracts.map(([name]) => name).join(',')}`;
  const known = byBlockHash.get(key);
  if (known) return known;
  const records: any[] = await (await chain.client.at(hash as `0x${string}`)).query.system.events();
  const found: Activity[] = [];
  for (const r of records) {
    if (r.event?.pallet !== 'Contracts' || r.event.palletEvent?.name !== 'ContractEmitted') continue;
    const emitter = addr(r.event.palletEvent.data.contract);
    const entry = contracts.find(([, c]) => addr(c.address) === emitter);
    if (!entry) continue;
    try {
      const e = entry[1].decodeEvent(r) as { name: string; data: Record<string, unknown> };
      found.push({ block: n, contract: entry[0], event: e.name, data: e.data ?? {} });
    } catch {
      found.push({ block: n, contract: entry[0], event: '(an event this metadata cannot decode)', data: {} });
    }
  }
  byBlockHash.set(key, found);
  return found;
}

/** A filter for `recentActivity`: the events that name `account` anywhere in their fields. */
export const involving = (account: string) => (a: Activity) => accountsIn(a.data).has(account);

/** The events of `contracts` in the newest `blocks` blocks that `keep` keeps, newest first. */
export async function recentActivity(chain: Chain, contracts: Record<string, Contract<any>>, keep: (a: Activity) => boolean,
  blocks = ACTIVITY_BLOCKS): Promise<{ from: number; to: number; items: Activity[]; unreadable: number }> {
  const best = Number((await chain.client.rpc.chain_getHeader())!.number);
  const finalised = Number((await chain.client.rpc.chain_getHeader(await chain.client.rpc.chain_getFinalizedHead()))!.number);
  const from = Math.max(1, best - blocks + 1);
  const list = Object.entries(contracts);
  const numbers = Array.from({ length: best - from + 1 }, (_, i) => best - i);
  const items: Activity[] = [];
  let unreadable = 0;
  for (let i = 0; i < numbers.length; i += PARALLEL) {
    // A block whose state the node no longer keeps is counted, not fatal: the page says how many it could not read.
    const batch = await Promise.all(numbers.slice(i, i + PARALLEL).map((n) =>
      eventsOfBlock(chain, list, n, finalised).catch(() => {
        unreadable += 1;
        return [] as Activity[];
      })));
    for (const events of batch) items.push(...events.filter(keep));
  }
  return { from, to: best, items, unreadable };
}
