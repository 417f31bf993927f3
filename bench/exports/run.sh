#!/usr/bin/env bash
# Export benchmark (issue 14 §3): streams 1,000,000 incidents as CSV, GeoJSON and .xlsx through
# GET /api/v1/exports/incidents.* and samples the server's resident memory (RSS, from /proc) every 0.2 s while
# each export runs, to show that memory stays flat however many rows go out. Prints and appends to RESULTS.md:
# rows, bytes, seconds, rows/s, and the server's RSS before, peak during, and after each export.
#
# Usage: bench/exports/run.sh [--incidents N] [--formats "csv geojson xlsx"] [--reveal]
# Env: BENCH_DB (gridgov_exports_bench), BENCH_PORT (18091), BENCH_JAR, BENCH_JAVA_OPTS (default -Xmx512m),
#      PGHOST/PGPORT/PGUSER, BENCH_RESULTS.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/exports"
work="$root/bench/results/tmp/exports"
mkdir -p "$work"

DB="${BENCH_DB:-gridgov_exports_bench}"
PORT="${BENCH_PORT:-18091}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
JAR="${BENCH_JAR:-$root/backend/target/quarkus-app/quarkus-run.jar}"
BASE="http://127.0.0.1:$PORT"
MANAGEMENT_BASE="http://127.0.0.1:$((PORT + 1000))"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m}"

n_incidents=1000000 formats="csv geojson xlsx" reveal=""
while [ $# -gt 0 ]; do
    case "$1" in
        --incidents) n_incidents="$2"; shift ;;
        --formats) formats="$2"; shift ;;
        --reveal) reveal="&reveal=true" ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

. "$root/bench/lib.sh"
command -v jq >/dev/null || die "jq missing"
command -v python3 >/dev/null || die "python3 missing (with the cryptography module, for the residents' phones)"
ensure_jar

# ------------------------------------------------------------------ database (the server migrates it)
if ! psql -X -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    log "creating $DB"
    psql -X -q -d postgres -c "CREATE DATABASE $DB"
    q -c "CREATE EXTENSION IF NOT EXISTS postgis" -c "CREATE EXTENSION IF NOT EXISTS ltree" \
      -c "CREATE EXTENSION IF NOT EXISTS pgcrypto"
fi

trap stop_server EXIT

# keys of its own, kept in $work by start_server so the encrypted phones stay readable across runs
admin_user=bench-exports-admin
admin_password=$(secret admin)
server_env=(GRIDGOV_SETUP_REGIONS_FILE="$root/backend/src/main/resources/demo/demo-county.geojson")
start_server

# ------------------------------------------------------------------ 1,000,000 incidents, once
have=$(q -c "SELECT count(*) FROM incident WHERE description LIKE 'bench 导出 #%'")
if [ "$have" -lt "$n_incidents" ]; then
    [ "$have" = 0 ] || die "$DB holds $have seeded incidents, fewer than $n_incidents: drop the database first"
    log "seeding $n_incidents incidents (bench/exports/seed.sql)"
    s=$(date +%s.%N)
    q -v n="$n_incidents" -f "$here/seed.sql"
    python3 "$here/phones.py" "$(cat "$work/pii.key")" | q
    q -c "VACUUM ANALYZE incident" -c "VACUUM ANALYZE app_user"
    log "seeded in $(printf '%.0f' "$(echo "$(date +%s.%N) - $s" | bc)") s"
fi
total=$(q -c "SELECT count(*) FROM incident")

token=$(login "$admin_user" "$admin_password") || die "login failed"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }
mib() { echo $(( $1 / 1024 )); }

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
report="$work/report.md"
{
    echo
    echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $total incidents, server $JAVA_OPTS, $machine"
    echo
    echo "| format | rows | MiB | seconds | rows/s | RSS before (MiB) | RSS peak while streaming (MiB) | RSS after (MiB) |"
    echo "|---|---|---|---|---|---|---|---|"
} > "$report"

for format in $formats; do
    # a small export first, so classes are loaded and the measurement is of the streaming itself
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$BASE/api/v1/exports/incidents.$format?status=REPORTED$reveal"
    before=$(rss_kib)
    samples="$work/rss-$format.txt"
    : > "$samples"
    s=$(date +%s.%N)
    curl -sS -o "$work/export.$format" -D "$work/headers-$format.txt" -w '%{http_code} %{size_download}\n' \
        -H "Authorization: Bearer $token" "$BASE/api/v1/exports/incidents.$format?x=1$reveal" > "$work/curl-$format.txt" &
    curl_pid=$!
    while kill -0 "$curl_pid" 2>/dev/null; do rss_kib >> "$samples"; sleep 0.2; done
    wait "$curl_pid"
    secs=$(echo "$(date +%s.%N) - $s" | bc)
    read -r code bytes < "$work/curl-$format.txt"
    [ "$code" = 200 ] || die "$format export answered $code: $(head -c 300 "$work/export.$format")"
    rows=$(tr -d '\r' < "$work/headers-$format.txt" | awk -F': ' 'tolower($1) == "x-export-rows" {print $2}')
    peak=$(sort -n "$samples" | tail -1)
    after=$(rss_kib)
    line="| $format | $rows | $(( bytes / 1048576 )) | $(printf '%.1f' "$secs") | $(printf '%.0f' "$(echo "$rows / $secs" | bc -l)") | $(mib "$before") | $(mib "$peak") | $(mib "$after") |"
    echo "$line" >> "$report"
    log "$line ($(wc -l < "$samples") RSS samples in $samples)"
    rm -f "$work/export.$format"
done
cat "$report"
cat "$report" >> "$RESULTS"
log "appended to $RESULTS"
