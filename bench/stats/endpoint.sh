#!/usr/bin/env bash
# Dashboard benchmark through the server (issue 14 §1): on the benchmark county of bench/incidents (200,000 buildings,
# 1,000,000 seeded incidents), GET /api/v1/stats/overview (default period: the last 30 days) as the county admin and
# as a community admin, through wrk (JVM, HTTP, JWT, JSON), after a warm-up, alternating with pgbench of the same SQL
# (the statements the server sends for one dashboard, printed from the compiled classes by PrintSql.java), same
# clients and duration. Before measuring: pending aggregate deltas folded, and the dashboard's totals compared with a
# count of the incident rows (county and community): the run stops if they differ. Targets: county p95 < 300 ms,
# community p95 < 50 ms. Appends a dated section (machine, load average, pass/fail) to bench/stats/RESULTS.md.
#
# Usage: bench/stats/endpoint.sh [--duration S] [--warmup S] [--connections N] [--rounds N] [--rebuild]
#   --warmup S   JVM warm-up per scope before the rounds, not measured (default 60)
#   --rebuild    rebuild the aggregate from the rows first (V7_93's backfill; minutes for 1,000,000 incidents)
# Env: BENCH_DB (gridgov_bench), BENCH_PORT (18085), BENCH_JAR, BENCH_JAVA_OPTS, BENCH_CLASSES, BENCH_RESULTS,
#      PGHOST/PGPORT/PGUSER.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/stats"
work="$root/bench/results/tmp/stats-endpoint"
mkdir -p "$work"

DB="${BENCH_DB:-gridgov_bench}"
PORT="${BENCH_PORT:-18085}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
JAR="${BENCH_JAR:-$root/backend/target/quarkus-app/quarkus-run.jar}"
BASE="http://127.0.0.1:$PORT"
MANAGEMENT_BASE="http://127.0.0.1:$((PORT + 1000))"
OPEN_STATUSES="'REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','SUSPENDED'"   # IncidentStatus.OPEN
COUNTY_TARGET_MS=300 COMMUNITY_TARGET_MS=50

duration=30 warmup=60 connections=1 rounds=2 rebuild=0
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --rounds) rounds="$2"; shift ;;
        --rebuild) rebuild=1 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

. "$root/bench/lib.sh"
for tool in pgbench jq curl bc; do command -v "$tool" >/dev/null || die "$tool missing"; done
ensure_wrk
ensure_jar
classes="${BENCH_CLASSES:-$root/backend/target/classes}"
[ -f "$classes/cn/gridgov/stats/StatsSql.class" ] || (cd "$root" && mvn -B -q -o -pl backend compile) || die "build failed"
# with the jar's libraries: reading a constant loads (and initialises) its class, whose fields name them
libs="$(dirname "$JAR")/lib"
# the statements, in one JVM (it starts slowly); stmt N prints the Nth
java --class-path "$classes:$libs/main/*:$libs/boot/*" "$here/PrintSql.java" cn.gridgov.identity.auth.TokenVersions#CURRENT \
    cn.gridgov.region.RegionRepository#BY_ID cn.gridgov.region.RegionRepository#CHILDREN OVERVIEW DAYS \
    StatsRateSql#DEPARTMENTS StatsCompactor#FOLD StatsCompactor#DROP_ZEROS > "$work/statements.txt" || die "printing the SQL failed"
stmt() { awk -v n="$1" 'BEGIN { k = 1 } /^--$/ { k++; next } k == n' "$work/statements.txt"; }
declare -A load_at

# ------------------------------------------------------------------ the data: bench/incidents' county
buildings=$(q -c "SELECT count(*) FROM region WHERE level = 'BUILDING'" 2>/dev/null || echo 0)
incidents=$(q -c "SELECT count(*) FROM incident" 2>/dev/null || echo 0)
[ "$buildings" = 200000 ] && [ "$incidents" -ge 1000000 ] \
    || die "$DB holds $buildings buildings and $incidents incidents: run BENCH_DB=$DB bench/incidents/run.sh first"

# ------------------------------------------------------------------ the aggregate (V7_93), folded and checked
migration="$root/backend/src/main/resources/db/migration/V7_93__stats_daily_aggregate.sql"
aggregate_note=""
pending=$(q -c "SELECT count(*) FROM stats_delta")
# A seed through the triggers leaves millions of deltas (bench/incidents/seed.sql before it turned the insert
# trigger off: 16.6 million for 1,000,000 incidents); rebuilding from the rows is then quicker than folding them.
if [ "$pending" -gt 2000000 ] && [ "$rebuild" = 0 ]; then
    log "$pending aggregate deltas pending: rebuilding instead of folding them"
    rebuild=1
fi
if [ "$rebuild" = 1 ]; then
    log "rebuilding the aggregate from $incidents incidents (V7_93's backfill)"
    l=$(loadavg); s=$(date +%s.%N)
    { echo "TRUNCATE stats_day, stats_delta_batch;"; sed -n '/^SET LOCAL work_mem/,$p' "$migration"; } | q -1 > /dev/null
    q -c "VACUUM ANALYZE stats_day"   # the visibility map, for the dashboard's index-only scans
    aggregate_note="$pending deltas pending; rebuilt by V7_93's backfill in $(printf '%.0f' "$(echo "$(date +%s.%N) - $s" | bc)") s (load before $l); "
fi
# Deltas the compactor has not folded yet (a seed through the triggers leaves millions): folded here with the
# compactor's own statement, in large batches, so the run measures the steady state the compactor keeps.
pending=$(q -c "SELECT count(*) FROM stats_delta")
if [ "$pending" -gt 0 ]; then
    log "folding $pending pending aggregate deltas (StatsCompactor.FOLD)"
    fold=$(stmt 7 | sed 's/\$1/500000/')
    drop_zeros=$(stmt 8)
    l=$(loadavg); s=$(date +%s.%N)
    while [ "$(q -c "SELECT EXISTS (SELECT 1 FROM stats_delta)")" = t ]; do
        q -c "$fold" -c "$drop_zeros" > /dev/null
    done
    q -c "VACUUM ANALYZE stats_day" -c "VACUUM ANALYZE stats_delta_batch"
    aggregate_note="$aggregate_note$pending pending deltas folded in $(printf '%.0f' "$(echo "$(date +%s.%N) - $s" | bc)") s (load before $l); "
fi
aggregate_note="${aggregate_note}stats_day $(q -c "SELECT count(*) FROM stats_day") rows, $(q -c "SELECT pg_size_pretty(pg_total_relation_size('stats_day'))")"
log "aggregate: $aggregate_note"

# ------------------------------------------------------------------ server and accounts
trap stop_server EXIT
admin_user=bench-stats-admin
JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
load_at[start]=$(loadavg)
start_server
clk=$(getconf CLK_TCK)
server_ms() { local f; read -r -a f < "/proc/$server_pid/stat"; echo $(( (f[13] + f[14]) * 1000 / clk )); }

admin_token=$(login "$admin_user" "$(secret admin)") || die "login as $admin_user failed"
# the community with the most open incidents, as bench/incidents chooses the one whose list it measures
community=$(q -c "SELECT community_id FROM incident WHERE status IN ($OPEN_STATUSES)
    GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
cadmin_id=$(ensure_staff bench-stats-cadmin COMMUNITY_ADMIN "$community")
county_user=$(q -c "SELECT user_id FROM staff_account WHERE username = '$admin_user'")
county=$(q -c "SELECT region_id FROM staff_account WHERE username = '$admin_user'")
county_path=$(q -c "SELECT ltree2text(path) FROM region WHERE id = $county")
community_path=$(q -c "SELECT ltree2text(path) FROM region WHERE id = $community")
log "county $county ($county_path) as $admin_user; community $community ($community_path) as bench-stats-cadmin ($cadmin_id)"

tokens() { county_token=$(login "$admin_user" "$(secret admin)"); community_token=$(login bench-stats-cadmin "$(secret bench-stats-cadmin)"); }
tokens
path="/api/v1/stats/overview"
for scope in county community; do
    t="${scope}_token"
    code=$(curl -sS -o "$work/sample-$scope.json" -w '%{http_code}' -H "Authorization: Bearer ${!t}" "$BASE$path")
    [ "$code" = 200 ] || { head -c 500 "$work/sample-$scope.json" >&2; die "the $scope dashboard answers $code"; }
done
from=$(jq -r .from "$work/sample-county.json"); to=$(jq -r .to "$work/sample-county.json")
t0="$from 00:00:00+08"; t1="$(date -d "$to +1 day" +%F) 00:00:00+08"
log "period $from..$to (Asia/Shanghai); dashboards answer 200 ($(wc -c < "$work/sample-county.json") and $(wc -c < "$work/sample-community.json") bytes)"

# ------------------------------------------------------------------ consistency: the dashboard against the rows
# The node's totals, each status and source, and each child's received and open, from the JSON and counted from the
# incident rows (with their supervision marks); zero lines dropped on both sides. Each scope is asked up to 3 times:
# the server's supervision job may mark an incident between the two reads.
from_json() {
    jq -r '.figures as $f | "received \($f.received)", "closed \($f.closed)", "closedOnTime \($f.closedOnTime)",
        "rated \($f.rated)", "open \($f.open)", "yellow \($f.yellow)", "red \($f.red)", "supervised \($f.supervised)",
        ($f.byStatus | to_entries[] | "status.\(.key) \(.value)"), ($f.bySource | to_entries[] | "source.\(.key) \(.value)"),
        (.children[] | "child.\(.regionId).received \(.figures.received)", "child.\(.regionId).open \(.figures.open)")' "$1" \
        | grep -v '^\(status\|source\|child\)\..* 0$' | LC_ALL=C sort
}
from_rows() { # $1 path
    q -v path="$1" -v t0="$t0" -v t1="$t1" <<SQL | LC_ALL=C sort
WITH i AS MATERIALIZED (
    SELECT i.status, i.source, i.closed_at, i.deadline_at, i.rating, s.warned_at, s.overdue_at, s.level,
           i.reported_at >= :'t0' AND i.reported_at < :'t1' AS received, i.status IN ($OPEN_STATUSES) AS open,
           CASE WHEN nlevel(i.region_path) > nlevel(:'path') THEN ltree2text(subpath(i.region_path, nlevel(:'path'), 1)) END AS child
    FROM incident i LEFT JOIN incident_supervision s ON s.incident_id = i.id
    WHERE i.region_path <@ text2ltree(:'path')
      AND (i.reported_at >= :'t0' AND i.reported_at < :'t1' OR i.status IN ($OPEN_STATUSES)))
SELECT 'received ' || count(*) FILTER (WHERE received) FROM i
UNION ALL SELECT 'closed ' || count(*) FILTER (WHERE received AND status = 'CLOSED' AND closed_at IS NOT NULL) FROM i
UNION ALL SELECT 'closedOnTime ' || count(*) FILTER (WHERE received AND status = 'CLOSED' AND closed_at <= deadline_at) FROM i
UNION ALL SELECT 'rated ' || count(*) FILTER (WHERE received AND rating IS NOT NULL) FROM i
UNION ALL SELECT 'open ' || count(*) FILTER (WHERE open) FROM i
UNION ALL SELECT 'yellow ' || count(*) FILTER (WHERE open AND warned_at IS NOT NULL AND overdue_at IS NULL) FROM i
UNION ALL SELECT 'red ' || count(*) FILTER (WHERE open AND overdue_at IS NOT NULL) FROM i
UNION ALL SELECT 'supervised ' || count(*) FILTER (WHERE open AND COALESCE(level, 0) > 0) FROM i
UNION ALL SELECT 'status.' || status || ' ' || count(*) FROM i WHERE received GROUP BY status
UNION ALL SELECT 'source.' || source || ' ' || count(*) FROM i WHERE received GROUP BY source
UNION ALL SELECT 'child.' || child || '.received ' || count(*) FROM i WHERE received AND child IS NOT NULL GROUP BY child
UNION ALL SELECT 'child.' || child || '.open ' || count(*) FROM i WHERE open AND child IS NOT NULL GROUP BY child;
SQL
}
declare -A checked
for scope in county community; do
    t="${scope}_token" p="${scope}_path"
    for attempt in 1 2 3; do
        curl -fsS -H "Authorization: Bearer ${!t}" "$BASE$path" > "$work/check-$scope.json" || die "the $scope dashboard failed"
        from_json "$work/check-$scope.json" > "$work/check-$scope.dashboard"
        from_rows "${!p}" > "$work/check-$scope.rows"
        if diff "$work/check-$scope.dashboard" "$work/check-$scope.rows" > "$work/check-$scope.diff"; then
            checked[$scope]="$(wc -l < "$work/check-$scope.rows") figures equal ($(sed -n 's/^received //p' "$work/check-$scope.rows") received, $(sed -n 's/^open //p' "$work/check-$scope.rows") open)"
            break
        fi
        [ "$attempt" = 3 ] && { cat "$work/check-$scope.diff" >&2
            die "the $scope dashboard differs from the incident rows (< dashboard, > rows): rerun with --rebuild, and find the writer that skipped the triggers"; }
        sleep 2
    done
    log "consistency, $scope: ${checked[$scope]}"
done

# ------------------------------------------------------------------ pgbench: what the server sends for one dashboard
# In the server's order: the token version (CurrentAccess), the node within the caller's scope, its children, then
# OVERVIEW, DAYS and the departments' rates, which the server sends at once on three connections (pgbench: one after
# the other, so its transaction is the sum). Parameters as the server binds them; the node's children as it would
# find them. ALL: the six; OVERVIEW: the slowest of the three alone.
oneline() { tr '\n' ' ' | sed -e 's/[[:space:]]\+/ /g' -e 's/$/;\n/'; }
{
    stmt 1 | sed 's/\$1/(:uid)/g' | oneline
    stmt 2 | sed -e 's/\$1/(:node)/g' -e 's/\$2/(:scope)/g' | oneline
    stmt 3 | sed -e 's/\$1/(:node)/g' -e 's/\$2/(:scope)/g' | oneline
    stmt 4 | sed -e 's/\$1/(:ids)/g' -e 's/\$2/(:d0)/g' -e 's/\$3/(:d1)/g' | oneline
    stmt 5 | sed -e 's/\$1/(:node)/g' -e 's/\$2/(:d0)/g' -e 's/\$3/(:d1)/g' | oneline
    stmt 6 | sed -e 's/\$1/(:t0)/g' -e 's/\$2/(:t1)/g' -e 's/\$3/(:path)/g' -e 's/\$4/(NULL)/g' | oneline
} > "$work/ALL.sql"
sed -n 4p "$work/ALL.sql" > "$work/OVERVIEW.sql"
ids() { q -c "SELECT '{' || string_agg(id::text, ',' ORDER BY id) || '}' FROM (SELECT $1 AS id UNION ALL
    SELECT id FROM region WHERE parent_id = $1) n"; }
county_ids=$(ids "$county"); community_ids=$(ids "$community")
county_uid=$county_user community_uid=$cadmin_id
run_pgbench() { # $1 scope, $2 script, $3 seconds, $4 output file -> a RESULT line
    local p="${1}_path" i="${1}_ids" u="${1}_uid" n="$1"
    rm -f "$work"/pgbench_log*
    ( cd "$work" && pgbench -n -M prepared -c "$connections" -j 1 -T "$3" -l --log-prefix=pgbench_log \
        -D uid="${!u}" -D node="${!n}" -D scope="${!p}" -D path="${!p}" -D ids="${!i}" -D d0="$from" -D d1="$to" \
        -D t0="$t0" -D t1="$t1" -f "$work/$2.sql" "$DB" ) > "$4" 2>&1 || { cat "$4" >&2; die "pgbench failed"; }
    echo "RESULT rps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$4" | head -1) failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$4" | grep . || echo 0) $(pgbench_latencies)"
}
run_wrk() { # $1 scope, $2 seconds, $3 output file -> a RESULT line
    local t="${1}_token"
    BENCH_TOKEN="${!t}" BENCH_PATH="$path" wrk -t1 -c"$connections" -d"$2s" --latency -s "$here/overview.lua" "$BASE" > "$3"
    grep '^RESULT' "$3"
}

# ------------------------------------------------------------------ warm-up, then the rounds
load_at[warmup]=$(loadavg)
for scope in county community; do
    log "warm-up: $scope dashboard, wrk $warmup s, then pgbench $((warmup / 4)) s (not measured)"
    r=$(run_wrk "$scope" "$warmup" "$work/wrk-warmup-$scope.txt")
    [ "$(field "$r" non2xx)" = 0 ] || die "errors in the warm-up: $(grep '^FIRST_ERROR' "$work/wrk-warmup-$scope.txt" | head -c 400)"
    run_pgbench "$scope" ALL "$((warmup / 4))" "$work/pgbench-warmup-$scope.txt" > /dev/null
done
rows=() errors=0
declare -A worst_p95=([county]=0 [community]=0)
for round in $(seq 1 "$rounds"); do
    tokens   # 15 minutes each
    for scope in county community; do
        load=$(cut -d' ' -f1 /proc/loadavg); cpu_before=$(server_ms)
        r=$(run_wrk "$scope" "$duration" "$work/wrk-$round-$scope.txt")
        cpu=$(( $(server_ms) - cpu_before ))
        log "round $round, $scope: endpoint $r (load $load)"
        errors=$((errors + $(field "$r" non2xx) + $(field "$r" socket_errors)))
        [ "$(echo "$(field "$r" p95_ms) > ${worst_p95[$scope]}" | bc -l)" = 1 ] && worst_p95[$scope]=$(field "$r" p95_ms)
        rows+=("| $round | $scope | GET $path (wrk) | $load | $(field "$r" rps) req/s | $(field "$r" p50_ms) | $(field "$r" p95_ms) | $(field "$r" p99_ms) | $(field "$r" max_ms) | $(field "$r" non2xx) non-2xx, $(field "$r" socket_errors) socket; server JVM CPU $(printf '%.1f' "$(echo "$cpu / $(field "$r" requests)" | bc -l)") ms a request |")
        for s in ALL OVERVIEW; do
            load=$(cut -d' ' -f1 /proc/loadavg)
            r=$(run_pgbench "$scope" "$s" "$duration" "$work/pgbench-$round-$scope-$s.txt")
            log "round $round, $scope: pgbench $s $r (load $load)"
            errors=$((errors + $(field "$r" failed)))
            rows+=("| $round | $scope | pgbench $s | $load | $(field "$r" rps) tps | $(field "$r" p50_ms) | $(field "$r" p95_ms) | $(field "$r" p99_ms) | $(field "$r" max_ms) | $(field "$r" failed) failed |")
        done
    done
done
load_at[end]=$(loadavg)

verdict() { # $1 scope, $2 target ms
    if [ "$(echo "${worst_p95[$1]} < $2" | bc -l)" = 1 ]; then echo "PASS (worst round's p95 ${worst_p95[$1]} ms < $2 ms)"
    else echo "FAIL (worst round's p95 ${worst_p95[$1]} ms, target < $2 ms)"; fi
}
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
children() { jq '.children | length' "$work/sample-$1.json"; }
{
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — through the server (endpoint.sh), commit $commit"
    echo
    echo "- Machine: $(machine); shared with other work — load average (1/5/15 min) at server start ${load_at[start]}, before the warm-up ${load_at[warmup]}, at the end ${load_at[end]}"
    echo "- Versions: $(java -version 2>&1 | head -1); PostgreSQL $(q -c 'SHOW server_version'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(pgbench --version)${JAVA_OPTS:+; server started with \`$JAVA_OPTS\`}"
    echo "- Data ($DB): bench/incidents' county, 200,000 buildings, $(q -c 'SELECT count(*) FROM incident') incidents; aggregate: $aggregate_note"
    echo "- Dashboards: GET $path (default period $from..$to) as COUNTY_ADMIN of county $county ($(children county) towns) and as COMMUNITY_ADMIN of community $community (the one with the most open incidents, $(children community) compounds)"
    echo "- Consistency before measuring, dashboard against a count of the incident rows: county ${checked[county]}; community ${checked[community]}"
    echo "- Each phase $duration s after a warm-up of $warmup s (wrk) and $((warmup / 4)) s (pgbench) per scope; wrk -t1 -c$connections; pgbench -M prepared -c$connections; $rounds rounds, alternating. pgbench ALL: the six statements of one dashboard one after the other (token version, node, children, OVERVIEW, DAYS, departments' rates; the server sends the last three at once); OVERVIEW: that one alone"
    echo
    echo "| round | scope | what | load | rate | p50 ms | p95 ms | p99 ms | max ms | errors |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    [ "$errors" = 0 ] || echo "- **Warning: $errors errors during the runs: $(grep -h '^FIRST_ERROR' "$work"/wrk-*.txt | head -1)**"
    echo "- **County dashboard: $(verdict county "$COUNTY_TARGET_MS")**"
    echo "- **Community dashboard: $(verdict community "$COMMUNITY_TARGET_MS")**"
} >> "$RESULTS"
log "appended to $RESULTS: county $(verdict county "$COUNTY_TARGET_MS"); community $(verdict community "$COMMUNITY_TARGET_MS")"
