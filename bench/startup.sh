#!/usr/bin/env bash
# Start-up benchmark (docs/benchmarks.md, Start-up): times `java -jar` until GET /actuator/health answers 200, for
# Atrium on the embedded defaults in a fresh data directory each time, and for the bare Spring Boot web app of
# bench/bare (Spring MVC and the actuator, built with the same Spring Boot version); ROUNDS times each, alternately.
# Prints every time, the medians and their ratio (Atrium / bare).
#   bash bench/startup.sh           (ROUNDS=5 PORT=18130 to change)
#   JAR=path bash bench/startup.sh  another Atrium build (such as an older commit's, to compare)
#   ARCHIVE=1 bash bench/startup.sh also times Atrium started the way ./run starts it: extracted, with its CDS
#                                   archive (JDK 17 to 24) or AOT cache (JDK 25+), which ./run --prepare makes
# JAVA_HOME picks the JDK, for both apps alike. Health is asked every 50 ms; a time includes the JVM's own start.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
PORT=${PORT:-18130}
ARCHIVE=${ARCHIVE:-0}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

source bench/common.sh
given_jar=${JAR:-}
bench_jar
work=$(mktemp -d)
trap 'bench_cleanup; rm -rf "$work"' EXIT

boot=$(sed -n '/<parent>/,/<\/parent>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml)
bare_boot=$(sed -n '/<parent>/,/<\/parent>/s/.*<version>\(.*\)<\/version>.*/\1/p' bench/bare/pom.xml)
if [ "$boot" != "$bare_boot" ]; then
    echo "bench/bare/pom.xml uses Spring Boot $bare_boot, Atrium $boot: make them the same" >&2
    exit 1
fi
JAR=$(realpath "$JAR")
BARE=$PWD/bench/bare/target/bare.jar
if [ ! -f "$BARE" ] || [ -n "$(find bench/bare/src bench/bare/pom.xml -newer "$BARE" -print -quit)" ]; then
    ./mvnw -q -B -f bench/bare/pom.xml package -DskipTests
fi

archived=()
if [ "$ARCHIVE" = 1 ] && [ -z "$given_jar" ]; then
    # this build's extracted jar and archive, where ./run keeps them (made again only if stale)
    read -r -a archived <<<"$(./run --prepare | tail -n 1)"
elif [ "$ARCHIVE" = 1 ]; then
    read -r -a archived <<<"$(ATRIUM_JAR="$JAR" ATRIUM_APP_DIR="$work/app" ./run --prepare | tail -n 1)"
fi

# time_start NAME JVM-AND-JAR-ARGUMENTS...: starts the app in a fresh directory, sets $took to the milliseconds
# until health answered 200, stops it.
time_start() {
    local name=$1 dir start pid
    shift
    dir=$(mktemp -d "$work/run.XXXX")
    start=$(date +%s%N)
    (cd "$dir" && exec "$java" "$@" --server.port="$PORT" --atrium.data-dir="$dir/data" >"$dir/log" 2>&1) &
    pid=$!
    bench_servers+=("$pid")
    until curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name exited before it was healthy; its log:" >&2
            cat "$dir/log" >&2
            return 1
        fi
        sleep 0.05
    done
    took=$(( ($(date +%s%N) - start) / 1000000 ))
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
}

median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "Spring Boot $boot, $("$java" -version 2>&1 | head -n 1), $(nproc) cores; Atrium: $JAR"
bare=() atrium=() atrium_archived=()
for round in $(seq 1 "$ROUNDS"); do
    time_start bare -jar "$BARE"
    bare+=("$took")
    time_start atrium -jar "$JAR"
    atrium+=("$took")
    line="round $round: bare ${bare[-1]} ms, atrium ${atrium[-1]} ms"
    if [ "$ARCHIVE" = 1 ]; then
        time_start "atrium (archive)" "${archived[@]}"
        atrium_archived+=("$took")
        line+=", atrium with the archive ${atrium_archived[-1]} ms"
    fi
    echo "$line"
done

bare_median=$(median "${bare[@]}")
atrium_median=$(median "${atrium[@]}")
echo "median: bare $bare_median ms, atrium $atrium_median ms, ratio $(awk -v a="$atrium_median" -v b="$bare_median" 'BEGIN { printf "%.2f", a / b }')"
if [ "$ARCHIVE" = 1 ]; then
    archived_median=$(median "${atrium_archived[@]}")
    echo "median: atrium with the archive $archived_median ms, ratio $(awk -v a="$archived_median" -v b="$bare_median" 'BEGIN { printf "%.2f", a / b }')"
fi
