// Building the page as DOM nodes, never as HTML text: every value from the chain, the metadata, the manifest or
// the URL becomes a text node or an attribute value, so nothing it contains can become markup or script.

export type Child = Node | string | number | bigint | null | undefined | false | Child[];
type Handler = (e: Event) => void;
export type Attrs = Record<string, string | number | bigint | boolean | undefined | null | Handler>;

/** `h('td', { class: 'ok', 'data-field': 'x', onclick: f }, 'text', otherNode)`: an element; strings are text. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') {
      el.addEventListener(k.replace(/^on/, ''), v);
    } else if (k === 'class') {
      el.className = String(v);
    } else if (k === 'value' && 'value' in el) {
      (el as HTMLInputElement).value = String(v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** `svg('rect', { x: 1 }, ...)`: an SVG element, built like `h` (attributes set as given, strings as text). */
export function svg(tag: string, attrs: Record<string, string | number | undefined> = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

/** Appends `children` to `el`: nodes as they are, everything else as text. */
export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A card: a titled section. */
export function section(title: string, attrs: Attrs, ...children: Child[]): HTMLElement {
  return h('section', { ...attrs, class: `card${attrs.class ? ` ${attrs.class}` : ''}` }, h('h2', {}, title), ...children);
}

/** A two-column table of label and value. */
export function pairs(list: [string, Child][]): HTMLElement {
  return h('table', {}, list.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))));
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', {}, `${label} `, control);
}

/** A sentence saying how something went: `ok` in green, otherwise in red. */
export function sentence(ok: boolean, attrs: Attrs, ...text: Child[]): HTMLElement {
  return h('div', { ...attrs, class: `sentence ${ok ? 'ok' : 'bad'}` }, ...text);
}

/** A click handler running `action` that shows an input mistake (not a refusal of the chain, which the transaction
 * panel shows) as a sentence in `out`, clearing it first. */
export function guardedBy(out: HTMLElement): (action: () => Promise<unknown>) => () => Promise<void> {
  return (action) => async () => {
    out.replaceChildren();
    try {
      await action();
    } catch (e) {
      out.replaceChildren(sentence(false, { 'data-input-error': true }, (e as Error).message));
    }
  };
}
