#!/usr/bin/env bash
# Every workload of bench/compare.sh in one run, each started only once the machine is quiet (the
# one-minute load average under $QUIET, 1.5 by default), its table printed in Markdown under the
# command that reproduces it and the load it started at. The README's benchmark tables come from one
# such run:
#
#   bench/all.sh [ROUNDS] > bench/target/all.md     # ROUNDS: 3 by default; echo and echo-vm run 1 round
#
# echo-vm runs at vmbench's three message sizes (1, 10 and 100 KiB), $ECHO_SECONDS (30) measured after
# $ECHO_WARMUP (10) seconds each; echo, $ECHO_SECONDS (5) after $ECHO_WARMUP (10). compare.sh's notes (each round's lines) go to standard error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-3}
quiet=${QUIET:-1.5}

wait_quiet() {
    local waited=0
    while awk -v q="$quiet" '{ exit !($1 >= q) }' /proc/loadavg; do
        if [ $waited -ge 600 ]; then
            echo "# still loaded after 10 minutes of waiting ($(cut -d' ' -f1-3 /proc/loadavg)): going on" >&2
            return
        fi
        sleep 5
        waited=$((waited + 5))
    done
}

run() {
    local title=$1
    shift
    wait_quiet
    echo
    echo "\`$title\` (started at load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M') UTC)"
    "$@" | sed '1{/^$/d}'
}

echo "# aioloop's workloads against the anchors: $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo_times="ECHO_WARMUP=${ECHO_WARMUP:-10} ECHO_SECONDS=${ECHO_SECONDS:-30}"
for w in step spawn spawn-eager sleepers timer threadsafe async-tree async-tree-eager; do
    run "bench/compare.sh $w $rounds" "$here/compare.sh" "$w" "$rounds"
done
run "ECHO_WARMUP=${ECHO_WARMUP:-10} ECHO_SECONDS=${ECHO_SECONDS:-5} bench/compare.sh echo 1" \
    env ECHO_WARMUP="${ECHO_WARMUP:-10}" ECHO_SECONDS="${ECHO_SECONDS:-5}" "$here/compare.sh" echo 1
for size in 1024 10240 102400; do
    run "$echo_times ECHO_SIZE=$size bench/compare.sh echo-vm 1" \
        env ECHO_WARMUP="${ECHO_WARMUP:-10}" ECHO_SECONDS="${ECHO_SECONDS:-30}" ECHO_SIZE=$size "$here/compare.sh" echo-vm 1
done
