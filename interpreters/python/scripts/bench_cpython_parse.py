#!/usr/bin/env python3.11
"""CPython's side of benches/parse.rs: lines per second for ast.parse and for
compile() to bytecode over the same stdlib files (site-packages skipped, files
CPython rejects skipped), sources already in memory; best of 3 runs."""
import ast, os, sysconfig, time

root = sysconfig.get_paths()["stdlib"]
sources = []
# Parsed by ast.parse but refused by compile() (e.g. a late __future__ import).
compile_fails = set()
for d, dirs, names in os.walk(root):
    dirs[:] = [x for x in dirs if x != "site-packages"]
    for n in names:
        if n.endswith(".py"):
            with open(os.path.join(d, n), "rb") as f:
                data = f.read()
            try:
                ast.parse(data)
            except (SyntaxError, ValueError):
                continue
            try:
                compile(data, "f", "exec")
            except (SyntaxError, ValueError):
                compile_fails.add(len(sources))
            sources.append(data)
lines = sum(s.count(b"\n") for s in sources)
print("%d files, %d lines" % (len(sources), lines))


def run(flags):
    start = time.perf_counter()
    for i, s in enumerate(sources):
        if flags or i not in compile_fails:
            compile(s, "f", "exec", flags)
    return time.perf_counter() - start


for label, flags in [("ast.parse", ast.PyCF_ONLY_AST), ("compile", 0)]:
    best = min(run(flags) for _ in range(3))
    print("%-10s %.3f s  %.0f lines/s" % (label, best, lines / best))
