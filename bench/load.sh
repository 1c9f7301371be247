#!/usr/bin/env bash
# Load benchmark (docs/benchmarks.md): measures authenticated GET /api/v1/account (x-api-key; it passes the
# rate limiter, which counts it) against unauthenticated GET /actuator/health with wrk on the same server, and
# prints requests/s, p50 and p99 latency and the ratio authenticated / health: once with the limiter in memory,
# then, when Redis answers, on a second server with the limiter in Redis.
#   bash bench/load.sh            (DURATION=20 CONNECTIONS=32 THREADS=2 PORT=18080 to change)
# The server runs on the embedded defaults in a temporary data directory; set SPRING_DATASOURCE_URL (and
# _USERNAME/_PASSWORD) to run it on PostgreSQL instead. wrk and the server share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"

source bench/common.sh
bench_wrk
bench_jar
work=$(mktemp -d)
trap 'bench_cleanup; rm -rf "$work"' EXIT

summary() {
    awk -v name="$2" '
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        /Non-2xx/ { errors = $NF }
        END { printf "%-40s %10.0f req/s   p50 %-9s p99 %-9s non-2xx %s\n", name, rps, p50, p99, (errors == "" ? 0 : errors) }
    ' "$1"
}
rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }

# measure NAME PORT [application arguments...]: starts a server, makes a key, and measures the authenticated call
# (which goes through the rate limiter) and health (which does not) on it, each after a warm-up.
measure() {
    local name=$1 port=$2 base="http://127.0.0.1:$2" key
    shift 2
    mkdir -p "$work/$name"
    bench_start "$port" "$work/$name/server.log" -- --atrium.data-dir="$work/$name/data" "$@"
    key=$(bench_api_key "$base" "$work/$name")
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-api-key: $key" "$base/api/v1/account")" = 200 ] || { echo "key refused"; exit 1; }
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "x-api-key: $key" "$base/api/v1/account" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$base/actuator/health" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "x-api-key: $key" "$base/api/v1/account" >"$work/$name/auth.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base/actuator/health" >"$work/$name/health.txt"
    kill "$server" && wait "$server" 2>/dev/null || true
}

echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared with the server"
measure memory "$PORT"
summary "$work/memory/auth.txt" "GET /api/v1/account (key, limiter in memory)"
summary "$work/memory/health.txt" "GET /actuator/health"
awk -v a="$(rps "$work/memory/auth.txt")" -v h="$(rps "$work/memory/health.txt")" \
    'BEGIN { printf "ratio authenticated / health: %.2f (goal: at least 0.80)\n", a / h }'

# The same with the rate limiter in Redis (one round trip per call), when a Redis answers (REDIS_HOST, REDIS_PORT).
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
if command -v redis-cli >/dev/null 2>&1 && redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    measure redis "$((PORT + 1))" --spring.data.redis.host="$REDIS_HOST" --spring.data.redis.port="$REDIS_PORT"
    summary "$work/redis/auth.txt" "GET /api/v1/account (key, limiter in Redis)"
    summary "$work/redis/health.txt" "GET /actuator/health"
    awk -v a="$(rps "$work/redis/auth.txt")" -v h="$(rps "$work/redis/health.txt")" -v m="$(rps "$work/memory/auth.txt")" \
        'BEGIN { printf "ratio authenticated / health: %.2f; Redis limiter / memory limiter: %.2f\n", a / h, a / m }'
else
    echo "no Redis at $REDIS_HOST:$REDIS_PORT: the Redis limiter was not measured"
fi
