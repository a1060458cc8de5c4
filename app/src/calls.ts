// A contract call as words: which contract of the deployment, which message, and its arguments decoded with that
// contract's own metadata (the governor's proposals carry calls as callee + selector + SCALE input). Also the other
// way, for the sponsor's page: arguments typed by a user, encoded with the same metadata.
import * as $ from 'dedot/shape';
import { TypinkRegistry } from 'dedot/contracts';
import type { ContractMetadata } from 'dedot/contracts';
import { hexToU8a, u8aToHex } from 'dedot/utils';
import { decodeAddress } from 'dedot/utils';
import type { Deployment } from './deployment';
import { addr } from './app';
import { short } from './format';

export interface MessageSpec {
  contract: string;
  label: string;
  selector: string;
  docs: string;
  args: { name: string; typeId: number; typeName: string }[];
  mutates: boolean;
}

export interface DecodedCall {
  /** The manifest's name of the callee ("token"), or its address when it is not a contract of the deployment. */
  contract: string;
  /** The message's label ("set_payout_bps"), or "selector 0x…" when the callee's metadata has no such message. */
  message: string;
  docs: string;
  /** Each argument's name and its value in words; empty when the input could not be decoded. */
  args: { name: string; value: string }[];
  /** Why the call could not be read fully, if it could not. */
  problem?: string;
}

const registries = new Map<string, TypinkRegistry>();

function registryOf(deployment: Deployment, name: string): TypinkRegistry | undefined {
  const meta = deployment.metadata[name] as ContractMetadata | undefined;
  if (!meta) return undefined;
  let r = registries.get(name);
  if (!r) registries.set(name, (r = new TypinkRegistry(meta)));
  return r;
}

/** Every message of contract `name` as the metadata describes it. */
export function messagesOf(deployment: Deployment, name: string): MessageSpec[] {
  const meta = deployment.metadata[name] as ContractMetadata | undefined;
  if (!meta) return [];
  return meta.spec.messages.map((m) => ({
    contract: name,
    label: m.label,
    selector: m.selector,
    docs: m.docs.join(' ').trim(),
    args: m.args.map((a) => ({ name: a.label, typeId: a.type.type, typeName: a.type.displayName.join('::') })),
    mutates: m.mutates,
  }));
}

/** A call of a proposal in words. Never throws: what cannot be decoded is said so. */
export function decodeCall(deployment: Deployment, call: { callee: unknown; selector: unknown; input: unknown }): DecodedCall {
  const callee = addr(call.callee);
  const selector = String(call.selector);
  const entry = Object.entries(deployment.manifest.contracts).find(([, c]) => c.address === callee);
  if (!entry) {
    return { contract: callee, message: `selector ${selector}`, docs: '', args: [], problem: 'not a contract of this deployment' };
  }
  const [name] = entry;
  const spec = messagesOf(deployment, name).find((m) => m.selector === selector);
  const registry = registryOf(deployment, name);
  if (!spec || !registry) {
    return { contract: name, message: `selector ${selector}`, docs: '', args: [], problem: `${name} has no message with this selector` };
  }
  try {
    const codec = $.Tuple(...spec.args.map((a) => registry.findCodec(a.typeId)));
    const bytes = hexToU8a(String(call.input));
    const values = codec.tryDecode(bytes) as unknown[];
    // The input must be exactly the arguments: trailing bytes mean the call is not what its selector says.
    const used = codec.tryEncode(values as never).length;
    return {
      contract: name, message: spec.label, docs: spec.docs,
      args: spec.args.map((a, i) => ({ name: a.name, value: words(deployment, values[i]) })),
      problem: used !== bytes.length ? `${bytes.length - used} bytes more than the arguments` : undefined,
    };
  } catch (e) {
    return { contract: name, message: spec.label, docs: spec.docs, args: [], problem: `its input does not decode: ${(e as Error).message}` };
  }
}

/** A decoded value in words: addresses with the deployment's name for them, numbers with separators, enums as
 * `Variant(value)`, `None` for an absent option. */
export function words(deployment: Deployment, v: unknown): string {
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'bigint' || typeof v === 'number') return v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (typeof (v as { address?: unknown }).address === 'function') {
    const a = addr(v);
    const name = Object.entries(deployment.manifest.contracts).find(([, c]) => c.address === a)?.[0];
    const holder = deployment.manifest.roles.find((r) => r.address === a)?.holder;
    return `${short(a)}${name ? ` (${name} contract)` : holder ? ` (${holder})` : ''}`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => words(deployment, x)).join(', ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string' && Object.keys(o).every((k) => k === 'type' || k === 'value')) {
      return 'value' in o ? `${o.type}(${words(deployment, o.value)})` : o.type;
    }
    return `{ ${Object.entries(o).map(([k, x]) => `${k}: ${words(deployment, x)}`).join(', ')} }`;
  }
  return String(v);
}

/** Parses what a user typed for an argument of type `typeName` into the value its codec encodes: numbers, `true`/
 * `false`, SS58 addresses, a bare variant name for a field-less enum, and JSON for anything else. */
export function parseArg(typeName: string, typed: string): unknown {
  const t = typed.trim();
  if (/^(u|i)(8|16|32|64|128)$/.test(typeName) || /Balance|BlockNumber|Timestamp$/.test(typeName)) {
    if (!/^-?\d[\d_,]*$/.test(t)) throw new Error(`"${typed}" is not a whole number`);
    const n = BigInt(t.replace(/[_,]/g, ''));
    return /^(u|i)(8|16|32)$/.test(typeName) ? Number(n) : n;
  }
  if (typeName === 'bool') {
    if (t !== 'true' && t !== 'false') throw new Error(`"${typed}" is neither true nor false`);
    return t === 'true';
  }
  if (/AccountId/.test(typeName)) {
    try {
      decodeAddress(t);
      return t;
    } catch {
      throw new Error(`"${typed}" is not an SS58 address`);
    }
  }
  if (/^[A-Z][A-Za-z0-9]*$/.test(t)) return { type: t };
  try {
    return JSON.parse(t, (_, x) => (typeof x === 'string' && /^\d{16,}$/.test(x) ? BigInt(x) : x));
  } catch {
    throw new Error(`"${typed}" is not a value of ${typeName} (give JSON for structured values)`);
  }
}

/** The SCALE input of `spec` for `values`, as the governor's proposed call carries it. */
export function encodeArgs(deployment: Deployment, spec: MessageSpec, values: unknown[]): `0x${string}` {
  const registry = registryOf(deployment, spec.contract);
  if (!registry) throw new Error(`no metadata for ${spec.contract}`);
  const codec = $.Tuple(...spec.args.map((a) => registry.findCodec(a.typeId)));
  return u8aToHex(codec.tryEncode(values as never));
}
