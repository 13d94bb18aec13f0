#!/usr/bin/env bash
# Measure each toylang benchmark with the JIT off, with the JIT on, its C
# twin at gcc -O0 and -O2 and its Lua twin under LuaJIT: median wall time of
# RUNS runs each, side by side, after checking that all of them print the
# same. The LuaJIT column reads "-" when luajit is not installed or the
# benchmark has no NAME.lua.
#
# usage: benchmarks/toylang/bench.sh [TOYLANG_BINARY] [RUNS]
# (default binary: target-jit/release/toylang, or target/release/toylang)
# MEASURE=cpu measures user+system CPU time instead of wall time (steadier
# on a shared machine).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-}"
runs="${2:-5}"
if [ -z "$bin" ]; then
    for b in "$root/target-jit/release/toylang" "$root/target/release/toylang"; do
        [ -x "$b" ] && bin="$b" && break
    done
fi
[ -x "$bin" ] || { echo "toylang binary not found (build with cargo build --release -p toylang)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
luajit="$(command -v luajit || true)"

# median time in seconds (wall, or CPU with MEASURE=cpu) of running "$@" $runs times
median() {
    local times=()
    for _ in $(seq "$runs"); do
        if [ "${MEASURE:-wall}" = cpu ]; then
            /usr/bin/time -f "%U %S" -o "$work/time.txt" "$@" > /dev/null
            times+=("$(awk '{print $1 + $2}' "$work/time.txt")")
        else
            local start end
            start=$(date +%s.%N)
            "$@" > /dev/null
            end=$(date +%s.%N)
            times+=("$(echo "$end - $start" | bc -l)")
        fi
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'
}

printf '| %-14s | %9s | %9s | %9s | %9s | %9s | %8s | %8s | %9s |\n' benchmark "jit off" "jit on" "gcc -O0" "gcc -O2" "luajit" "speedup" "vs -O2" "vs luajit"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "----------------" "-----------" "-----------" "-----------" "-----------" "-----------" "----------" "----------" "-----------"
for tl in "$here"/*.tl; do
    name="$(basename "$tl" .tl)"
    c="$here/$name.c"
    [ -f "$c" ] || continue
    gcc -O0 -o "$work/$name-O0" "$c"
    gcc -O2 -o "$work/$name-O2" "$c"
    expected="$("$work/$name-O2")"
    lua="$here/$name.lua"
    cmds=("$bin --jit off $tl" "$bin $tl" "$work/$name-O0")
    [ -n "$luajit" ] && [ -f "$lua" ] && cmds+=("$luajit $lua")
    for cmd in "${cmds[@]}"; do
        got="$($cmd)"
        [ "$got" = "$expected" ] || { echo "$name: '$cmd' printed '$got', C printed '$expected'" >&2; exit 1; }
    done
    off=$(median "$bin" --jit off "$tl")
    on=$(median "$bin" "$tl")
    o0=$(median "$work/$name-O0")
    o2=$(median "$work/$name-O2")
    lj=-
    [ -n "$luajit" ] && [ -f "$lua" ] && lj=$(median "$luajit" "$lua")
    ratio() { if [ "$2" != - ] && [ "$(echo "$2 > 0" | bc -l)" = 1 ]; then printf '%7.1fx' "$(echo "$1 / $2" | bc -l)"; else printf '%8s' '-'; fi; }
    secs() { if [ "$1" = - ]; then printf '%9s' -; else printf '%8ss' "$1"; fi; }
    printf '| %-14s | %8ss | %8ss | %8ss | %8ss | %s | %s | %s |  %s |\n' "$name" "$off" "$on" "$o0" "$o2" "$(secs "$lj")" "$(ratio "$off" "$on")" "$(ratio "$on" "$o2")" "$(ratio "$on" "$lj")"
done

echo
echo "compile time per trace (RETRACE_LOG=jit, one run each):"
printf '| %-14s | %6s | %14s | %12s |\n' benchmark traces "median compile" "max compile"
printf '|%s|%s|%s|%s|\n' "----------------" "--------" "----------------" "--------------"
for tl in "$here"/*.tl; do
    name="$(basename "$tl" .tl)"
    [ -f "$here/$name.c" ] || continue
    RETRACE_LOG=jit "$bin" "$tl" 2>&1 >/dev/null | sed -n 's/.*compiled trace .* in \([0-9.]*\) us$/\1/p' | sort -g > "$work/compile.txt" || true
    n=$(wc -l < "$work/compile.txt")
    if [ "$n" -gt 0 ]; then
        med=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' "$work/compile.txt")
        max=$(tail -1 "$work/compile.txt")
        printf '| %-14s | %6d | %11s us | %9s us |\n' "$name" "$n" "$med" "$max"
    else
        printf '| %-14s | %6d | %14s | %12s |\n' "$name" 0 - -
    fi
done
