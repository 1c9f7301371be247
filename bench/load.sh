#!/usr/bin/env bash
# Load benchmark (docs/benchmarks.md): what an API key costs. Measures an authenticated call, GET /api/v1/account
# with x-api-key (key check, rate limiter, usage count, an account read cached for 0.9 s), against an unauthenticated
# call that does no work of its own, GET /actuator/health/liveness (the liveness probe: a constant answer, no
# database), with wrk on the same server, in ROUNDS rounds that alternate the two, and prints every
# round (requests/s, p50, p99, ratio) and the median of the rounds' ratios: once with the rate limiter in memory,
# then, when Redis answers, on a second server with the limiter in Redis.
#   bash bench/load.sh     (ROUNDS=5 DURATION=10 WARMUP=10 CONNECTIONS=32 THREADS=2 PORT=18080 to change;
#                           JAR=path for another build; REDIS_HOST/REDIS_PORT for another Redis)
# The server runs on the embedded defaults in a temporary data directory; set SPRING_DATASOURCE_URL (and
# _USERNAME/_PASSWORD) to run it on PostgreSQL instead. wrk and the server share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
AUTHENTICATED=/api/v1/account
UNAUTHENTICATED=/actuator/health/liveness

source bench/common.sh
bench_wrk
bench_jar
work=$(mktemp -d)
trap 'bench_cleanup; rm -rf "$work"' EXIT

# field FILE: "req/s p50 p99 non-2xx" of one wrk run
fields() {
    awk '
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        /Non-2xx/ { errors = $NF }
        END { printf "%.0f %s %s %d\n", rps, p50, p99, errors }
    ' "$1"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure NAME PORT [application arguments...]: starts a server, makes a key, warms both calls up, then runs
# ROUNDS rounds of the authenticated call followed by the unauthenticated one; prints each round and the median
# ratio, and leaves the median ratio and the median authenticated req/s in $work/NAME/median.
measure() {
    local name=$1 port=$2 base="http://127.0.0.1:$2" key round a a50 a99 aerr u u50 u99 uerr
    shift 2
    mkdir -p "$work/$name"
    bench_start "$port" "$work/$name/server.log" -- --atrium.data-dir="$work/$name/data" "$@"
    key=$(bench_api_key "$base" "$work/$name")
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-api-key: $key" "$base$AUTHENTICATED")" = 200 ] || { echo "key refused"; exit 1; }
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "x-api-key: $key" "$base$AUTHENTICATED" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$base$UNAUTHENTICATED" >/dev/null
    : >"$work/$name/ratios"
    : >"$work/$name/authenticated"
    for round in $(seq 1 "$ROUNDS"); do
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "x-api-key: $key" "$base$AUTHENTICATED" \
            >"$work/$name/auth-$round.txt"
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base$UNAUTHENTICATED" >"$work/$name/unauth-$round.txt"
        read -r a a50 a99 aerr <<<"$(fields "$work/$name/auth-$round.txt")"
        read -r u u50 u99 uerr <<<"$(fields "$work/$name/unauth-$round.txt")"
        echo "$a" >>"$work/$name/authenticated"
        awk -v a="$a" -v u="$u" 'BEGIN { printf "%.3f\n", a / u }' >>"$work/$name/ratios"
        printf "  round %d: authenticated %6d req/s (p50 %-8s p99 %-8s non-2xx %d)   unauthenticated %6d req/s (p50 %-8s p99 %-8s non-2xx %d)   ratio %.2f\n" \
            "$round" "$a" "$a50" "$a99" "$aerr" "$u" "$u50" "$u99" "$uerr" "$(tail -n 1 "$work/$name/ratios")"
    done
    kill "$server" && wait "$server" 2>/dev/null || true
    echo "$(median <"$work/$name/ratios") $(median <"$work/$name/authenticated")" >"$work/$name/median"
}

echo "GET $AUTHENTICATED (x-api-key) / GET $UNAUTHENTICATED; wrk: $THREADS threads, $CONNECTIONS connections,"
echo "${WARMUP}s warm-up each, then $ROUNDS rounds of ${DURATION}s each; $(nproc) cores shared with the server"
echo "limiter in memory:"
measure memory "$PORT"
read -r memory_ratio memory_rps <"$work/memory/median"
echo "  median ratio authenticated / unauthenticated: $(printf %.2f "$memory_ratio") (goal: at least 0.90)"

if command -v redis-cli >/dev/null 2>&1 && redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "limiter in Redis at $REDIS_HOST:$REDIS_PORT:"
    measure redis "$((PORT + 1))" --spring.data.redis.host="$REDIS_HOST" --spring.data.redis.port="$REDIS_PORT"
    read -r redis_ratio redis_rps <"$work/redis/median"
    echo "  median ratio authenticated / unauthenticated: $(printf %.2f "$redis_ratio") (goal: at least 0.85);" \
        "median authenticated req/s, Redis limiter / memory limiter: $(awk -v r="$redis_rps" -v m="$memory_rps" 'BEGIN { printf "%.2f", r / m }')"
else
    echo "no Redis at $REDIS_HOST:$REDIS_PORT: the Redis limiter was not measured"
fi
