#!/usr/bin/env bash
# Profiles one workload of aioloop's bench jar with async-profiler (CPU, or allocation with
# EVENT=alloc) and prints where the time goes: the methods with the most samples of their own, then
# the hottest stacks. For step it profiles the continuation floor too, in the same shape, so that
# what aioloop adds above the floor shows as the difference between the two.
#
#   bench/profile.sh WORKLOAD [RUNS]      WORKLOAD: any of the bench jar's (step, threadsafe, ...),
#                                         or echo-vm (SERVER=aioloop by default, ECHO_SIZE=1024)
#
# The workload runs RUNS times (20 by default) at its own size or $SIZE, so that most samples come
# from compiled code. For
# echo-vm the server (aioloop, aioloop-hosted, aioloop-zero-copy, netty) runs under vmbench's load
# as in compare.sh, $ECHO_WARMUP (5) then $ECHO_SECONDS (10) seconds, profiled from start to end.
# async-profiler comes from Maven Central (tools.profiler:async-profiler, its jar holds the native
# library) into bench/target/async-profiler. Output: bench/target/profile-WORKLOAD-*.txt.
set -euo pipefail

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: bench/profile.sh WORKLOAD [RUNS]" >&2; exit 2; }
workload=$1
runs=${2:-20}
event=${EVENT:-cpu}
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/bench/jvm.sh"

version=4.1
lib=$work/async-profiler/linux-x64/libasyncProfiler.so
if [ ! -f "$lib" ]; then
    (cd "$repo" && mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$version -Dtransitive=false) >&2
    mkdir -p "$work/async-profiler"
    unzip -o -q "$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar" \
        'linux-x64/*' -d "$work/async-profiler"
fi

# A kernel that refuses perf events (perf_event_paranoid) gets a timer instead: itimer samples CPU
# time all the same.
if [ "$event" = cpu ] && [ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 3)" -gt 2 ]; then
    event=itimer
fi
agent() { echo "-agentpath:$lib=start,event=$event,interval=${INTERVAL:-1000000},file=$1,flat=25,traces=8$2"; }

# profile NAME COMMAND...: one process whose JVM is under the profiler (its agent flag is "@AGENT@"
# in COMMAND); prints the command's own lines, then the profile.
profile() {
    local name=$1
    shift
    local out=$work/profile-$workload-$name.txt
    local args=()
    for a in "$@"; do
        args+=("${a//@AGENT@/$(agent "$out" "${AGENT_EXTRA:-}")}")
    done
    rm -f "$out"
    "${args[@]}"
    echo "## $name: $event samples, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo '```'
    sed -n '/^ *ns  *percent  *samples  *top/,$p' "$out" | head -28
    echo '```'
    echo "(full profile: $out)"
}

if [ "$workload" = echo-vm ]; then
    server=${SERVER:-aioloop}
    warmup=${ECHO_WARMUP:-5}
    seconds=${ECHO_SECONDS:-10}
    # The load client kills the server when it is done: the profiler stops and writes just before.
    AGENT_EXTRA=",timeout=$((warmup + seconds))" profile "$server" \
        "$java" -cp "$jar" dev.aioloop.bench.echo.EchoLoad --vm --size "${ECHO_SIZE:-1024}" "$server" "$warmup" "$seconds" \
        "$java" @AGENT@ -Xms1g -Xmx1g -XX:+AlwaysPreTouch $continuations --enable-native-access=ALL-UNNAMED \
        -cp "$jar" dev.aioloop.bench.echo.EchoServer "$server"
    exit
fi
profile aioloop "$java" @AGENT@ -Xmx4g $continuations -jar "$jar" "$workload" "${SIZE:--}" "$runs"
if [ "$workload" = step ]; then
    profile jdk-continuation "$java" @AGENT@ -Xmx4g $continuations -cp "$jar" dev.aioloop.bench.ContinuationFloor "${SIZE:--}" "$runs"
fi
