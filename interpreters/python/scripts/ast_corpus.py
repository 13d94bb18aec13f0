#!/usr/bin/env python3.11
"""Corpus test: `repy --ast` against python3.11's ast.dump on every .py file of
CPython's standard library (or the directories given).

usage: scripts/ast_corpus.py [--repy PATH] [--positions] [--show N] [DIR...]

Prints the count identical / total and lists the first N differing files.
Files python3.11 rejects count as identical when repy rejects them too.
"""
import argparse, ast, os, subprocess, sys, sysconfig
from concurrent.futures import ThreadPoolExecutor


def reference(path, positions):
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read())
    except (SyntaxError, ValueError):
        return None
    except RecursionError:
        return "RecursionError"
    return ast.dump(tree, include_attributes=positions) + "\n"


def check(args, path):
    want = reference(path, args.positions)
    flag = "--ast-positions" if args.positions else "--ast"
    try:
        got = subprocess.run([args.repy, flag, path], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return path, False, "timeout"
    if got.returncode not in (0, 1):
        return path, False, "crash: exit %d: %s" % (got.returncode, got.stderr.decode(errors="replace")[-300:])
    if want is None:
        return path, got.returncode == 1, "python rejects it, repy accepts it"
    if got.returncode != 0:
        return path, False, "repy rejects it: " + got.stderr.decode(errors="replace")[-300:]
    text = got.stdout.decode(errors="replace")
    if text == want:
        return path, True, ""
    at = next((i for i, (a, b) in enumerate(zip(text, want)) if a != b), min(len(text), len(want)))
    return path, False, "differs at %d:\n  repy:   %s\n  python: %s" % (at, text[max(0, at - 80):at + 80], want[max(0, at - 80):at + 80])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repy", default=os.path.join(os.path.dirname(__file__), "../../../target-parse/release/repy"))
    ap.add_argument("--positions", action="store_true")
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("dirs", nargs="*")
    args = ap.parse_args()
    dirs = args.dirs or [sysconfig.get_paths()["stdlib"]]
    files = []
    for d in dirs:
        if os.path.isfile(d):
            files.append(d)
            continue
        for root, _, names in os.walk(d):
            files += [os.path.join(root, n) for n in names if n.endswith(".py")]
    files.sort()
    bad = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for path, ok, why in pool.map(lambda p: check(args, p), files):
            if not ok:
                bad.append((path, why))
    for path, why in bad[: args.show]:
        print("DIFF", path, why)
    print("identical: %d / %d" % (len(files) - len(bad), len(files)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
