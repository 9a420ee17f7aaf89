#!/usr/bin/env bash
# Runs one workload on aioloop and on every anchor this machine has (CPython asyncio, uvloop, Kotlin
# coroutines, raw Netty), in turn, ROUNDS times, and prints the medians and aioloop's ratio to each.
#
#   bench/compare.sh WORKLOAD [ROUNDS]     WORKLOAD: step | spawn | spawn-eager | sleepers | timer | threadsafe | echo
#                                          | echo-vm | async-tree | async-tree-eager
#
# echo: each server (aioloop on a standalone loop and on a hosted one, copy-free on a standalone one,
# a MessageStream body over a line-framed Netty pipeline on a hosted loop, raw Netty, asyncio, uvloop; all
# of them this project's, in bench/src) runs in a process of its own under the same NIO load client
# (dev.aioloop.bench.echo.EchoLoad: 64 connections, 1 KiB round trips, $ECHO_WARMUP seconds of
# warm-up, 10 by default, then $ECHO_SECONDS measured, 5 by default).
# echo-vm: the same servers under vmbench's load (MagicStack's benchmark, the one uvloop publishes): a
# closed loop of 10 connections, messages of $ECHO_SIZE bytes (1024 by default; vmbench's sizes are
# 1024, 10240 and 102400), $ECHO_SECONDS measured, 30 by default, after the warm-up; throughput and
# latency p50, p90, p99, p99.9.
#
# async-tree, async-tree-eager: pyperformance's async_tree (depth 5, branching 5, sleep(0) at the leaves),
# without and with eager tasks; their asyncio/uvloop and Kotlin anchors are this project's own
# (bench/src/main/python/async_tree.py, bench/src/main/kotlin/AsyncTree.kt, built with the anchors' JVM
# project). asyncio's eager_task_factory needs Python 3.12+: ASYNCIO_PYTHON=path/to/python3.12 runs the
# asyncio anchor on that Python instead of python3. spawn-eager is aioloop's only (with AIOLOOP_BASELINE_JAR).
#
# AIOLOOP_BASELINE_JAR=path/to/aioloop-bench.jar adds aioloop-before (and, for echo, aioloop-hosted-before):
# the same workload on an earlier build's bench jar, in the same rounds, for a before/after ratio.
#
# The anchors' programs are read from $AIOLOOP_ANCHORS (default: ../shared/anchors beside the
# repository); their JVM project is built in bench/target/anchors-jvm, never in the repository's sources.
# Systems take turns within each round, so that the load of a busy machine falls on all of them alike:
# only ratios from one run mean anything.
set -euo pipefail

usage() {
    echo "usage: bench/compare.sh WORKLOAD [ROUNDS]   WORKLOAD: step | spawn | spawn-eager | sleepers | timer | threadsafe | echo | echo-vm | async-tree | async-tree-eager" >&2
    exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
workload=$1
rounds=${2:-5}
case $workload in step|spawn|spawn-eager|sleepers|timer|threadsafe|echo|echo-vm|async-tree|async-tree-eager) ;; *) usage ;; esac
echoing=; case $workload in echo|echo-vm) echoing=1 ;; esac
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage

repo=$(cd "$(dirname "$0")/.." && pwd)
anchors=${AIOLOOP_ANCHORS:-$repo/../shared/anchors}
note() { echo "# $*" >&2; }

# ---- aioloop ----
. "$repo/bench/jvm.sh"
# The JVMs get the same heap as the Kotlin anchor's documented command.
declare -A cmd=([aioloop]="$java -Xmx4g -jar $jar $workload")
systems=(aioloop)
if [ "$workload" = step ]; then
    # Bare JDK continuations in the same shape: the floor under any task system built on them.
    cmd[jdk-continuation]="$java -Xmx4g $continuations -cp $jar dev.aioloop.bench.ContinuationFloor"
    systems+=(jdk-continuation)
fi
if [ -n "$echoing" ]; then
    if [ "$workload" = echo-vm ]; then
        load="$java -cp $jar dev.aioloop.bench.echo.EchoLoad --vm --size ${ECHO_SIZE:-1024}"
        times="${ECHO_WARMUP:-10} ${ECHO_SECONDS:-30}"
    else
        load="$java -cp $jar dev.aioloop.bench.echo.EchoLoad"
        times="${ECHO_WARMUP:-10} ${ECHO_SECONDS:-5}"
    fi
    # A fixed heap, touched at start: the servers otherwise spend the measurement growing it, page
    # fault by page fault, and the one that allocates more per message pays more.
    for s in aioloop aioloop-hosted aioloop-zero-copy aioloop-messagestream netty; do
        cmd[$s]="$load $s $times $java -Xms1g -Xmx1g -XX:+AlwaysPreTouch $continuations --enable-native-access=ALL-UNNAMED -cp $jar dev.aioloop.bench.echo.EchoServer $s"
    done
    systems+=(aioloop-hosted aioloop-zero-copy aioloop-messagestream netty)
fi
baseline=${AIOLOOP_BASELINE_JAR:-}
if [ -n "$baseline" ]; then
    [ -f "$baseline" ] || { echo "AIOLOOP_BASELINE_JAR: no such file: $baseline" >&2; exit 1; }
    if [ -n "$echoing" ]; then
        for s in aioloop aioloop-hosted; do
            cmd[$s-before]=${cmd[$s]//-cp $jar /-cp $baseline }
            systems+=($s-before)
        done
    else
        cmd[aioloop-before]=${cmd[aioloop]//-jar $jar /-jar $baseline }
        systems+=(aioloop-before)
    fi
fi

# ---- CPython asyncio and uvloop ----
# py_cmd SYSTEM PYTHON: the echo servers are the project's own, the other workloads the anchors'.
own_python=
case $workload in echo|echo-vm|async-tree*) own_python=1 ;; esac
asyncio_python=${ASYNCIO_PYTHON:-python3}
if [ -n "$echoing" ]; then
    py_cmd() { echo "$load $1 $times $2 $repo/bench/src/main/python/echo_server.py $1"; }
elif [ -n "$own_python" ]; then
    py_cmd() { echo "$2 $repo/bench/src/main/python/async_tree.py $1 $workload"; }
else
    py_cmd() { echo "$2 $anchors/python/workloads.py $1 $workload"; }
fi
if [ "$workload" = spawn-eager ]; then
    note "spawn-eager: aioloop only, the anchors have no eager variant"
elif [ -n "$own_python" ] || [ -f "$anchors/python/workloads.py" ]; then
    if command -v "$asyncio_python" >/dev/null; then
        cmd[asyncio]=$(py_cmd asyncio "$asyncio_python")
        systems+=(asyncio)
    else
        note "no $asyncio_python: asyncio skipped"
    fi
    if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c 'import uvloop' 2>/dev/null \
            && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        note "installing python3-uvloop"
        apt-get install -y -q python3-uvloop >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q python3-uvloop >/dev/null 2>&1; } || true
    fi
    if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import uvloop' 2>/dev/null; then
        cmd[uvloop]=$(py_cmd uvloop /usr/bin/python3)
        systems+=(uvloop)
    else
        note "uvloop skipped: needs Debian's python3-uvloop for /usr/bin/python3 (apt-get install python3-uvloop, as root)"
    fi
else
    note "no anchors at $anchors (set AIOLOOP_ANCHORS): asyncio and uvloop skipped"
fi

# ---- Kotlin coroutines and raw Netty ----
if [ -n "$echoing" ] || [ "$workload" = spawn-eager ]; then
    :   # raw Netty's echo server is among the echo servers above; Kotlin has none
elif [ -f "$anchors/jvm/pom.xml" ]; then
    jvm=$work/anchors-jvm
    own_kotlin=$repo/bench/src/main/kotlin
    if [ ! -d "$jvm/target/lib" ] || [ -n "$(find "$anchors/jvm/src" "$anchors/jvm/pom.xml" "$own_kotlin" -newer "$jvm/target" -print -quit)" ]; then
        note "building the JVM anchors in $jvm"
        rm -rf "$jvm" && mkdir -p "$jvm" && cp -r "$anchors/jvm/pom.xml" "$anchors/jvm/src" "$jvm/"
        # This project's own Kotlin anchors (async-tree) build with theirs.
        cp "$own_kotlin"/*.kt "$jvm/src/main/kotlin/"
        (cd "$jvm" && mvn -B -q package) >&2 || note "the JVM anchors did not build: Kotlin and Netty skipped"
    fi
    if [ -d "$jvm/target/lib" ]; then
        cp="$jvm/target/classes:$(ls "$jvm"/target/lib/*.jar | tr '\n' ':')"
        case $workload in step|spawn|sleepers|timer)
            cmd[kotlin]="$java -Xmx4g -cp $cp KotlinWorkloadsKt $workload"
            systems+=(kotlin) ;;
        async-tree*)
            cmd[kotlin]="$java -Xmx4g -cp $cp anchors.AsyncTreeKt $workload"
            systems+=(kotlin) ;;
        esac
        case $workload in step|timer|threadsafe)
            for io in nio epoll; do
                cmd[netty-$io]="$java --enable-native-access=ALL-UNNAMED -cp $cp anchors.NettyFloor $workload $io"
                systems+=(netty-$io)
            done ;;
        esac
    fi
else
    note "no JVM anchors at $anchors/jvm (set AIOLOOP_ANCHORS): Kotlin and Netty skipped"
fi

# ---- the rounds ----
# Each line printed is kept as "system<TAB>metric<TAB>value"; a system that fails is reported and left out.
results=$(mktemp)
trap 'rm -f "$results"' EXIT
shape=; [ "$workload" = echo-vm ] && shape=" ${ECHO_SIZE:-1024}-byte messages,"
note "$workload:$shape ${systems[*]}, $rounds rounds, load $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for ((r = 1; r <= rounds; r++)); do
    for s in "${systems[@]}"; do
        if ! line=$(${cmd[$s]} 2>/dev/null | grep "^$workload " | tail -1) || [ -z "$line" ]; then
            note "round $r: $s failed: ${cmd[$s]}"
            continue
        fi
        note "round $r: $line"
        echo "$line" | awk -v s="$s" '{
            for (i = 3; i <= NF; i++) {
                if ($i ~ /^[a-z0-9]+=/) {            # p50=103us, overshoot=12.3ms
                    split($i, kv, "="); v = kv[2]; u = v; sub(/^-?[0-9.]+/, "", u); sub(/[a-z\/]+$/, "", v)
                    print s "\t" kv[1] " (" u ")\t" v
                } else if ($i ~ /^-?[0-9.]+$/) {     # 61.2 ns/step
                    print s "\t" $(i + 1) "\t" $i; i++
                }
            }
        }' >> "$results"
    done
done

# ---- medians and ratios ----
# Ratios say how many times aioloop is better: other/aioloop where lower is better, aioloop/other for
# callbacks/s, msg/s and MiB/s. Above 1, aioloop leads.
echo
echo "$workload,$shape median of $rounds rounds ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
sort -t$'\t' -k1,1 -k2,2 -k3,3g "$results" | awk -F'\t' -v order="${systems[*]}" '
    { key = $1 SUBSEP $2; vals[key, ++n[key]] = $3; if (!($2 in seen)) { seen[$2] = 1; metrics[++m] = $2 } }
    function fmt(v) { return v >= 100 || v <= -100 ? sprintf("%.0f", v) : sprintf("%.3g", v) }
    function median(k,   c) { c = n[k]; return c % 2 ? vals[k, (c + 1) / 2] : (vals[k, c / 2] + vals[k, c / 2 + 1]) / 2 }
    END {
        ns = split(order, sys, " ")
        printf "| %-12s |", "system"
        for (j = 1; j <= m; j++) printf " %s | aioloop × |", metrics[j]
        printf "\n|---|"
        for (j = 1; j <= m; j++) printf "---:|---:|"
        printf "\n"
        for (i = 1; i <= ns; i++) {
            printf "| %-12s |", sys[i]
            for (j = 1; j <= m; j++) {
                k = sys[i] SUBSEP metrics[j]; a = "aioloop" SUBSEP metrics[j]
                if (!(k in n)) { printf " — | |"; continue }
                v = median(k); printf " %s |", fmt(v)
                if (sys[i] == "aioloop" || !(a in n) || v == 0 || median(a) == 0) { printf " |"; continue }
                r = metrics[j] == "callbacks/s" || metrics[j] == "msg/s" || metrics[j] == "MiB/s" ? median(a) / v : v / median(a)
                printf " %.2f |", r
            }
            printf "\n"
        }
    }'
