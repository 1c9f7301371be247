#!/usr/bin/env bash
# Listing benchmark (docs/benchmarks.md): GET /v1.3/indexes/{id}/videos on PostgreSQL with 100,000 videos in
# one index (VIDEOS=1000000 for a million): the first, a middle and the last page, the first and last page of a
# user-metadata filter that 10% of the videos meet, the first page of one that 0.1% meet, every page in turn from the
# middle on (as a program reading the whole library does) and pages at random (bench/pages.lua), against the same request on a 10-video index and against GET /actuator/health, all in one
# run on one server. Prints req/s, p50
# and p99 (wrk) and the ratios; then writes EXPLAIN (ANALYZE, BUFFERS) of the statements the server ran for each
# request, with the values it bound, to $PLANS (default target/bench/listing-plans-VIDEOS.txt).
#   bash bench/listing.sh      (DURATION=15 CONNECTIONS=2 THREADS=2 PORT=18081 VIDEOS=100000 to change;
#                               PGHOST/PGPORT/PGUSER for another PostgreSQL; JAR=path for another build;
#                               DATABASE=name for the throwaway database, PLANS=file for the plans)
# Needs PostgreSQL at 127.0.0.1:5432 with trust auth for user postgres; creates a throwaway database and drops
# it at the end. The videos are seeded with one SQL statement (generate_series), not uploaded: they have
# rows, user metadata ({"category": "c0".."c9", or "rare" for one in 1,000}) and no files, which listing never
# reads; the index's video count is set as the application keeps it. The tables are vacuumed and analysed after
# seeding, as autovacuum would do on its own. The statements are captured by a second server on the same
# database that logs its SQL (PORT+1), started after the measurements so that logging costs them nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh

DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-2}
THREADS=${THREADS:-2}
PORT=${PORT:-18081}
VIDEOS=${VIDEOS:-100000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BASE="http://127.0.0.1:$PORT"
LAST_PAGE=$(( (VIDEOS + 49) / 50 ))
MIDDLE_PAGE=$(( (LAST_PAGE + 1) / 2 ))
# category=c7: the videos g (1..VIDEOS) with g % 10 = 7, less the "rare" ones (g % 1000 = 7)
FILTERED=$(( (VIDEOS + 3) / 10 - (VIDEOS >= 7 ? (VIDEOS - 7) / 1000 + 1 : 0) ))
FILTERED_LAST_PAGE=$(( (FILTERED + 49) / 50 ))
PLANS=${PLANS:-target/bench/listing-plans-$VIDEOS.txt}

bench_wrk
bench_jar
work=$(mktemp -d)
database=${DATABASE:-atrium_bench_listing_$$}
psql -q -d postgres -c "create database $database"
trap 'bench_cleanup; psql -q -d postgres -c "drop database if exists $database with (force)" || true; rm -rf "$work"' EXIT

bench_start "$PORT" "$work/server.log" -- --atrium.data-dir="$work/data" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$database" --spring.datasource.username="$PGUSER"
key=$(bench_api_key "$BASE" "$work")
big=$(bench_index "$BASE" "$key" "Big")
small=$(bench_index "$BASE" "$key" "Small")

seed() {  # seed INDEX COUNT ID_PREFIX
    psql -q -v ON_ERROR_STOP=1 -d "$database" -v index="$1" -v count="$2" -v prefix="$3" <<'SQL'
insert into videos (id, account_id, index_id, filename, duration, fps, width, height, size, user_metadata,
    enable_video_stream, created_at, updated_at, indexed_at)
select :'prefix' || lpad(to_hex(g), 23, '0'), i.account_id, i.id, 'clip-' || g || '.mp4', 4 + g % 3600, 25, 1280,
    720, 1000000 + g, '{"category":"' || case when g % 1000 = 7 then 'rare' else 'c' || g % 10 end || '"}', true,
    t, t, t
from indexes i, generate_series(1, :count) g,
    lateral (select timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 second' as t) times
where i.id = :'index';
SQL
}
started=$(date +%s%N)
seed "$big" "$VIDEOS" b
seed "$small" 10 c
# The metadata rows and the count as the application writes them; builds from before the metadata table (JAR=…)
# filter user metadata from the JSON column instead, builds from before V30 have neither keys nor counts.
psql -q -v ON_ERROR_STOP=1 -d "$database" <<'SQL'
do $$ begin
    if exists (select 1 from information_schema.columns where table_name = 'video_metadata' and column_name = 'value_key') then
        insert into video_metadata (video_id, account_id, index_id, name, value_text, value_key)
        select id, account_id, index_id, 'category', c, c from videos,
            lateral (select case when (size - 1000000) % 1000 = 7 then 'rare' else 'c' || (size - 1000000) % 10 end as c) v;
        update indexes set video_count = (select count(*) from videos v where v.account_id = indexes.account_id
            and v.index_id = indexes.id);
        if exists (select 1 from information_schema.columns where table_name = 'indexes' and column_name = 'video_list_version') then
            update indexes set video_list_version = nextval('video_list_versions'),
                video_duration_us = (select coalesce(sum(cast(round(v.duration * 1000000) as bigint)), 0) from videos v
                    where v.account_id = indexes.account_id and v.index_id = indexes.id);
        end if;
    elsif to_regclass('video_metadata') is not null then
        insert into video_metadata (video_id, account_id, name, value_text)
        select id, account_id, 'category', case when (size - 1000000) % 1000 = 7 then 'rare'
            else 'c' || (size - 1000000) % 10 end from videos;
    end if;
end $$;
vacuum analyze;
SQL
echo "seeded $VIDEOS + 10 videos in $(( ($(date +%s%N) - started) / 1000000 )) ms (SQL, then vacuum analyze)"

list="$BASE/v1.3/indexes"
declare -A urls=(
    [health]="$BASE/actuator/health"
    [small]="$list/$small/videos?page_limit=50"
    [first]="$list/$big/videos?page_limit=50"
    [middle]="$list/$big/videos?page_limit=50&page=$MIDDLE_PAGE"
    [last]="$list/$big/videos?page_limit=50&page=$LAST_PAGE"
    [filtered]="$list/$big/videos?page_limit=50&category=c7"
    [filtered_last]="$list/$big/videos?page_limit=50&category=c7&page=$FILTERED_LAST_PAGE"
    [rare]="$list/$big/videos?page_limit=50&category=rare"
    [walk]="$list/$big/videos?page_limit=50"
    [random]="$list/$big/videos?page_limit=50"
)
# walk: every page in turn, from the middle to the last (each thread from its own place); random: any page
declare -A orders=([walk]=in-turn [random]=random)
export FIRST_PAGE LAST_PAGE THREADS SEED ORDER
names=(health small first middle last filtered filtered_last rare walk random)
declare -A labels=(
    [health]="GET /actuator/health"
    [small]="10 videos, page 1 of 50"
    [first]="$VIDEOS videos, page 1 of 50"
    [middle]="$VIDEOS videos, page $MIDDLE_PAGE of 50"
    [last]="$VIDEOS videos, page $LAST_PAGE of 50"
    [filtered]="$VIDEOS, category=c7, page 1"
    [filtered_last]="$VIDEOS, category=c7, page $FILTERED_LAST_PAGE"
    [rare]="$VIDEOS, category=rare, page 1"
    [walk]="$VIDEOS, pages $MIDDLE_PAGE.. in turn"
    [random]="$VIDEOS, pages at random"
)
for name in "${names[@]}"; do
    code=$(curl -s -o "$work/$name.json" -w '%{http_code}' -H "x-api-key: $key" "${urls[$name]}")
    [ "$code" = 200 ] || { echo "${urls[$name]} answered $code: $(cat "$work/$name.json")"; exit 1; }
done
grep -q '"total_results":'"$VIDEOS" "$work/first.json" || { echo "unexpected first page: $(head -c 300 "$work/first.json")"; exit 1; }
for name in middle last filtered_last rare; do
    grep -q '"_id"' "$work/$name.json" || { echo "${labels[$name]} is empty: $(head -c 300 "$work/$name.json")"; exit 1; }
done

# Warm every path up (JIT, connection pool, database caches), then measure each for the same time. The walk's warm-up
# reads pages before the middle, so that its measured pages are read for the first time; random pages warm up on
# other pages than they measure (pages before the middle, another seed).
run_wrk() {  # run_wrk NAME SECONDS [wrk options...]
    local name=$1 seconds=$2 script=()
    shift 2
    [ -z "${orders[$name]:-}" ] || script=(-s bench/pages.lua)
    ORDER=${orders[$name]:-} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 30s "${script[@]}" "$@" -H "x-api-key: $key" "${urls[$name]}"
}
for name in "${names[@]}"; do
    SEED=1 FIRST_PAGE=1 LAST_PAGE=$(( MIDDLE_PAGE - 1 )) run_wrk "$name" 5 >/dev/null
done
for name in "${names[@]}"; do
    SEED=2 FIRST_PAGE=$([ "$name" = walk ] && echo "$MIDDLE_PAGE" || echo 1) LAST_PAGE=$LAST_PAGE \
        run_wrk "$name" "$DURATION" --latency >"$work/$name.txt"
done

ms() {  # a wrk latency (850.00us, 12.34ms, 1.02s) in milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
declare -A rps p50 p99
for name in "${names[@]}"; do
    rps[$name]=$(awk '/Requests\/sec/ { print $2 }' "$work/$name.txt")
    p50[$name]=$(ms "$(awk '$1 == "50%" { print $2 }' "$work/$name.txt")")
    p99[$name]=$(ms "$(awk '$1 == "99%" { print $2 }' "$work/$name.txt")")
    errors=$(awk '/Non-2xx/ { print $NF }' "$work/$name.txt")
    [ -z "$errors" ] || { echo "${labels[$name]}: $errors non-2xx answers"; exit 1; }
done
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared with the server and PostgreSQL"
printf '%-36s %9s %10s %10s %14s %14s\n' request req/s "p50 ms" "p99 ms" "p50/10-video" "p50/health"
for name in "${names[@]}"; do
    awk -v label="${labels[$name]}" -v rps="${rps[$name]}" -v p50="${p50[$name]}" -v p99="${p99[$name]}" \
        -v small="${p50[small]}" -v health="${p50[health]}" \
        'BEGIN { printf "%-36s %9.0f %10.2f %10.2f %14.2f %14.2f\n", label, rps, p50, p99, p50 / small, p50 / health }'
done

# The statements behind each request, explained with the values the server bound (second server, SQL logged).
bench_start "$((PORT + 1))" "$work/sql.log" -- --atrium.data-dir="$work/data" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$database" --spring.datasource.username="$PGUSER" \
    --logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG \
    --logging.level.org.springframework.jdbc.core.StatementCreatorUtils=TRACE
mkdir -p "$(dirname "$PLANS")"
echo "EXPLAIN (ANALYZE, BUFFERS) of the statements behind each request, $VIDEOS videos, $(date -u +%Y-%m-%dT%H:%MZ)" >"$PLANS"
capture="http://127.0.0.1:$((PORT + 1))"
for name in first middle last filtered filtered_last rare; do
    url=${urls[$name]/"$BASE"/"$capture"}
    # once to warm the second server up, then the request whose statements are explained
    curl -fs -o /dev/null -H "x-api-key: $key" "$url"
    before=$(wc -l <"$work/sql.log")
    curl -fs -o /dev/null -H "x-api-key: $key" "$url"
    sleep 0.2
    tail -n +"$((before + 1))" "$work/sql.log" \
        | java bench/ExplainStatements.java "${labels[$name]}" 'videos|video_metadata|video_count' >"$work/explain.sql"
    psql -X -q -v ON_ERROR_STOP=1 -d "$database" -f "$work/explain.sql" >>"$PLANS" 2>&1
done
echo "plans: $PLANS"
awk '/^-- /{ label = $0 } /Execution Time/ { print label ": " $3 " ms" }' "$PLANS"
