#!/usr/bin/env bash
# The tutorial's speed table: every step of the Brainfuck interpreter, with
# the JIT off and on, on the benchmark programs; runs interleaved (one of
# each configuration per round), median of RUNS rounds, CPU time (user +
# system: steadier than wall time on a shared machine). Each configuration
# must print what the reference interpreter prints.
#
# usage: interpreters/brainfuck/bench.sh [BRAINFUCK_BINARY] [RUNS]
# (default binary: target-tutorial/release/brainfuck, or target/release/brainfuck)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-}"
runs="${2:-5}"
if [ -z "$bin" ]; then
    for b in "$root/target-tutorial/release/brainfuck" "$root/target/release/brainfuck"; do
        [ -x "$b" ] && bin="$b" && break
    done
fi
[ -x "$bin" ] || { echo "brainfuck binary not found (cargo build --release -p brainfuck)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

programs=(loops.b squares_bench.b)
configs=("0 off" "1 off" "2 off" "2 on" "3 off" "3 on" "4 off" "4 on")

for prog in "${programs[@]}"; do
    "$bin" --step 0 "$here/examples/$prog" > "$work/expected"
    for c in "${configs[@]}"; do
        set -- $c
        "$bin" --step "$1" --jit "$2" "$here/examples/$prog" | cmp -s - "$work/expected" \
            || { echo "$prog: step $1 jit $2 prints something else" >&2; exit 1; }
    done
done

for round in $(seq "$runs"); do
    for prog in "${programs[@]}"; do
        for c in "${configs[@]}"; do
            set -- $c
            /usr/bin/time -f "%U %S" -o "$work/t" "$bin" --step "$1" --jit "$2" "$here/examples/$prog" > /dev/null
            awk '{print $1 + $2}' "$work/t" >> "$work/$prog-$1-$2"
        done
    done
done

median() { sort -g "$1" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
cell() { if [ -f "$work/$1-$2-$3" ]; then printf '%6ss' "$(median "$work/$1-$2-$3")"; else printf '%7s' -; fi; }

printf '| %-52s | %-9s | %-9s | %-9s | %-9s |\n' "step" "loops off" "loops on" "squares off" "squares on"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------------------" "-----------" "-----------" "-------------" "------------"
titles=("0: reference interpreter (plain Rust, no framework)" "1: plain interpreter on Ops, no hints"
        "2: + merge point and can_enter_jit" "3: + elidable bracket lookup"
        "4: + merged commands, clear and multiplication loops")
for step in 0 1 2 3 4; do
    printf '| %-52s | %9s | %9s | %11s | %10s |\n' "${titles[$step]}" \
        "$(cell loops.b $step off)" "$(cell loops.b $step on)" \
        "$(cell squares_bench.b $step off)" "$(cell squares_bench.b $step on)"
done
