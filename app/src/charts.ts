// Plain inline SVG charts, built as DOM nodes (dom.ts): no chart library, and no value becomes markup.
import { svg } from './dom';

/** A horizontal bar: raised so far against the soft and hard caps. */
export function capsChart(raised: bigint, soft: bigint, hard: bigint, label: (v: bigint) => string): SVGElement {
  const W = 640, H = 92, L = 10, R = 10, top = 28, bar = 26;
  const max = hard > 0n ? hard : 1n;
  const x = (v: bigint) => L + (Number((v > max ? max : v) * 10_000n / max) / 10_000) * (W - L - R);
  const reached = raised >= soft;
  return svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'data-chart': 'caps',
    'aria-label': `Raised ${label(raised)} of a ${label(soft)} soft cap and ${label(hard)} hard cap` },
  svg('rect', { x: L, y: top, width: W - L - R, height: bar, fill: '#eef0f3', rx: 4 }),
  svg('rect', { x: L, y: top, width: x(raised) - L, height: bar, fill: reached ? '#2da44e' : '#1f6feb', rx: 4, 'data-raised': String(raised) }),
  svg('line', { x1: x(soft), x2: x(soft), y1: top - 8, y2: top + bar + 8, stroke: '#d29922', 'stroke-width': 2 }),
  svg('text', { x: x(soft), y: top - 12, 'text-anchor': 'middle' }, `soft cap ${label(soft)}`),
  svg('line', { x1: x(hard) - 1, x2: x(hard) - 1, y1: top - 8, y2: top + bar + 8, stroke: '#b3261e', 'stroke-width': 2 }),
  svg('text', { x: W - R, y: top + bar + 22, 'text-anchor': 'end' }, `hard cap ${label(hard)}`),
  svg('text', { x: L, y: top + bar + 22 }, `raised ${label(raised)}`));
}

export interface Point { at: number; value: number }

/** Sensor readings over time against the halt threshold (a dashed line). */
export function readingsChart(points: Point[], threshold: number | undefined, unit: string): SVGElement {
  const W = 640, H = 220, L = 56, R = 12, T = 12, B = 34;
  if (!points.length) {
    return svg('svg', { viewBox: `0 0 ${W} 60`, width: '100%', 'data-chart': 'readings' }, svg('text', { x: 10, y: 30 }, 'No settled readings yet.'));
  }
  const ts = points.map((p) => p.at);
  const vs = points.map((p) => p.value).concat(threshold !== undefined ? [threshold] : []);
  let [t0, t1] = [Math.min(...ts), Math.max(...ts)];
  if (t0 === t1) { t0 -= 3_600_000; t1 += 3_600_000; }
  let [v0, v1] = [Math.min(0, ...vs), Math.max(...vs)];
  const pad = (v1 - v0) * 0.1 || 1;
  v0 -= pad; v1 += pad;
  const x = (t: number) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - v0) / (v1 - v0)) * (H - T - B);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const ticks = [v0 + pad, (v0 + v1) / 2, v1 - pad].map((v) => Math.round(v));
  const day = (t: number) => new Date(t).toISOString().slice(5, 16).replace('T', ' ');
  return svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'data-chart': 'readings', 'aria-label': 'Sensor readings' },
    svg('line', { x1: L, x2: L, y1: T, y2: H - B, stroke: '#c9d1dc' }),
    svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: '#c9d1dc' }),
    ticks.map((v) => svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v))),
    svg('text', { x: L, y: H - 8 }, day(t0)),
    svg('text', { x: W - R, y: H - 8, 'text-anchor': 'end' }, `${day(t1)} UTC`),
    threshold !== undefined && [
      svg('line', { x1: L, x2: W - R, y1: y(threshold), y2: y(threshold), stroke: '#b3261e', 'stroke-dasharray': '6 4', 'data-threshold': threshold }),
      svg('text', { x: W - R, y: y(threshold) - 4, 'text-anchor': 'end', fill: '#b3261e' }, `halt threshold ${threshold} ${unit}`),
    ],
    svg('path', { d: path, fill: 'none', stroke: '#1f6feb', 'stroke-width': 2 }),
    points.map((p) => svg('circle', { cx: x(p.at).toFixed(1), cy: y(p.value).toFixed(1), r: 3,
      fill: threshold !== undefined && p.value > threshold ? '#b3261e' : '#1f6feb' },
    svg('title', {}, `${p.value} ${unit} at ${day(p.at)}`))));
}
