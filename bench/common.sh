# Shared by the benchmark scripts (sourced, not run): builds the jar when the sources are newer, starts a
# server on this machine and makes an API key the way a person does, through the Playground's forms.
# Every server started here is stopped by bench_cleanup (the scripts call it on exit).

bench_servers=()

# Benchmarks measure the server, not the plan: the free plan's limits are set out of reach, so every call is
# still counted by the rate limiter but none is refused.
bench_unlimited=()
for category in upload resources management; do
    bench_unlimited+=(--atrium.plans.free.rate-limits.$category.per-minute=1000000000
        --atrium.plans.free.rate-limits.$category.per-day=1000000000)
done
bench_unlimited+=(--atrium.plans.free.indexing-tasks-per-day=1000000 --atrium.plans.free.indexing-minutes=100000000)

# Runs in an EXIT trap, where errexit still holds: nothing in it may fail, or the rest of the trap is skipped.
bench_cleanup() {
    local pid
    for pid in "${bench_servers[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}

# The jar under test: target/atrium.jar, rebuilt when the sources are newer; JAR=path runs another build
# (such as an older commit's, to compare).
bench_jar() {
    if [ -n "${JAR:-}" ]; then
        return 0
    fi
    JAR=target/atrium.jar
    if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
        ./mvnw -q -B package -DskipTests
    fi
}

bench_wrk() {
    if ! command -v wrk >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
}

# bench_start PORT LOG [JVM options...] -- [application arguments...]: sets $server to the server's pid; waits up to
# 5 minutes for it to answer (a start on a busy 2-core machine has taken nearly 3).
bench_start() {
    local port=$1 log=$2
    shift 2
    local jvm=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do jvm+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    java "${jvm[@]}" -jar "$JAR" --server.port="$port" "${bench_unlimited[@]}" "$@" >"$log" 2>&1 &
    server=$!
    bench_servers+=("$server")
    # START_SECONDS (default 300) for a machine too busy to start a server sooner
    for _ in $(seq 1 $(( ${START_SECONDS:-300} * 2 ))); do
        curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
        kill -0 "$server" 2>/dev/null || break
        sleep 0.5
    done
    echo "server did not start; see its log:"
    cat "$log"
    return 1
}

# bench_api_key BASE WORK_DIR: signs a new user up, logs in, confirms the address with the link in the development
# inbox (the server runs without SMTP), and prints a new API key of theirs.
bench_api_key() {
    local base=$1 jar="$2/cookies" token key link email
    email="bench-$(date +%s%N)@example.com"
    csrf() { curl -fs -b "$jar" -c "$jar" "$base$1" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }
    token=$(csrf /signup)
    curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "name=Bench Tester" \
        --data-urlencode "email=$email" --data-urlencode "password=violet-harbor-2931" "$base/signup"
    token=$(csrf /login)
    curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "email=$email" \
        --data-urlencode "password=violet-harbor-2931" "$base/login"
    link=$(curl -fs -b "$jar" -c "$jar" "$base/dev/inbox" | grep -o '/confirm-email/[A-Za-z0-9_-]*' | head -n 1)
    # a build from before addresses were confirmed (JAR=… for comparison) mails no link and needs none
    [ -z "$link" ] || curl -fs -b "$jar" -c "$jar" -o /dev/null "$base$link"
    token=$(csrf /settings/api-keys)
    curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "name=bench" \
        --data-urlencode "expiration=12" "$base/settings/api-keys"
    key=$(curl -fs -b "$jar" -c "$jar" "$base/settings/api-keys" | grep -o 'atk_[0-9A-Za-z]\{12\}_[0-9A-Za-z]\{38\}' | head -n 1)
    [ -n "$key" ] || { echo "could not create an API key" >&2; return 1; }
    echo "$key"
}

# bench_index BASE KEY NAME: creates an index and prints its id.
bench_index() {
    curl -fs -H "x-api-key: $2" -H 'Content-Type: application/json' \
        -d "{\"index_name\":\"$3\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\",\"audio\"]}]}" \
        "$1/v1.3/indexes" | sed 's/.*"_id":"\([0-9a-f]*\)".*/\1/'
}
