#!/usr/bin/env bash
# Upload benchmark (docs/benchmarks.md): in one run, the same curl command sends the same 1 GiB multipart
# body (a video_file part) (a) to a plain loopback sink that writes it to a file (bench/LoopbackSink.java) and
# (b) to POST /v1.3/tasks; prints MB/s for each and the ratio (goal: at least 0.7), and the server's heap
# growth (goal: under 64 MiB): heap in use after a full GC after the uploads minus the same before them (read
# with jcmd, so no actuator endpoint is opened), and the highest heap in use while uploading (sampled with
# jstat; it includes garbage not yet collected).
#   bash bench/upload.sh      (SIZE_MB=1024 ROUNDS=5 PORT=18082 SINK_PORT=18083 to change; JAR=path for
#                              another build; JAVA_OPTS for the server's JVM)
# The file is random bytes (generated once, kept in target/bench/), not a video: the tasks fail validation
# afterwards (video_file_broken), which happens after the upload's answer and does not count. Each round
# sends to the sink, then to the server; a warm-up round of each goes first. The ratio reported is the median
# of each round's own ratio (the disk's write-back makes single rounds of either vary by half), with the
# medians of each side beside it.
# The server runs on the embedded defaults (H2) in a temporary data directory on the same disk as the sink's
# file; its multipart and video size limits are set on its command line to fit SIZE_MB (the defaults are 2 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh

SIZE_MB=${SIZE_MB:-1024}
ROUNDS=${ROUNDS:-5}
PORT=${PORT:-18082}
SINK_PORT=${SINK_PORT:-18083}
BASE="http://127.0.0.1:$PORT"

bench_jar
mkdir -p target/bench
# named as a video, as the server accepts only video file names; its bytes are found to be no video afterwards
file="target/bench/upload-${SIZE_MB}m.mp4"
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" != $((SIZE_MB * 1024 * 1024)) ]; then
    head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$file"
fi
work=$(mktemp -d)
trap 'bench_cleanup; rm -rf "$work"' EXIT

limit="$((SIZE_MB + 64))MB"
# shellcheck disable=SC2086
bench_start "$PORT" "$work/server.log" ${JAVA_OPTS:-} -- --atrium.data-dir="$work/data" \
    --spring.servlet.multipart.max-file-size="$limit" --spring.servlet.multipart.max-request-size="$limit" \
    --atrium.videos.max-file-size="$limit"
atrium=$server
java bench/LoopbackSink.java "$SINK_PORT" "$work/sink.bin" >"$work/sink.log" 2>&1 &
bench_servers+=("$!")
for _ in $(seq 1 60); do grep -q listening "$work/sink.log" 2>/dev/null && break; sleep 0.5; done
key=$(bench_api_key "$BASE" "$work")
index=$(bench_index "$BASE" "$key" "Uploads")

# send URL: the one curl command of both, with the index and key that only the server reads; prints MB/s.
send() {
    local out
    out=$(curl -sS -o "$work/answer" -w '%{http_code} %{size_upload} %{time_total}' -H 'Expect:' \
        -H "x-api-key: $key" -F "index_id=$index" -F "video_file=@$file;type=video/mp4" "$1")
    read -r code bytes seconds <<<"$out"
    case "$code" in 200|201) ;; *) echo "$1 answered $code: $(cat "$work/answer")" >&2; return 1 ;; esac
    awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.1f\n", b / s / 1e6 }'
}
heap_used_kb() {  # after a full GC
    jcmd "$atrium" GC.run >/dev/null
    jcmd "$atrium" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

send "http://127.0.0.1:$SINK_PORT/" >/dev/null
send "$BASE/v1.3/tasks" >/dev/null
sleep 2
before=$(heap_used_kb)
jstat -gc "$atrium" 200 >"$work/jstat.txt" &
sampler=$!
for round in $(seq 1 "$ROUNDS"); do
    send "http://127.0.0.1:$SINK_PORT/" >>"$work/sink.txt"
    send "$BASE/v1.3/tasks" >>"$work/atrium.txt"
done
kill "$sampler"
wait "$sampler" 2>/dev/null || true
after=$(heap_used_kb)
peak=$(awk '$1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f", max }' "$work/jstat.txt")

sink=$(median <"$work/sink.txt")
upload=$(median <"$work/atrium.txt")
echo "$SIZE_MB MiB of random bytes as one video_file part, curl on loopback, $ROUNDS rounds, $(nproc) cores"
echo "loopback sink (writes the body to a file): $(paste -sd' ' "$work/sink.txt") MB/s, median $sink"
echo "POST /v1.3/tasks:                          $(paste -sd' ' "$work/atrium.txt") MB/s, median $upload"
ratios=$(paste -d' ' "$work/atrium.txt" "$work/sink.txt" | awk '{ printf "%.2f\n", $1 / $2 }')
echo "ratio upload / loopback, round by round: $(paste -sd' ' <<<"$ratios")"
echo "ratio upload / loopback: median $(median <<<"$ratios") (goal: at least 0.70); of the medians $(awk -v u="$upload" -v s="$sink" 'BEGIN { printf "%.2f", u / s }')"
awk -v b="$before" -v a="$after" -v p="$peak" 'BEGIN {
    printf "heap after a full GC: %.1f MiB before, %.1f MiB after: growth %.1f MiB (goal: under 64 MiB)\n", b / 1024, a / 1024, (a - b) / 1024
    printf "heap in use while uploading (jstat, 200 ms, garbage included): at most %.1f MiB, %.1f MiB above the start\n", p / 1024, (p - b) / 1024
}'
