#!/usr/bin/env bash
# Incident benchmark (issue 4 §6): on the 200,000-building tree with 1,000,000 incidents, measures
#   - reporting: POST /api/v1/incidents (wrk, report.lua) against the same SQL transaction through pgbench
#     (report.sql), alternating, same clients and durations, and against report-limit.sh of ../shared/bench
#     (PostgreSQL alone doing what any report must do) in the same rounds (issue 18 target: endpoint >= 0.5 of
#     report-limit.sh with p99 < 50 ms);
#   - a community's open-incident list: GET /api/v1/incidents?status=<open>&limit=20 as its COMMUNITY_ADMIN
#     (wrk, list.lua), issue 18 target p99 under 20 ms and >= 1,000 lists a second, with the EXPLAIN ANALYZE of the
#     list query.
# Appends a dated section to bench/incidents/RESULTS.md. See bench/incidents/README.md.
#
# Usage: bench/incidents/run.sh [--duration S] [--warmup S] [--connections N] [--threads N] [--rounds N]
#                               [--list-duration S] [--list-connections N] [--incidents N] [--no-wait]
#                               [--reporters N] [--jfr FILE]
#   --jfr FILE: a JFR profile of the server during the measured wrk report rounds (FILE-round<N>.jfr), its summary
#   in RESULTS.md (bench/jfr-top.py)
#   --reporters N: grid workers taking turns to report (default: one per connection); each has its own rate-limit
#   row, as the reporters of a county do (one worker for the whole load serialises every report on one row)
# Env: BENCH_DB (gridgov_bench), BENCH_PORT (18081), PGHOST/PGPORT/PGUSER, BENCH_RESULTS, BENCH_JAVA_OPTS,
#      BENCH_LIMITS (the directory of report-limit.sh, default ../shared/bench next to the checkout).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/incidents"
work="$root/bench/results/tmp/incidents"
mkdir -p "$work"

DB="${BENCH_DB:-gridgov_bench}"
PORT="${BENCH_PORT:-18081}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
JAR="$root/backend/target/quarkus-app/quarkus-run.jar"
LOCATE_SQL="$root/backend/src/main/resources/region/locate.sql"
NEAREST_SQL="$root/backend/src/main/resources/region/nearest-building.sql"
BASE="http://127.0.0.1:$PORT"
# health and metrics: the management interface, a port of its own in production builds
MANAGEMENT_BASE="http://127.0.0.1:$((PORT + 1000))"
OPEN_STATUSES="REPORTED,ACCEPTED,DISPATCHED,IN_PROGRESS,SUSPENDED"
LIMITS="${BENCH_LIMITS:-$root/../shared/bench}"

duration=30 warmup=120 connections=16 threads=2 rounds=2 list_duration=30 list_connections=4 n_incidents=1000000
wait_other=1 jfr="" reporters=""
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --threads) threads="$2"; shift ;;
        --rounds) rounds="$2"; shift ;;
        --list-duration) list_duration="$2"; shift ;;
        --list-connections) list_connections="$2"; shift ;;
        --incidents) n_incidents="$2"; shift ;;
        --no-wait) wait_other=0 ;;
        --jfr) jfr="$2"; shift ;;
        --reporters) reporters="$2"; shift ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

reporters="${reporters:-$connections}"
. "$root/bench/lib.sh"
declare -A load_at

# ------------------------------------------------------------------ prerequisites
command -v pgbench >/dev/null || die "pgbench missing (Debian: postgresql-client)"
command -v jq >/dev/null || die "jq missing"
if [ -n "$jfr" ]; then
    command -v jcmd >/dev/null && command -v jfr >/dev/null || die "--jfr needs the JDK's jcmd and jfr"
    command -v python3 >/dev/null || die "--jfr needs python3 (bench/jfr-top.py)"
    case "$jfr" in /*) ;; *) jfr="$PWD/$jfr" ;; esac
    rm -f "${jfr%.jfr}"-round*.jfr
fi
ensure_wrk
ensure_jar

# ------------------------------------------------------------------ the tree
buildings=$(q -c "SELECT count(*) FROM region WHERE level = 'BUILDING'" 2>/dev/null || echo 0)
if [ "$buildings" != 200000 ]; then
    log "$DB holds $buildings buildings: importing the tree with the locate benchmark first"
    BENCH_DB="$DB" BENCH_PORT="$PORT" "$root/bench/locate/run.sh" --import-only
fi

trap stop_server EXIT

# ------------------------------------------------------------------ server (Flyway migrates the incident tables)
# the first admin exists from the first run on: keep its password (and the other accounts') in $work
admin_user=bench-incidents-admin
admin_password=$(secret admin)
load_at[start]=$(loadavg)
# The reporters' rate limit (60 an hour each) is lifted for the load; their counters are still kept.
# shellcheck disable=SC2086
server_wait=180 start_server -Dgridgov.incident.reports-per-user=1000000000 ${jfr:+-XX:FlightRecorderOptions:stackdepth=512} ${BENCH_JAVA_OPTS:-}

# ------------------------------------------------------------------ 1,000,000 incidents, once
seed_incidents "$n_incidents"
counts=$(q -F ' ' -c "SELECT status, count(*) FROM incident GROUP BY status ORDER BY 2 DESC" | tr '\n' ',' | sed 's/,$//; s/,/, /g')
log "incidents by status: $counts"

# ------------------------------------------------------------------ accounts
admin_token=$(login "$admin_user" "$admin_password") || die "login as $admin_user failed"
# the community with the most open incidents: its admin's list is the one measured
community_id=$(busiest_community)
community_open=$(q -c "SELECT count(*) FROM incident WHERE community_id = $community_id
    AND status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','SUSPENDED')")
# A grid worker reports (any staff member may; the point need not lie in their scope). On the same community,
# so their own reports land in the list measured below, as they would.
worker_id=$(ensure_staff bench-incidents-worker GRID_WORKER "$community_id")
# the reporters of the load: this worker and more on the same community, each with their own rate-limit row
reporter_names=(bench-incidents-worker)
reporter_ids=("$worker_id")
for n in $(seq 2 "$reporters"); do
    reporter_names+=("bench-incidents-worker-$n")
    reporter_ids+=("$(ensure_staff "bench-incidents-worker-$n" GRID_WORKER "$community_id")")
done
cadmin_id=$(ensure_staff bench-incidents-cadmin COMMUNITY_ADMIN "$community_id")
worker_scope=$(q -c "SELECT ltree2text(path) FROM region WHERE id = $community_id")
log "community $community_id ($community_open open incidents): worker $worker_id, admin $cadmin_id, scope $worker_scope; $reporters reporters (${reporter_ids[*]})"

# ------------------------------------------------------------------ points and categories
# Fixed points inside compounds: 2/3 in building footprints, 1/3 anywhere in a compound (seeded, so the
# same on every run), the same list for wrk and pgbench.
points="$work/points.csv"
report_points "$points"
categories=$(q -c "SELECT string_agg(code, ',' ORDER BY code) FROM incident_category WHERE parent_id IS NOT NULL AND active")

# one report by hand: it must work before anything is measured
sample=$(head -1 "$points")
code=$(curl -sS -o "$work/report-sample.json" -w '%{http_code}' -H "Authorization: Bearer $(login bench-incidents-worker "$(secret bench-incidents-worker)")" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: sample-$(date +%s%N)" \
    -d "{\"categoryCode\":\"${categories%%,*}\",\"description\":\"压测样例\",\"location\":{\"lng\":${sample%,*},\"lat\":${sample#*,},\"coordType\":\"wgs84\"},\"mediaIds\":[],\"selfResolved\":false}" \
    "$BASE/api/v1/incidents")
log "sample report at $sample -> $code: $(head -c 300 "$work/report-sample.json")"
[ "$code" = 201 ] || die "a report answers $code"

# ------------------------------------------------------------------ pgbench's report.sql
# What the server's tree in memory answers for each point, computed with locate.sql (equal answers: compare.sh): the
# located id, and whether the server then asks nearest-building.sql, with which candidates (the compound's children
# whose box meets the 40 m box around the point, as LocateTree picks them). pgbench reads it by point (report.sql).
sql_text() { grep -v '^[[:space:]]*--' "$1" | sed -e 's/--.*$//' | tr '\n' ' ' | sed -e 's/[[:space:]]\+/ /g' -e 's/;[[:space:]]*$//'; }
q <<SQL
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS bench_report_locate (id int PRIMARY KEY, loc_id bigint NOT NULL, near int NOT NULL,
                                                candidates text NOT NULL);
TRUNCATE bench_report_locate;
INSERT INTO bench_report_locate
SELECT bp.id, coalesce(l.building_id, l.chain_ids[cardinality(l.chain_ids)]),
       CASE WHEN covered.hit OR coalesce(cardinality(cand.ids), 0) = 0 THEN 0 ELSE 1 END,
       coalesce(cand.ids, '{}')::text
FROM bench_report_point bp
CROSS JOIN LATERAL ($(sql_text "$LOCATE_SQL" | sed -e 's/\$1\b/bp.lng/g' -e 's/\$2\b/bp.lat/g')) l
CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM region b WHERE b.level = 'BUILDING'
        AND ST_Covers(b.boundary, ST_SetSRID(ST_MakePoint(bp.lng, bp.lat), 4326))) AS hit) covered
LEFT JOIN LATERAL (SELECT array_agg(c.id ORDER BY c.id) AS ids FROM region c
        WHERE l.chain_levels[cardinality(l.chain_levels)] = 'COMPOUND' AND c.parent_id = l.chain_ids[cardinality(l.chain_ids)]
          AND coalesce(c.boundary, c.position) && ST_Expand(ST_SetSRID(ST_MakePoint(bp.lng, bp.lat), 4326),
                  40.0 / (111320.0 * cos(radians(bp.lat))), 40.0 / 110574.0)) cand ON true;
SQL
near_points=$(q -c "SELECT count(*) FILTER (WHERE near = 1) || ' of ' || count(*) FROM bench_report_locate")
log "points whose report asks nearest-building.sql (in a compound, in no footprint): $near_points"
nearest_sql="$(sql_text "$NEAREST_SQL" | sed -e 's/\$1\b/:lng/g' -e 's/\$2\b/:lat/g' -e 's/\$3\b/:candidates/g')"
{
    echo "\\set i random(1, $(wc -l < "$points"))"
    echo "\\set lng $(case_tree 1 "$points")"
    echo "\\set lat $(case_tree 2 "$points")"
    echo "\\set c random(1, $(tr ',' '\n' <<<"$categories" | wc -l))"
    echo "\\set k random(1, 1000000000000)"
    # client c reports as reporter c mod N (as wrk's requests take turns)
    printf '\\set reporter case'
    for i in "${!reporter_ids[@]}"; do printf ' when :client_id %% %d = %d then %s' "$reporters" "$i" "${reporter_ids[$i]}"; done
    echo ' end'
    sed -e "s/^@NEAREST@$/$(sed -e 's/[&/\]/\\&/g' <<<"$nearest_sql")/" "$here/report.sql"
} > "$work/report.pgbench"

# ------------------------------------------------------------------ runners
clk=$(getconf CLK_TCK)
server_ms() { local f; read -r -a f < "/proc/$server_pid/stat"; echo $(( (f[13] + f[14]) * 1000 / clk )); } # CPU used so far
run_report_wrk() { # $1 seconds, $2 output file
    BENCH_TOKEN="$worker_token" BENCH_TOKENS="$reporter_tokens" BENCH_POINTS="$points" BENCH_CATEGORIES="$categories" BENCH_RUN="wrk$(date +%s%N)" \
        wrk -t"$threads" -c"$connections" -d"$1s" --latency -s "$here/report.lua" "$BASE" > "$2"
    grep '^RESULT' "$2"
}
run_pgbench() { # $1 seconds, $2 output file, $3 clients; prints a RESULT line like wrk's
    rm -f "$work"/pgbench_log*
    ( cd "$work" && pgbench -n -M prepared -c "$3" -j "$threads" -T "$1" -l --log-prefix=pgbench_log \
        -D run="pgb$(date +%s%N)" -D reporter="$worker_id" -D scope="$worker_scope" -D codes="$categories" \
        -f "$work/report.pgbench" "$DB" ) > "$2" 2>&1 || { cat "$2" >&2; die "pgbench failed"; }
    local tps failed
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$2" | head -1)
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$2")
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk -v tps="$tps" -v failed="${failed:-0}" -v secs="$1" '
        { v[NR] = $1 }
        END { printf "RESULT requests=%d seconds=%s rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f failed=%d\n",
              NR, secs, tps, v[int(NR*0.5)]/1000, v[int(NR*0.9)]/1000, v[int(NR*0.99)]/1000, failed }'
    rm -f "$work"/pgbench_log*
}

# ------------------------------------------------------------------ wait for the locate benchmark's server
if [ "$wait_other" = 1 ]; then
    waited=0
    while pgrep -f 'quarkus-run.jar' | xargs -r -I{} cat /proc/{}/cmdline 2>/dev/null | tr '\0' ' ' | grep -q -- '-Dquarkus.http.port=18080'; do
        [ "$waited" = 0 ] && log "another benchmark server runs on :18080: waiting until it ends"
        waited=$((waited + 5)); sleep 5
    done
    [ "$waited" = 0 ] || log "waited $waited s for it"
fi

# ------------------------------------------------------------------ report throughput
worker_token=$(login bench-incidents-worker "$(secret bench-incidents-worker)")   # 15 minutes
reporter_tokens=$(for name in "${reporter_names[@]}"; do login "$name" "$(secret "$name")"; done | paste -sd, -)
load_at[report]=$(loadavg)
# the JVM's warm-up is the longer one: after 60 s of reports the JIT's C2 threads still used 13 % of the machine in
# the measured rounds (session 31's profile); pgbench and the list (on a JVM warmed by the reports) get half of it
short_warmup=$(( warmup / 2 ))
log "warm-up: wrk ${warmup} s, pgbench ${short_warmup} s"
r=$(run_report_wrk "$warmup" "$work/wrk-warmup.txt")
[ "$(field "$r" non2xx)" = 0 ] || die "$(field "$r" non2xx) of $(field "$r" requests) reports failed in the warm-up: $(grep '^FIRST_ERROR' "$work/wrk-warmup.txt" | head -c 600)"
run_pgbench "$short_warmup" "$work/pgbench-warmup.txt" "$connections" > /dev/null
rows=()
sum_wrk_req=0 sum_wrk_s=0 sum_pg_req=0 sum_pg_s=0 errors=0 sum_cpu=0 sum_limit_tps=0 limit_rounds=0 worst_p99=0
for round in $(seq 1 "$rounds"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    log "round $round/$rounds: wrk POST ${duration} s, $threads threads, $connections connections (load $load)"
    before=$(q -c "SELECT count(*) FROM incident")
    # the profile covers the measured report rounds only (not the start, the warm-up, pgbench or the list)
    [ -z "$jfr" ] || jcmd "$server_pid" JFR.start name="report-$round" settings=profile > /dev/null
    cpu_before=$(server_ms)
    r=$(run_report_wrk "$duration" "$work/wrk-$round.txt")
    cpu_used=$(( $(server_ms) - cpu_before ))
    [ -z "$jfr" ] || jcmd "$server_pid" JFR.stop name="report-$round" filename="${jfr%.jfr}-round$round.jfr" > /dev/null
    made=$(( $(q -c "SELECT count(*) FROM incident") - before ))
    n=$(field "$r" requests)
    log "  endpoint: $r; incidents created: $made; server JVM CPU $cpu_used ms ($(printf '%.1f' "$(echo "$cpu_used / $n" | bc -l)") ms per report)"
    sum_cpu=$((sum_cpu + cpu_used))
    sum_wrk_req=$((sum_wrk_req + n)); sum_wrk_s=$(echo "$sum_wrk_s + $(field "$r" seconds)" | bc -l)
    [ "$(echo "$(field "$r" p99_ms) > $worst_p99" | bc -l)" = 1 ] && worst_p99=$(field "$r" p99_ms)
    errors=$((errors + $(field "$r" non2xx) + $(field "$r" socket_errors)))
    rows+=("| $round | POST /api/v1/incidents (wrk) | $load | $(field "$r" rps) req/s | $(field "$r" p50_ms) | $(field "$r" p90_ms) | $(field "$r" p99_ms) | $(field "$r" non2xx) non-2xx, $(field "$r" socket_errors) socket; $made incidents made; server JVM CPU $(printf '%.1f' "$(echo "$cpu_used / $n" | bc -l)") ms per report |")

    load=$(cut -d' ' -f1 /proc/loadavg)
    log "round $round/$rounds: pgbench report.sql ${duration} s, $connections clients (load $load)"
    r=$(run_pgbench "$duration" "$work/pgbench-$round.txt" "$connections")
    log "  report.sql: $r"
    n=$(field "$r" requests)
    sum_pg_req=$((sum_pg_req + n)); sum_pg_s=$(echo "$sum_pg_s + $(field "$r" seconds)" | bc -l)
    errors=$((errors + $(field "$r" failed)))
    rows+=("| $round | report.sql (pgbench) | $load | $(field "$r" rps) tps | $(field "$r" p50_ms) | $(field "$r" p90_ms) | $(field "$r" p99_ms) | $(field "$r" failed) failed |")

    if [ -f "$LIMITS/report-limit.sh" ]; then
        load=$(cut -d' ' -f1 /proc/loadavg)
        log "round $round/$rounds: report-limit.sh ${duration} s, $connections clients (load $load)"
        bash "$LIMITS/report-limit.sh" "$duration" "$connections" > "$work/limit-$round.txt" 2>&1 || { cat "$work/limit-$round.txt" >&2; die "report-limit.sh failed"; }
        limit_tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$work/limit-$round.txt" | head -1)
        limit_lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$work/limit-$round.txt" | head -1)
        log "  report-limit.sh: $limit_tps tps, latency average $limit_lat ms"
        sum_limit_tps=$(echo "$sum_limit_tps + $limit_tps" | bc -l); limit_rounds=$((limit_rounds + 1))
        rows+=("| $round | report-limit.sh (pgbench, ../shared/bench) | $load | $limit_tps tps | – | – | – | latency average $limit_lat ms |")
    fi
done
first_error=$(sed -n 's/^FIRST_ERROR //p' "$work"/wrk-*.txt | head -1)
wrk_rps=$(printf '%.1f' "$(echo "$sum_wrk_req / $sum_wrk_s" | bc -l)")
pg_tps=$(printf '%.1f' "$(echo "$sum_pg_req / $sum_pg_s" | bc -l)")
ratio=$(printf '%.2f' "$(echo "$wrk_rps / $pg_tps" | bc -l)")
if [ "$limit_rounds" -gt 0 ]; then
    limit_tps=$(printf '%.1f' "$(echo "$sum_limit_tps / $limit_rounds" | bc -l)")
    limit_ratio=$(printf '%.2f' "$(echo "$wrk_rps / $limit_tps" | bc -l)")
    if [ "$(echo "$limit_ratio >= 0.5 && $worst_p99 < 50" | bc -l)" = 1 ]; then
        report_verdict="PASS (target >= 0.5 of report-limit.sh with p99 < 50 ms)"
    else
        report_verdict="FAIL (target >= 0.5 of report-limit.sh with p99 < 50 ms)"
    fi
    report_verdict="endpoint / report-limit.sh = $wrk_rps / $limit_tps = $limit_ratio, worst round's p99 $worst_p99 ms — $report_verdict"
else
    report_verdict="no report-limit.sh in $LIMITS (BENCH_LIMITS): the target ratio was not measured"
fi
if [ -n "$jfr" ]; then
    log "profile: top frames of ${jfr%.jfr}-round*.jfr"
    python3 "$root/bench/jfr-top.py" "${jfr%.jfr}"-round*.jfr > "$work/jfr-top.md" || die "bench/jfr-top.py failed"
fi
log "report: endpoint $wrk_rps req/s, report.sql $pg_tps tps (ratio $ratio); $report_verdict"

# ------------------------------------------------------------------ the community's open list
cadmin_token=$(login bench-incidents-cadmin "$(secret bench-incidents-cadmin)")
list_path="/api/v1/incidents?status=$OPEN_STATUSES&limit=20"
code=$(curl -sS -o "$work/list-sample.json" -w '%{http_code}' -H "Authorization: Bearer $cadmin_token" "$BASE$list_path")
[ "$code" = 200 ] || { head -c 500 "$work/list-sample.json" >&2; die "the list answers $code"; }
list_items=$(jq '.items | length' "$work/list-sample.json")
community_open=$(q -c "SELECT count(*) FROM incident WHERE community_id = $community_id
    AND status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','SUSPENDED')")
# what the report rounds left to the database is written out first (their dirty pages, tens of thousands of new rows
# and the aggregate's fold), so the list is measured on its own rather than beside the checkpoint of the reports
q -c "CHECKPOINT"
load_at[list]=$(loadavg)
log "list: $list_path as the community admin ($list_items items on the first page, $community_open open in the community)"
BENCH_TOKEN="$cadmin_token" BENCH_PATH="$list_path" wrk -t1 -c"$list_connections" -d"${short_warmup}s" --latency \
    -s "$here/list.lua" "$BASE" > "$work/list-warmup.txt"
BENCH_TOKEN="$cadmin_token" BENCH_PATH="$list_path" wrk -t1 -c"$list_connections" -d"${list_duration}s" --latency \
    -s "$here/list.lua" "$BASE" > "$work/list.txt"
lr=$(grep '^RESULT' "$work/list.txt")
log "  list: $lr"
[ "$(echo "$(field "$lr" p99_ms) < 20 && $(field "$lr" rps) >= 1000" | bc -l)" = 1 ] && list_verdict="PASS (target p99 < 20 ms, >= 1,000 lists/s)" || list_verdict="FAIL (target p99 < 20 ms, >= 1,000 lists/s)"
errors=$((errors + $(field "$lr" non2xx) + $(field "$lr" socket_errors)))
# the list statements as IncidentSearch builds them (visibility in its list form, Visibility.listSql; the statuses as
# literals; newest first, limit + 1): narrowListStatement, what a list of open incidents sends (the open ones gathered
# first, at most NARROW_CAP + 1), and listStatement, what it falls back to when more match (and what the planner alone
# made of this list before session 31), each prepared and run 7 times first so the plan is the one the pool's cached
# statement would use
select_sql="$(sed -n '/static final String SELECT = """/,/""";/p' "$root/backend/src/main/java/cn/gridgov/incident/IncidentRepository.java" | sed '1d;$d')"
narrow_cap=$(sed -n 's/.*static final int NARROW_CAP = \([0-9]*\);.*/\1/p' "$root/backend/src/main/java/cn/gridgov/incident/IncidentSearch.java")
[ -n "$narrow_cap" ] || die "NARROW_CAP not found in IncidentSearch.java"
list_where="(i.reporter_id = \$1 OR i.assignee_id = \$1 OR (\$2::text IS NOT NULL AND i.region_path <@ text2ltree(\$2::text)) OR i.id = ANY (ARRAY(SELECT dc.incident_id FROM department_call dc JOIN staff_account sa ON sa.department_id = dc.department_id WHERE sa.user_id = \$1 AND sa.active))) AND i.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED')"
narrow_sql="WITH m AS MATERIALIZED (SELECT i.id FROM incident i JOIN incident_category c ON c.id = i.category_id WHERE $list_where LIMIT $((narrow_cap + 1)))
SELECT l.*, (SELECT count(*) FROM m) AS narrowed FROM ($select_sql WHERE i.id IN (SELECT id FROM m ORDER BY id DESC LIMIT \$3)) l ORDER BY l.id DESC"
plain_sql="$select_sql WHERE $list_where ORDER BY i.id DESC LIMIT \$3"
args="$cadmin_id, '$worker_scope', 21"
probe() {
    q <<SQL | sed '/^[0-9]\+|/d'
PREPARE list_probe(bigint, text, int) AS $1;
$(for _ in 1 2 3 4 5 6 7; do echo "EXECUTE list_probe($args);"; done)
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list_probe($args);
SQL
}
list_plan=$(probe "$narrow_sql")
plain_plan=$(probe "$plain_sql")

# ------------------------------------------------------------------ results
load_at[end]=$(loadavg)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')
java_v=$(java -version 2>&1 | head -1)
pg_v=$(q -c "SHOW server_version")
postgis_v=$(q -c "SELECT postgis_lib_version()")
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
branch=$(git -C "$root" rev-parse --abbrev-ref HEAD 2>/dev/null || echo unknown)
total=$(q -c "SELECT count(*) FROM incident")
{
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — commit $commit ($branch)"
    echo
    echo "- Machine: $(nproc) cores ($cpu), RAM $mem; shared with other work (builds, tests, other benchmarks) — load average (1/5/15 min) at server start ${load_at[start]}, before the report rounds ${load_at[report]}, before the list ${load_at[list]}, at the end ${load_at[end]}"
    echo "- Versions: $java_v; PostgreSQL $pg_v; PostGIS $postgis_v; $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(pgbench --version)"
    echo "- Data: 200,000-building tree; $total incidents at the end ($counts at the start); seed: $seed_note"
    echo "- Server start: ${server_start_s} s. Reporters: $reporters GRID_WORKERs taking turns (${reporter_ids[*]}) on community $community_id; points: $(wc -l < "$points") fixed (2/3 in buildings, 1/3 in compounds), $(tr ',' '\n' <<<"$categories" | wc -l) leaf categories"
    echo "- Report phases: ${duration} s each after one warm-up of each (wrk ${warmup} s, pgbench ${short_warmup} s; the list ${short_warmup} s); wrk -t$threads -c$connections; pgbench -M prepared -c$connections -j$threads; $rounds rounds, alternating"
    [ -n "${BENCH_JAVA_OPTS:-}" ] && echo "- Server started with: \`${BENCH_JAVA_OPTS}\`"
    echo
    echo "| round | what | load | throughput | p50 ms | p90 ms | p99 ms | errors |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo "| – | GET $list_path as COMMUNITY_ADMIN (wrk -t1 -c$list_connections, ${list_duration} s) | $(cut -d' ' -f1 <<<"${load_at[list]}") | $(field "$lr" rps) req/s | $(field "$lr" p50_ms) | $(field "$lr" p90_ms) | $(field "$lr" p99_ms) | $(field "$lr" non2xx) non-2xx, $(field "$lr" socket_errors) socket |"
    echo
    [ "$errors" = 0 ] || echo "- **Warning: $errors errors during the runs; first error answer: \`${first_error:-none from wrk}\`**"
    echo "- **Report: $report_verdict**; endpoint / report.sql (pgbench) = $wrk_rps / $pg_tps = $ratio; the server JVM used $(printf '%.1f' "$(echo "$sum_cpu / $sum_wrk_req" | bc -l)") ms of CPU per report"
    echo "- **Community open list ($community_open open incidents in the community, $list_items on the page): p99 $(field "$lr" p99_ms) ms, $(field "$lr" rps) lists/s — $list_verdict**"
    echo
    if [ -n "$jfr" ]; then
        echo "<details><summary>Where the server's CPU went during the report rounds (JFR, settings=profile; bench/jfr-top.py of $(basename "${jfr%.jfr}")-round*.jfr)</summary>"
        echo
        cat "$work/jfr-top.md"
        echo "</details>"
        echo
    fi
    echo "<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the list statement (narrowListStatement, what the endpoint sends; prepared, 8th execution)</summary>"
    echo
    echo '```'
    echo "$list_plan"
    echo '```'
    echo "</details>"
    echo
    echo "<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the plain list statement (listStatement, the fallback when more than $narrow_cap match; the planner's own choice for this list; prepared, 8th execution)</summary>"
    echo
    echo '```'
    echo "$plain_plan"
    echo '```'
    echo "</details>"
} >> "$RESULTS"
log "results appended to $RESULTS"
