#!/usr/bin/env python3
"""The module graphs of the library and of the command line: imports point
down, and there are no cycles.

Two crates, each with its own layers (ARCHITECTURE.md, "Code map"):

- the library, every `src/**/*.rs` but `src/bin/` (LAYERS);
- the command line, `src/bin/tigang/*.rs`, a crate of its own that uses the
  library only through its public API (BIN_LAYERS). Its root `main.rs` is a
  module here, `main`, at the top: it names its modules by plain paths
  (`parse::run`), which count as imports.

For each crate the script resolves every `crate::…`, `super::…` and
`self::…` path to the module it names (a file: `parse::scan` is
src/parse/scan.rs), and checks two things:

1. every module imports only modules of its own layer or of a layer below;
2. the graph between modules has no cycle (inside a layer too).

`mod x;` declarations are structure, not imports; the library's root
`lib.rs` (which re-exports) and the unit tests at the end of each file are
left out. Exit status 1 with the offending edges when either rule breaks.

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

# The command line, lowest first. At the bottom what every part says or
# needs the same way and imports nothing of the command line: `memory`
# (the allocator's out-of-memory error), `report`
# (paths in messages, I/O errors in words, plurals, the last flush, exit
# statuses), `terminal` (language, colour, width) and `format` (format →
# bytes). Then `input` (finding and reading documents) and `write` (atomic
# replace and create); `batch` (many files in parallel) uses both; the
# subcommands use all of these; `main` dispatches to the subcommands.
BIN_LAYERS = [
    ("report", {"report", "terminal", "format", "memory"}),
    ("files", {"input", "write"}),
    ("batch", {"batch"}),
    ("commands", {"parse", "check", "fmt"}),
    ("main", {"main"}),
]

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
BIN_ROOT = os.path.join(ROOT, "bin", "tigang")
PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{")


def modules(root, root_file, skip=()):
    """Module path (tuple) -> file, for every file of the crate under `root`
    but the folders `skip`. The crate root `root_file` is the module `()`
    when given (the binary's `main.rs`), left out when `None` (the
    library's `lib.rs`)."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        if rel.split(os.sep)[0] in skip:
            continue
        for f in files:
            if not f.endswith(".rs"):
                continue
            parts = [] if rel == "." else rel.split(os.sep)
            if f == "mod.rs":
                mod = tuple(parts)
            elif f in ("lib.rs", "main.rs") and not parts:
                if f != root_file:
                    continue
                mod = ()
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
    """The longest known module that the path `base::rest…` names from `mod`
    (a module path, which may go on into inline modules of its file)."""
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


def block_end(text, i):
    """The index just past the `}` that closes the block opened before `i`."""
    depth = 1
    while i < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    return i


def inline_modules(text):
    """The `mod name { … }` blocks of a file: (start, end, name)."""
    out = []
    for m in re.finditer(r"\bmod\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{", text):
        out.append((m.end(), block_end(text, m.end()), m.group(1)))
    return out


def edges(known):
    out = set()
    for mod, path in known.items():
        text = strip_comments(open(path, encoding="utf-8").read())
        refs = [(m.start(), m.group(1), m.group(2)) for m in PATH.finditer(text)]
        if mod == ():
            # A crate root names its own modules by plain paths (`parse::run`).
            declared = r"^\s*(?:pub\s+)?mod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;"
            for child in re.findall(declared, text, re.M):
                plain = r"(?<![\w:])" + child + r"((?:::[A-Za-z_][A-Za-z0-9_]*)+)"
                for m in re.finditer(plain, text):
                    refs.append((m.start(), "crate", "::" + child + m.group(1)))
        # `use super::{a, b}` and `crate::x::{y, z}`: each name in the group.
        for m in GROUP.finditer(text):
            i = block_end(text, m.end())
            for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text[m.end() : i]):
                refs.append((m.start(), m.group(1), m.group(2) + "::" + name))
        # `super` and `self` inside `mod x { … }` start from `x`, not the file.
        blocks = inline_modules(text)
        for at, base, rest in refs:
            inside = tuple(n for (s, e, n) in blocks if s <= at < e)
            target = resolve(mod + inside, base, rest, known)
            if target is not None and target != mod:
                out.add((mod, target))
    return out


def layer(mod, layers):
    """The index in `layers` of the module's layer (its first path
    component; the crate root is `main`), `None` when it has none."""
    first = mod[0] if mod else "main"
    for i, (_, names) in enumerate(layers):
        if first in names:
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
    return "::".join(mod) or "main"


def check(label, known, layers, graph_out):
    """The offences of one crate against its `layers`, and a summary line."""
    es = edges(known)
    for a, b in sorted(es):
        graph_out.append(f"{label}: {name(a)} -> {name(b)}")
    bad = []
    for mod in known:
        if layer(mod, layers) is None:
            bad.append(f"{label}: {name(mod)} belongs to no layer of .ci/modules.py")
    for a, b in sorted(es):
        la, lb = layer(a, layers), layer(b, layers)
        if la is not None and lb is not None and lb > la:
            bad.append(
                f"{label}: {name(a)} ({layers[la][0]}) imports {name(b)} ({layers[lb][0]}): imports point down"
            )
    graph = {}
    for a, b in es:
        graph.setdefault(a, set()).add(b)
    for comp in cycles(known, graph):
        bad.append(f"{label}: import cycle: " + " <-> ".join(sorted(name(m) for m in comp)))
    summary = f"{label}: {len(known)} modules, {len(es)} imports"
    return bad, summary


def main():
    crates = [
        ("library", modules(ROOT, None, skip=("bin",)), LAYERS),
        ("command line", modules(BIN_ROOT, "main.rs"), BIN_LAYERS),
    ]
    bad, summaries, graph = [], [], []
    for label, known, layers in crates:
        b, summary = check(label, known, layers, graph)
        bad += b
        summaries.append(summary)
    if "--graph" in sys.argv:
        print("\n".join(graph))
    if bad:
        print("\n".join(bad))
        sys.exit(1)
    print(f"modules: {'; '.join(summaries)}; no cycle, imports point down")


if __name__ == "__main__":
    main()
