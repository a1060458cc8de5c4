// The pages are built as DOM nodes (src/dom.ts): no source file of the app may write HTML text into the page, so no
// value from the chain, the metadata, the manifest or the URL can ever become markup. This test fails on any use of
// the DOM's HTML-parsing writers in src/ (the generated contract types excepted: they hold no code that runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src', import.meta.url));
const WRITERS = /(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|document\s*\.\s*write|DOMParser|setHTMLUnsafe|parseHTMLUnsafe|srcdoc)/;

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'contracts' && dir === src ? [] : sources(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

test('no source file writes HTML text into the page', () => {
  const files = sources(src);
  assert.ok(files.length > 20, `the app's sources are found (${files.length})`);
  const found = files.flatMap((file) => readFileSync(file, 'utf8').split('\n')
    .map((line, i) => ({ line, at: `${relative(src, file)}:${i + 1}` }))
    .filter(({ line }) => WRITERS.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line)));
  assert.deepEqual(found.map((f) => `${f.at}: ${f.line.trim()}`), []);
});
