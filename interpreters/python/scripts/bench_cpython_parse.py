#!/usr/bin/env python3.11
"""CPython's side of benches/parse.rs: lines per second for ast.parse and for
compile() to bytecode over the same stdlib files (site-packages skipped),
sources already in memory; best of 5 runs."""
import ast, os, sysconfig, time

root = sysconfig.get_paths()["stdlib"]
sources = []
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
            sources.append(data)
lines = sum(s.count(b"\n") for s in sources)
print("%d files, %d lines" % (len(sources), lines))
for label, fn in [("ast.parse", lambda s: compile(s, "f", "exec", ast.PyCF_ONLY_AST)),
                  ("compile", lambda s: compile(s, "f", "exec"))]:
    best = min(
        (lambda t0: (lambda: ([fn(s) for s in sources], time.perf_counter() - t0)[1])())(time.perf_counter())
        for _ in range(5))
    print("%-10s %.3f s  %.0f lines/s" % (label, best, lines / best))
