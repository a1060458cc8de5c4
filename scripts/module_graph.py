#!/usr/bin/env python3
"""Checks the shape of every contract crate (issue #16): no two files of one crate import each other, directly or
through others, and `errors.rs` / `events.rs` import nothing of their crate but `types.rs` (so the leaf files stay
leaves). Reads `crate::<module>` paths in each file; `tests.rs` and inline `#[cfg(test)]` modules are left out.
Exits 1 and names the files when a rule breaks. Run by ./test.sh.
"""
import os
import re
import sys

ROOT = os.environ.get('CONTRACTS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'contracts'))


def imports(path, modules):
    text = open(path).read()
    text = re.sub(r'#\[cfg\(test\)\]\s*mod tests\s*\{.*', '', text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    found = set(re.findall(r'crate::(\w+)', text))
    for group in re.findall(r'crate::\{([^}]*)\}', text):
        found |= set(re.findall(r'\b(\w+)', group))
    return found & modules


def cycle(graph):
    """A list of modules forming a cycle, or None."""
    state = {}

    def visit(node, path):
        state[node] = 'open'
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 'open':
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = 'done'
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def main():
    problems = []
    for crate in sorted(os.listdir(ROOT)):
        src = os.path.join(ROOT, crate, 'src')
        if not os.path.isdir(src):
            continue
        modules = {f[:-3] for f in os.listdir(src) if f.endswith('.rs')} - {'lib', 'tests'}
        graph = {m: imports(os.path.join(src, m + '.rs'), modules) - {m} for m in modules}
        found = cycle(graph)
        if found:
            problems.append(f'{crate}: files import each other: {" -> ".join(found)}')
        for leaf in ('errors', 'events'):
            extra = graph.get(leaf, set()) - {'types'}
            if extra:
                problems.append(f'{crate}/src/{leaf}.rs imports {sorted(extra)} (only types.rs and suite-traits)')
        if crate not in ('suite-traits', 'minimal_psp22') and 'types' not in modules:
            problems.append(f'{crate}: no types.rs')
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print('module graph: no import cycles; errors.rs and events.rs import only types.rs in every contract crate')


if __name__ == '__main__':
    main()
