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

if ! command -v wrk >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f target/atrium.jar ]; then
    ./mvnw -q -B package -DskipTests
fi

work=$(mktemp -d)
java -jar target/atrium.jar --server.port="$PORT" --atrium.data-dir="$work/data" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
    curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fs "$BASE/actuator/health" >/dev/null || { echo "server did not start; see its log:"; cat "$work/server.log"; exit 1; }

# A user and an API key, through the Playground's own forms.
jar="$work/cookies"
csrf() { curl -fs -b "$jar" -c "$jar" "$BASE$1" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }
token=$(csrf /signup)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "name=Load Tester" \
    --data-urlencode "email=load-$(date +%s)@example.com" --data-urlencode "password=violet-harbor-2931" "$BASE/signup"
token=$(csrf /settings/api-keys)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "name=load" \
    --data-urlencode "expiration=12" "$BASE/settings/api-keys"
key=$(curl -fs -b "$jar" -c "$jar" "$BASE/settings/api-keys" | grep -o 'atk_[0-9A-Za-z]\{12\}_[0-9A-Za-z]\{38\}' | head -n 1)
[ -n "$key" ] || { echo "could not create an API key"; exit 1; }
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
