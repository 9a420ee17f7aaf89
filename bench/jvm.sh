# Sourced by bench/compare.sh and bench/profile.sh: the JDK 25 they run, aioloop's bench jar (built
# when a source it holds is newer), and the flag JDK continuations need on the class path.
# Expects $repo, the repository's root.
java=$(ls /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
[ -n "$java" ] || { echo "no JDK 25 under /usr/lib/jvm: install one (e.g. temurin-25-jdk)" >&2; exit 1; }
work=$repo/bench/target
jar=$work/aioloop-bench.jar
if [ ! -f "$jar" ] || [ -n "$(find "$repo/core/src/main" "$repo/netty-adapter/src/main" "$repo/bench/src/main" \
        -newer "$jar" -print -quit)" ]; then
    echo "# building aioloop's bench jar" >&2
    (cd "$repo" && mvn -B -q -pl bench -am package -DskipTests) >&2
fi
continuations="--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"
