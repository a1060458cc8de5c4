// Formatting helpers: values into words and numbers (the page itself is built as DOM nodes: dom.ts).

/** `1234567` with `decimals` 3 -> "1,234.567". */
export function amount(v: bigint | number, decimals = 0, unit = ''): string {
  const x = BigInt(v);
  const neg = x < 0n;
  const abs = neg ? -x : x;
  const base = 10n ** BigInt(decimals);
  const whole = (abs / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let frac = decimals ? (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  // Six decimals at most, except for amounts below one unit's millionth, which show in full.
  if (frac.length > 6 && (abs >= base / 1_000_000n)) frac = frac.slice(0, 6) + '…';
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}${unit ? ' ' + unit : ''}`;
}

/** Parses "1.5" into base units with `decimals`. */
export function parseAmount(s: string, decimals = 0): bigint {
  const t = s.trim().replace(/[,_ ]/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) throw new Error(`not an amount: "${s}"`);
  const [w, f = ''] = t.split('.');
  if (f.length > decimals) throw new Error(`at most ${decimals} decimals`);
  return BigInt(w) * 10n ** BigInt(decimals) + BigInt((f + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

export function date(ms: bigint | number): string {
  const n = Number(ms);
  if (!n) return '—';
  return new Date(n).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}

/** "in 3 days 4 h" / "5 h ago", relative to the chain's clock. */
export function relative(ms: bigint | number, now: bigint | number): string {
  const d = Number(ms) - Number(now);
  const a = Math.abs(d);
  const days = Math.floor(a / 86_400_000);
  const hours = Math.floor((a % 86_400_000) / 3_600_000);
  const mins = Math.floor((a % 3_600_000) / 60_000);
  const span = days ? `${days} d ${hours} h` : hours ? `${hours} h ${mins} min` : `${mins} min`;
  return d >= 0 ? `in ${span}` : `${span} ago`;
}

export function short(addr: string): string {
  return addr.length > 14 ? `${addr.slice(0, 6)}…${addr.slice(-6)}` : addr;
}

export function bps(v: number): string {
  return `${(v / 100).toFixed(v % 100 ? 2 : 0)}%`;
}

export function $(sel: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector(sel);
  if (!el) throw new Error(`no element ${sel}`);
  return el as HTMLElement;
}

export const CLAIM_TYPES = ['Kyc', 'Aml', 'Accredited', 'Qualified'] as const;
export const CLAIM_NAMES: Record<string, string> = {
  Kyc: 'KYC', Aml: 'AML screening', Accredited: 'accredited investor', Qualified: 'qualified investor',
};

/** A claim's status in words, from the registry's `HeldClaim` (`wallet_view`): whether it counts, and if not, why
 * (its issuer no longer trusted for its type, or else its expiry), both read at the same block. */
export function claimStatus(counts: boolean, issuerTrusted: boolean): string {
  return counts ? 'valid' : issuerTrusted ? 'expired' : 'not counted: its issuer is no longer trusted for it';
}

/** A ClaimSet bit set (bit n = ClaimType n) as words. */
export function claimSet(bits: number): string {
  const names = CLAIM_TYPES.filter((_, i) => bits & (1 << i)).map((c) => CLAIM_NAMES[c]);
  return names.length ? names.join(', ') : 'none';
}

/** ISO 3166-1 numeric codes the examples use, for readable sentences; others print as numbers. */
const COUNTRIES: Record<number, string> = {
  840: 'the United States', 250: 'France', 276: 'Germany', 380: 'Italy', 724: 'Spain', 528: 'the Netherlands',
  826: 'the United Kingdom', 756: 'Switzerland', 40: 'Austria', 56: 'Belgium',
};
export function country(code: number): string {
  return COUNTRIES[code] ? `${COUNTRIES[code]} (${code})` : `country ${code}`;
}
