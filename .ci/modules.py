#!/usr/bin/env python3
"""The library's module graph: imports point down, and there are no cycles.

Reads every `src/**/*.rs` of the library (not `src/bin/`, a crate of its
own), resolves each `crate::…`, `super::…` and `self::…` path to the module
it names (a file: `parse::scan` is src/parse/scan.rs), and checks two things
(ARCHITECTURE.md, "Code map"):

1. every module imports only modules of its own layer or of a layer below,
   in the order of LAYERS;
2. the graph between modules has no cycle (inside a layer too).

`mod x;` declarations are structure, not imports; `lib.rs` (the crate
root, which re-exports) and the unit tests at the end of each file are left
out. Exit status 1 with the offending edges
when either rule breaks.

    python3 .ci/modules.py            # check
    python3 .ci/modules.py --graph    # print the edges
"""
import os
import re
import sys

# Lowest first. A module's layer is its first path component.
LAYERS = [
    ("model", {"document", "kind", "numeral", "options"}),
    ("input", {"input"}),
    ("grammar", {"grammar"}),
    ("parse", {"parse"}),
    ("numbering", {"numbering"}),
    ("render", {"render"}),
    ("snapshot", {"snapshot"}),
    ("lsp", {"lsp"}),
]

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{")


def modules():
    """Module path (tuple) -> file, for every library file."""
    out = {}
    for dirpath, dirs, files in os.walk(ROOT):
        rel = os.path.relpath(dirpath, ROOT)
        if rel.split(os.sep)[0] == "bin":
            continue
        for f in files:
            if not f.endswith(".rs"):
                continue
            parts = [] if rel == "." else rel.split(os.sep)
            if f == "mod.rs":
                mod = tuple(parts)
            elif f == "lib.rs" and not parts:
                continue
            else:
                mod = tuple(parts + [f[:-3]])
            out[mod] = os.path.join(dirpath, f)
    return out


def strip_comments(text):
    """The code without comments and without the unit tests, which by the
    project's convention close the file (`#[cfg(test)] mod tests`): a test
    may reach across the stages it checks."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    at = text.find("#[cfg(test)]\nmod tests")
    return text if at < 0 else text[:at]


def resolve(mod, base, rest, known):
    """The longest known module that the path `base::rest…` names from `mod`."""
    if base == "crate":
        start = ()
    elif base == "self":
        start = mod
    else:  # super
        start = mod[:-1]
    names = [p for p in rest.split("::") if p]
    while names and names[0] == "super":
        start, names = start[:-1], names[1:]
    best = None
    for i in range(len(names) + 1):
        cand = start + tuple(names[:i])
        if cand in known:
            best = cand
    return best


def edges(known):
    out = set()
    for mod, path in known.items():
        text = strip_comments(open(path, encoding="utf-8").read())
        refs = [(m.group(1), m.group(2)) for m in PATH.finditer(text)]
        # `use super::{a, b}` and `crate::x::{y, z}`: each name in the group.
        for m in GROUP.finditer(text):
            depth, i = 1, m.end()
            while i < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text[m.end() : i]):
                refs.append((m.group(1), m.group(2) + "::" + name))
        for base, rest in refs:
            target = resolve(mod, base, rest, known)
            if target is not None and target != mod:
                out.add((mod, target))
    return out


def layer(mod):
    for i, (_, names) in enumerate(LAYERS):
        if mod and mod[0] in names:
            return i
    return None


def cycles(nodes, graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, on, stack, comps, n = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return comps


def name(mod):
    return "::".join(mod) or "crate"


def main():
    known = modules()
    es = edges(known)
    if "--graph" in sys.argv:
        for a, b in sorted(es):
            print(f"{name(a)} -> {name(b)}")
    bad = []
    for mod in known:
        if layer(mod) is None:
            bad.append(f"{name(mod)} belongs to no layer of .ci/modules.py")
    for a, b in sorted(es):
        la, lb = layer(a), layer(b)
        if la is not None and lb is not None and lb > la:
            bad.append(
                f"{name(a)} ({LAYERS[la][0]}) imports {name(b)} ({LAYERS[lb][0]}): imports point down"
            )
    graph = {}
    for a, b in es:
        graph.setdefault(a, set()).add(b)
    for comp in cycles(known, graph):
        bad.append("import cycle: " + " <-> ".join(sorted(name(m) for m in comp)))
    if bad:
        print("\n".join(bad))
        sys.exit(1)
    print(f"modules: {len(known)} modules, {len(es)} imports, no cycle, imports point down")


if __name__ == "__main__":
    main()
