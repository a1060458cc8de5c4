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
  // `split_construct` is a split contract's constructor, handed over from its shell's deploy: no one calls it.
  return meta.spec.messages.filter((m) => m.label !== 'split_construct').map((m) => ({
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
    // The input must be exactly the arguments, in their one encoding: trailing bytes, a truncated list or a
    // non-canonical byte (a bool of 2) mean the call is not what these words say, and the contract may refuse it.
    const again = codec.tryEncode(values as never);
    const exact = again.length === bytes.length && again.every((b, i) => b === bytes[i]);
    return {
      contract: name, message: spec.label, docs: spec.docs,
      args: spec.args.map((a, i) => ({ name: a.name, value: words(deployment, values[i]) })),
      problem: exact ? undefined : again.length < bytes.length
        ? `${bytes.length - again.length} bytes more than the arguments`
        : 'its input is not the exact encoding of these arguments',
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
  // Hex bytes as they are; any other text quoted, so it cannot pose as more arguments.
  if (typeof v === 'string') return /^0x[0-9a-f]*$/i.test(v) ? v : JSON.stringify(v);
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

interface TypeDef {
  def: Record<string, any>;
  path?: string[];
}

function typesOf(deployment: Deployment, contract: string): Map<number, TypeDef> {
  const meta = deployment.metadata[contract] as { types: { id: number; type: TypeDef }[] };
  return new Map(meta.types.map((t) => [t.id, t.type]));
}

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const RANGES: Record<string, [bigint, bigint]> = {
  u8: [0n, 255n], u16: [0n, 65_535n], u32: [0n, 4_294_967_295n], u64: [0n, 2n ** 64n - 1n], u128: [0n, 2n ** 128n - 1n],
  i8: [-128n, 127n], i16: [-32_768n, 32_767n], i32: [-(2n ** 31n), 2n ** 31n - 1n], i64: [-(2n ** 63n), 2n ** 63n - 1n],
  i128: [-(2n ** 127n), 2n ** 127n - 1n],
};

/** The fields of a struct or of an enum variant with named fields, from an object: every field given (a field of
 * an `Option` type as `null` for None), no other key, each typed by its own type. Keys are the metadata's names or
 * their camelCase. */
function namedFields(types: Map<number, TypeDef>, fields: { name: string; type: number }[], v: unknown, where: string, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${where}: give an object ({...})`);
  const given = v as Record<string, unknown>;
  for (const k of Object.keys(given)) {
    if (!fields.some((f) => f.name === k || camel(f.name) === k)) throw new Error(`${where}: ${what} has no field ${k}`);
  }
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = f.name in given ? given[f.name] : given[camel(f.name)];
    if (value === undefined) throw new Error(`${where}: the field ${f.name} is missing`);
    out[camel(f.name)] = typed(types, f.type, value, `${where}.${f.name}`);
  }
  return out;
}

/** `v` (typed text, or a value from JSON) as the value type `id`'s codec encodes, checked against the type: a
 * number out of its range, a missing or unknown field, a wrong variant is an error in words, never a silent
 * wrap-around or a default. Struct fields may be given by their metadata (snake_case) or Dedot (camelCase) names. */
function typed(types: Map<number, TypeDef>, id: number, v: unknown, where: string): unknown {
  const t = types.get(id);
  if (!t) throw new Error(`${where}: unknown type ${id}`);
  const d = t.def;
  const name = t.path?.at(-1);
  if (d.primitive) {
    const p = d.primitive as string;
    if (p === 'bool') {
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      throw new Error(`${where}: ${JSON.stringify(v)} is neither true nor false`);
    }
    if (p === 'str') {
      if (typeof v !== 'string') throw new Error(`${where}: give a text`);
      return v;
    }
    const range = RANGES[p];
    if (!range) throw new Error(`${where}: the ${p} type cannot be typed here`);
    const text = typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v === 'string' ? v.trim() : '';
    // Digits with optional `_` groups only: "1,5" is not 15, "1e3" is not 1000.
    if (!/^-?\d+(_\d+)*$/.test(text) || (typeof v === 'number' && !Number.isSafeInteger(v))) {
      throw new Error(`${where}: ${JSON.stringify(v)} is not a whole number (write 1000000 or 1_000_000)`);
    }
    const n = BigInt(text.replace(/_/g, ''));
    if (n < range[0] || n > range[1]) throw new Error(`${where}: ${n} is outside ${p} (${range[0]} to ${range[1]})`);
    return ['u8', 'u16', 'u32', 'i8', 'i16', 'i32'].includes(p) ? Number(n) : n;
  }
  if (d.composite && (name === 'AccountId' || name === 'AccountId32')) {
    const a = String(v ?? '').trim();
    try {
      decodeAddress(a);
    } catch {
      throw new Error(`${where}: "${a}" is not an SS58 address`);
    }
    return a;
  }
  const bytesOf = (len?: number) => {
    const hex = String(v ?? '').trim();
    if (!/^0x([0-9a-fA-F]{2})*$/.test(hex) || (len !== undefined && hex.length !== 2 + 2 * len)) {
      throw new Error(`${where}: give ${len ?? 'some'} bytes as 0x-prefixed hex`);
    }
    return hex.toLowerCase();
  };
  if (d.array) {
    const inner = types.get(d.array.type)?.def;
    if (inner?.primitive === 'u8') return bytesOf(d.array.len);
    if (!Array.isArray(v) || v.length !== d.array.len) throw new Error(`${where}: give a list of ${d.array.len}`);
    return v.map((x, i) => typed(types, d.array.type, x, `${where}[${i}]`));
  }
  if (d.sequence) {
    if (types.get(d.sequence.type)?.def.primitive === 'u8' && typeof v === 'string') return bytesOf();
    if (!Array.isArray(v)) throw new Error(`${where}: give a list ([...])`);
    return v.map((x, i) => typed(types, d.sequence.type, x, `${where}[${i}]`));
  }
  if (d.tuple) {
    const ids = d.tuple as number[];
    if (!Array.isArray(v) || v.length !== ids.length) throw new Error(`${where}: give a list of ${ids.length}`);
    return ids.map((tid, i) => typed(types, tid, v[i], `${where}[${i}]`));
  }
  if (d.composite) {
    const fields = (d.composite.fields ?? []) as { name?: string; type: number }[];
    if (fields.length === 1 && !fields[0].name) {
      // A newtype (ClaimSet(u8), Hash([u8; 32])): Dedot takes its inner value.
      return typed(types, fields[0].type, v, where);
    }
    return namedFields(types, fields as { name: string; type: number }[], v, where, name ?? 'it');
  }
  if (d.variant) {
    const variants = (d.variant.variants ?? []) as { name: string; fields?: { name?: string; type: number }[] }[];
    if (name === 'Option') {
      if (v === null || v === 'None') return undefined;
      return typed(types, variants.find((x) => x.name === 'Some')!.fields![0].type, v, where);
    }
    let tag: string | undefined;
    let inner: unknown;
    if (typeof v === 'string') tag = v.trim();
    else if (v && typeof v === 'object' && 'type' in (v as object)) [tag, inner] = [String((v as any).type), (v as any).value];
    else if (v && typeof v === 'object' && Object.keys(v as object).length === 1) [[tag, inner]] = Object.entries(v as object);
    const variant = variants.find((x) => x.name === tag);
    if (!variant) throw new Error(`${where}: ${JSON.stringify(v)} is not one of ${variants.map((x) => x.name).join(', ')}`);
    const fs = variant.fields ?? [];
    // An enum none of whose variants has fields is a bare name for Dedot's codec (a flat enum).
    if (variants.every((x) => !(x.fields ?? []).length)) return variant.name;
    if (!fs.length) {
      // A variant without fields takes no value: one given is a mistake, not something to drop.
      if (inner !== undefined) throw new Error(`${where}.${variant.name} takes no value, but ${JSON.stringify(inner)} was given`);
      return { type: variant.name };
    }
    if (fs.length === 1 && !fs[0].name) return { type: variant.name, value: typed(types, fs[0].type, inner, `${where}.${variant.name}`) };
    if (fs.every((f) => f.name)) {
      // Typed by name (every field, no other key), then handed to Dedot's codec as it takes a variant's named
      // fields: a list in the metadata's order.
      const named = namedFields(types, fs as { name: string; type: number }[], inner, `${where}.${variant.name}`, variant.name);
      return { type: variant.name, value: fs.map((f) => named[camel(f.name!)]) };
    }
    if (!Array.isArray(inner) || inner.length !== fs.length) throw new Error(`${where}.${variant.name}: give a list of ${fs.length}`);
    return { type: variant.name, value: fs.map((f, i) => typed(types, f.type, inner[i], `${where}.${variant.name}[${i}]`)) };
  }
  throw new Error(`${where}: this type cannot be typed here`);
}

/** Parses what a user typed for argument `arg` of `spec`: plain text for a number, a boolean, an address, bytes
 * (0x…) or a variant name; JSON for anything else (`null` is None). Checked against the argument's type from the
 * metadata; see `typed`. */
export function parseArg(deployment: Deployment, spec: MessageSpec, arg: number, text: string): unknown {
  const a = spec.args[arg];
  const types = typesOf(deployment, spec.contract);
  const t = text.trim();
  const def = types.get(a.typeId)?.def ?? {};
  const plain = def.primitive || types.get(a.typeId)?.path?.at(-1)?.startsWith('AccountId') || /^0x/.test(t) || /^[A-Z][A-Za-z0-9]*$/.test(t);
  let raw: unknown = t;
  // A bare whole number stays text, so a u128 inside an Option keeps every digit.
  if (!plain && !/^-?\d+(_\d+)*$/.test(t)) {
    try {
      // Big numbers as text keep their precision (a JSON number above 2^53 would not).
      // Every number as text: big ones keep their digits, and `1e3` or `1.0` meet the whole-number check.
      raw = JSON.parse(t.replace(/(?<=[:\[,]\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,\]}])/g, '"$1"'));
    } catch {
      throw new Error(`${a.name}: "${text}" is not JSON (an object, a list, a number, "text" or null)`);
    }
  }
  return typed(types, a.typeId, raw, a.name);
}

/** Deep equality of a value as given and as decoded back, for `encodeArgs`' round trip. */
function same(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return BigInt(a) === BigInt(b);
  if (typeof b === 'object' && b !== null && typeof (b as { address?: unknown }).address === 'function') return addr(b) === a;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a && b) {
    const ka = Object.keys(a).filter((k) => (a as any)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as any)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => same((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

/** The SCALE input of `spec` for `values`, as the governor's proposed call carries it. */
export function encodeArgs(deployment: Deployment, spec: MessageSpec, values: unknown[]): `0x${string}` {
  const registry = registryOf(deployment, spec.contract);
  if (!registry) throw new Error(`no metadata for ${spec.contract}`);
  const codec = $.Tuple(...spec.args.map((a) => registry.findCodec(a.typeId)));
  const bytes = codec.tryEncode(values as never);
  // The encoding must say exactly what was given: decoded back, every value is what the user typed.
  const back = codec.tryDecode(bytes) as unknown[];
  spec.args.forEach((a, i) => {
    if (!same(values[i], back[i])) {
      throw new Error(`${a.name}: the value does not encode as given (it would read back as ${words(deployment, back[i])})`);
    }
  });
  return u8aToHex(bytes);
}
