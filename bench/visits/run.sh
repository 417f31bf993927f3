#!/usr/bin/env bash
# Visits benchmark (issue 12 §3 and §6): on 100,000 people in 40,000 rooms of a demo-scale county (seed.sql,
# deterministic), a grid worker's due list
#   - over HTTP: GET /api/v1/visits/due?limit=20 as a GRID_WORKER of one compound (wrk, due.lua), after a warm-up;
#   - in SQL: the same statement (VisitRepository.DUE_PAGE, printed from the compiled class) through pgbench,
#     prepared, for the compound, its community and the whole county;
# with p50/p90/p99, the load average before each part (the machine is shared) and the EXPLAIN ANALYZE of the
# compound's page. Target (issue 12 §6): due list p99 < 50 ms. Appends a dated section to bench/visits/RESULTS.md.
#
# Usage: bench/visits/run.sh [--duration S] [--warmup S] [--connections N] [--sql-only] [--reseed]
# Env: BENCH_DB (gridgov_visits_bench), BENCH_PORT (18091), BENCH_JAR (the packaged server), PGHOST/PGPORT/PGUSER, BENCH_RESULTS, BENCH_JAVA_OPTS,
#      BENCH_CLASSES (class path holding the compiled VisitRepository; default backend/target/classes).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/visits"
work="$root/bench/results/tmp/visits"
mkdir -p "$work"
DB="${BENCH_DB:-gridgov_visits_bench}"
PORT="${BENCH_PORT:-18091}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
JAR="${BENCH_JAR:-$root/backend/target/quarkus-app/quarkus-run.jar}"
BASE="http://127.0.0.1:$PORT"
MANAGEMENT_BASE="http://127.0.0.1:$((PORT + 1000))"
duration=30 warmup=20 connections=4 sql_only=0 reseed=0
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --sql-only) sql_only=1 ;;
        --reseed) reseed=1 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
. "$root/bench/lib.sh"
command -v pgbench >/dev/null || die "pgbench missing (Debian: postgresql-client)"

trap stop_server EXIT
admin_user=bench-visits-admin
JAVA_OPTS="${BENCH_JAVA_OPTS:-}"

# ------------------------------------------------------------------ schema and data, once
psql -X -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 || {
    psql -X -q -d postgres -c "CREATE DATABASE $DB"
    psql -X -q -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS ltree; CREATE EXTENSION IF NOT EXISTS pgcrypto"
}
if [ "$(q -c "SELECT to_regclass('key_group_household') IS NOT NULL")" != t ]; then
    if [ "$sql_only" = 1 ]; then
        log "migrating $DB with psql (no server in --sql-only)"
        for f in $(ls "$root"/backend/src/main/resources/db/migration/V*.sql | sort -V); do q -f "$f" > /dev/null; done
    else
        ensure_jar
        start_server --migrate-only; stop_server
    fi
fi
have=$(q -c "SELECT count(*) FROM person p JOIN region r ON r.id = p.building_id AND r.code LIKE 'BENCH-V-%'")
seed_note="already there ($have people)"
if [ "$reseed" = 1 ] && [ "$have" != 0 ]; then
    die "--reseed: drop $DB first (dropdb $DB), the seed is additive"
fi
if [ "$have" = 0 ]; then
    log "seeding 100,000 people in 40,000 rooms (bench/visits/seed.sql)"
    l=$(loadavg); s=$(date +%s.%N)
    q -f "$here/seed.sql" > "$work/seed.log"
    seed_note="seeded in $(printf '%.1f' "$(echo "$(date +%s.%N) - $s" | bc)") s (load before $l): $(tr '\n' ' ' < "$work/seed.log")"
fi
log "$seed_note"

# the compound with the most key-group households, its community, the county
compound=$(q -c "SELECT c.id FROM key_group_household g JOIN region b ON b.id = g.building_id
    JOIN region c ON c.id = b.parent_id WHERE c.code LIKE 'BENCH-V-%' GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1")
scope_compound=$(q -c "SELECT ltree2text(path) FROM region WHERE id = $compound")
scope_community=$(q -c "SELECT ltree2text(subpath(path, 0, nlevel(path) - 1)) FROM region WHERE id = $compound")
scope_county=$(q -c "SELECT ltree2text(path) FROM region WHERE code = 'BENCH-V'")
in_compound=$(q -c "SELECT count(*) FROM key_group_household g JOIN region b ON b.id = g.building_id WHERE b.path <@ '$scope_compound'")

# ------------------------------------------------------------------ the SQL, as the server renders it
classes="${BENCH_CLASSES:-$root/backend/target/classes}"
[ -n "${BENCH_CLASSES:-}" ] || [ -f "$classes/cn/gridgov/people/visit/VisitRepository.class" ] \
    || (cd "$root" && mvn -B -q -o -pl backend compile) || die "build failed"
for page in DUE_PAGE DUE_PAGE_WIDE; do
    java --class-path "$classes" "$here/PrintSql.java" "$page" > "$work/$page.raw" || die "printing the SQL failed"
    sed -e 's/\$1/(:scope)/g' -e 's/\$2/(NULL)/g' -e 's/\$3/(NULL)/g' -e 's/\$4/(20)/g' "$work/$page.raw" \
        | tr '\n' ' ' | sed 's/$/;\n/' > "$work/$page.pgbench"
done

run_pgbench() { # $1 label, $2 scope, $3 statement -> RESULT line
    rm -f "$work"/pgbench_log*
    ( cd "$work" && pgbench -n -M prepared -c 1 -T "$duration" -l --log-prefix=pgbench_log -D scope="$2" \
        -f "$work/$3.pgbench" "$DB" ) > "$work/pgbench-$1.txt" 2>&1 || { cat "$work/pgbench-$1.txt" >&2; die "pgbench failed"; }
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk -v label="$1" -v secs="$duration" '
        { v[NR] = $1 }
        END { printf "RESULT %s requests=%d seconds=%s p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f\n",
              label, NR, secs, v[int(NR*0.5)]/1000, v[int(NR*0.9)]/1000, v[int(NR*0.99)]/1000 }'
    rm -f "$work"/pgbench_log*
}

results=()
if [ "$sql_only" = 0 ]; then
    command -v wrk >/dev/null || die "wrk missing (Debian: wrk)"
    command -v jq >/dev/null || die "jq missing"
    ensure_jar
    start_server
    admin_token=$(login "$admin_user" "$(secret admin)") || die "login as $admin_user failed"
    ensure_staff bench-visits-worker GRID_WORKER "$compound" worker > /dev/null
    token=$(login bench-visits-worker "$(secret worker)")
    curl -fsS -H "Authorization: Bearer $token" "$BASE/api/v1/visits/due?limit=3" > "$work/sample.json" \
        || die "the due list answers an error"
    log "sample: $(head -c 300 "$work/sample.json")"
    log "warm-up: wrk $warmup s"
    BENCH_TOKEN="$token" BENCH_PATH="/api/v1/visits/due?limit=20" wrk -t1 -c"$connections" -d"${warmup}s" --latency \
        -s "$here/due.lua" "$BASE" > "$work/wrk-warmup.txt"
    load_http=$(loadavg)
    BENCH_TOKEN="$token" BENCH_PATH="/api/v1/visits/due?limit=20" wrk -t1 -c"$connections" -d"${duration}s" --latency \
        -s "$here/due.lua" "$BASE" > "$work/wrk.txt"
    results+=("HTTP GET /api/v1/visits/due?limit=20 as the compound's grid worker, $connections connections, load before $load_http: $(grep '^RESULT' "$work/wrk.txt")")
    stop_server
fi
# the server's choice (VisitRepository.due): by building first for a community or below, by due time above
for s in compound:DUE_PAGE community:DUE_PAGE county:DUE_PAGE_WIDE; do
    var="scope_${s%%:*}"
    l=$(loadavg)
    results+=("SQL ${s#*:} (20 rows) of the ${s%%:*}, pgbench 1 client, load before $l: $(run_pgbench "${s%%:*}" "${!var}" "${s#*:}")")
done
q -c "EXPLAIN (ANALYZE, BUFFERS) $(sed -e "s/(:scope)/('$scope_compound')/g" -e 's/;$//' "$work/DUE_PAGE.pgbench")" > "$work/explain.txt"

{
    echo
    echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname) ($(nproc) cores), load $(loadavg)"
    echo
    echo "Data: $seed_note. Compound $compound holds $in_compound key-group households."
    echo
    for r in "${results[@]}"; do echo "- $r"; done
    echo
    echo '```'
    cat "$work/explain.txt"
    echo '```'
} >> "$RESULTS"
log "results appended to $RESULTS"
printf '%s\n' "${results[@]}"
