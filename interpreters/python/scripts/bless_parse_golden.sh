#!/usr/bin/env bash
# Regenerates the expected outputs of the parser golden tests with python3.11:
#   tests/ast/NAME.ast            ast.dump(ast.parse(source bytes))
#   tests/syntax_errors/NAME.err  stderr of `python3.11 NAME.py` plus "rc=N"
# Run it once after adding a source file, then review and commit the outputs.
set -euo pipefail
cd "$(dirname "$0")/../tests"
(cd ast && for f in *.py; do
    python3.11 -c "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1],'rb').read())))" "$f" > "${f%.py}.ast"
done)
(cd syntax_errors && for f in *.py; do
    set +e; python3.11 "$f" > /dev/null 2> "${f%.py}.err"; rc=$?; set -e
    echo "rc=$rc" >> "${f%.py}.err"
    # python3.11 prints the absolute path of a script: keep the bare name.
    sed -i "s|$PWD/||" "${f%.py}.err"
done)
