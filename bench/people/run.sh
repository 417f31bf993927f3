#!/usr/bin/env bash
# People benchmark (issue 12 §6, the roster half): 100,000 people and 40,000 rooms in the demo-scale county
# (seed.sql + pii.py, deterministic), then GET /api/v1/buildings/{id}/roster?limit=50 through wrk (one page of 50
# households with their people, ID numbers and phones decrypted and masked) for 20 buildings in turn, after a JVM
# warm-up, beside pgbench of the same SQL (roster.sql), same clients and duration. Target: the endpoint's p99 < 50 ms.
# Appends a dated section with the machine and its load average to bench/people/RESULTS.md.
#
# Usage: bench/people/run.sh [--duration S] [--warmup S] [--connections N]
# Env: BENCH_DB (gridgov_people_bench), BENCH_PORT (18093), BENCH_JAR, BENCH_JAVA_OPTS (default -Xmx512m),
#      PGHOST/PGPORT/PGUSER, BENCH_RESULTS.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/people"
work="$root/bench/results/tmp/people"
mkdir -p "$work"

DB="${BENCH_DB:-gridgov_people_bench}"
PORT="${BENCH_PORT:-18093}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
JAR="${BENCH_JAR:-$root/backend/target/quarkus-app/quarkus-run.jar}"
BASE="http://127.0.0.1:$PORT"
MANAGEMENT_BASE="http://127.0.0.1:$((PORT + 1000))"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m}"

duration=30 warmup=30 connections=4 threads=2
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

. "$root/bench/lib.sh"
for tool in jq wrk pgbench python3; do command -v "$tool" >/dev/null || die "$tool missing"; done
python3 -c 'import cryptography' 2>/dev/null || die "python3's cryptography module missing (Debian: python3-cryptography)"
ensure_jar

# ------------------------------------------------------------------ database (the server migrates it)
if ! psql -X -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    log "creating $DB"
    psql -X -q -d postgres -c "CREATE DATABASE $DB"
    q -c "CREATE EXTENSION IF NOT EXISTS postgis" -c "CREATE EXTENSION IF NOT EXISTS ltree" \
      -c "CREATE EXTENSION IF NOT EXISTS pgcrypto"
fi

trap stop_server EXIT

# keys of its own, kept in $work by start_server so the encrypted values stay readable across runs
admin_user=bench-people-admin
admin_password=$(secret admin)
server_env=(GRIDGOV_SETUP_REGIONS_FILE="$root/backend/src/main/resources/demo/demo-county.geojson")
start_server

# ------------------------------------------------------------------ 40,000 rooms and 100,000 people, once
have=$(q -c "SELECT count(*) FROM person")
seed_note="already there ($have people)"
if [ "$have" = 0 ]; then
    log "seeding rooms, households and people (bench/people/seed.sql, pii.py)"
    s=$(date +%s.%N)
    q -f "$here/seed.sql" > "$work/seed.log"
    python3 "$here/pii.py" "$(cat "$work/pii.key")" "$(cat "$work/pii-hash.key")" | q > "$work/pii.log"
    seed_note="seeded in $(printf '%.0f' "$(echo "$(date +%s.%N) - $s" | bc)") s"
    log "$seed_note"
fi
counts=$(q -c "SELECT (SELECT count(*) FROM room) || ' rooms, ' || (SELECT count(*) FROM household) || ' households, ' \
    || (SELECT count(*) FROM person) || ' people in ' || (SELECT count(*) FROM region WHERE level = 'BUILDING') || ' buildings'")

# 20 buildings spread over the county (every 18th by code among those with households: a tenth of the seeded
# buildings are wholly vacant, and an empty roster measures nothing)
q -c "SELECT id || ',' FROM (SELECT id, row_number() OVER (ORDER BY code) AS n FROM region r WHERE level = 'BUILDING' \
    AND EXISTS (SELECT 1 FROM household h WHERE h.building_id = r.id)) b WHERE n % 18 = 1 ORDER BY n" > "$work/buildings.txt"
buildings=$(cut -d, -f1 "$work/buildings.txt" | paste -sd,)
n_buildings=$(wc -l < "$work/buildings.txt")

token=$(login "$admin_user" "$admin_password") || die "login failed"
first=$(cut -d, -f1 "$work/buildings.txt" | head -1)
curl -fsS -H "Authorization: Bearer $token" "$BASE/api/v1/buildings/$first/roster?limit=50" > "$work/sample.json" \
    || die "the roster answered an error"
page=$(jq -r '"\(.items | length) households, \([.items[].people | length] | add) people a page"' "$work/sample.json")
[ "$(jq '.items | length' "$work/sample.json")" -gt 0 ] || die "the sample roster is empty: it would measure nothing"
jq -e '[.items[].people[].idNumber] | all(test("^[0-9X]{4}\\*+[0-9X]{4}$"))' "$work/sample.json" >/dev/null \
    || die "an ID number came back unmasked"

# ------------------------------------------------------------------ pgbench's roster.sql
{
    echo "\\set i random(1, $n_buildings)"
    echo "\\set b_id $(case_tree 1 "$work/buildings.txt")"
    grep -v '^--' "$here/roster.sql"
} > "$work/roster.pgbench"

run_wrk() { # $1 seconds, $2 output file
    BENCH_TOKEN="$token" BENCH_BUILDINGS="$buildings" \
        wrk -t"$threads" -c"$connections" -d"$1s" --latency -s "$here/roster.lua" "$BASE" > "$2"
}
run_pgbench() { # $1 seconds, $2 output file; prints a RESULT line like wrk's
    rm -f "$work"/pgbench_log*
    ( cd "$work" && pgbench -n -M prepared -c "$connections" -j "$threads" -T "$1" -l --log-prefix=pgbench_log \
        -f "$work/roster.pgbench" "$DB" ) > "$2" 2>&1 || { cat "$2" >&2; die "pgbench failed"; }
    local tps failed
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$2" | head -1)
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$2")
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk -v tps="$tps" -v failed="${failed:-0}" -v secs="$1" '
        { v[NR] = $1 }
        END { printf "RESULT requests=%d seconds=%s rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f failed=%d\n",
              NR, secs, tps, v[int(NR*0.5)]/1000, v[int(NR*0.9)]/1000, v[int(NR*0.99)]/1000, failed }'
    rm -f "$work"/pgbench_log*
}

log "JVM warm-up: $warmup s of the roster (not measured)"
run_wrk "$warmup" "$work/warmup.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "measuring the endpoint: $duration s, $connections connections"
run_wrk "$duration" "$work/wrk.txt"
endpoint=$(grep '^RESULT' "$work/wrk.txt")
log "endpoint: $endpoint"
log "measuring the SQL (pgbench): $duration s, $connections clients"
sql=$(run_pgbench "$duration" "$work/pgbench.txt")
log "pgbench: $sql"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

p99=$(field "$endpoint" p99_ms)
verdict=$(awk -v p="$p99" 'BEGIN { print (p < 50 ? "met" : "missed") }')
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
report="$work/report.md"
{
    echo
    echo "## $(date -u +%Y-%m-%dT%H:%MZ) — building roster, $counts"
    echo
    echo "Machine: $machine; load average before $load_before, after $load_after; server $JAVA_OPTS; data $seed_note;"
    echo "$page; $connections connections, $duration s after a $warmup s warm-up; $n_buildings buildings in turn."
    echo
    echo "| what | requests | req/s | p50 ms | p90 ms | p99 ms | errors |"
    echo "|---|---|---|---|---|---|---|"
    echo "| GET /api/v1/buildings/{id}/roster?limit=50 | $(field "$endpoint" requests) | $(field "$endpoint" rps) | $(field "$endpoint" p50_ms) | $(field "$endpoint" p90_ms) | $p99 | $(( $(field "$endpoint" non2xx) + $(field "$endpoint" socket_errors) )) |"
    echo "| pgbench roster.sql (same SQL) | $(field "$sql" requests) | $(field "$sql" rps) | $(field "$sql" p50_ms) | $(field "$sql" p90_ms) | $(field "$sql" p99_ms) | $(field "$sql" failed) |"
    echo
    echo "Target p99 < 50 ms: **$verdict**."
} > "$report"
cat "$report"
cat "$report" >> "$RESULTS"
log "appended to $RESULTS"
