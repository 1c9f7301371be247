#!/usr/bin/env bash
# Load benchmark (README, "Benchmarks"): on one running server, in one run, measures authenticated
# GET /api/v1/account (x-api-key) against unauthenticated GET /actuator/health with wrk, and prints
# requests/s, p50 and p99 latency and the ratio authenticated / health.
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
bench_start "$PORT" "$work/server.log" -- --atrium.data-dir="$work/data"

# A user and an API key, through the Playground's own forms.
key=$(bench_api_key "$BASE" "$work")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-api-key: $key" "$BASE/api/v1/account")" = 200 ] || { echo "key refused"; exit 1; }

# Warm both paths up (JIT, connection pools, caches), then measure each for the same time.
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "x-api-key: $key" "$BASE/api/v1/account" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$BASE/actuator/health" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "x-api-key: $key" "$BASE/api/v1/account" >"$work/auth.txt"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE/actuator/health" >"$work/health.txt"

summary() {
    awk -v name="$2" '
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        /Non-2xx/ { errors = $NF }
        END { printf "%-28s %10.0f req/s   p50 %-9s p99 %-9s non-2xx %s\n", name, rps, p50, p99, (errors == "" ? 0 : errors) }
    ' "$1"
}
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared with the server"
summary "$work/auth.txt" "GET /api/v1/account (key)"
summary "$work/health.txt" "GET /actuator/health"
auth=$(awk '/Requests\/sec/ { print $2 }' "$work/auth.txt")
health=$(awk '/Requests\/sec/ { print $2 }' "$work/health.txt")
awk -v a="$auth" -v h="$health" 'BEGIN { printf "ratio authenticated / health: %.2f (goal: at least 0.80)\n", a / h }'
