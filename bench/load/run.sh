#!/usr/bin/env bash
# Sustained load (issue 15 §4): a mixed workload at fixed rates for --minutes on the 200,000-building county with
# a million incidents — locate, photo upload, report, the community's open list, transitions through the handling
# loop, feed clients — with every request's latency, the errors, the server's resident memory every 5 s and the
# database's growth per report. Appends a dated section to bench/load/RESULTS.md and writes its plot (SVG: p50/p99
# per operation per 10 s, resident memory) beside it. See bench/load/README.md.
#
# Usage: bench/load/run.sh [--minutes N] [--warmup S] [--scale X] [--feed-clients N] [--photo-share F]
#                          [--incidents N]
#   --minutes       measured minutes (default 10), after --warmup seconds (default 60) of the same load
#   --scale         multiplies every rate (default 1: locate 50/s, list 20/s, report 5/s, transition 5/s)
#   --feed-clients  WebSocket feed clients (default 50) as the community admin: every event reaches each of them
#   --photo-share   the share of reports sent after a photo upload attached to them (default 0.5)
#   --incidents     seeded incidents expected (default 1,000,000; seeded once, as bench/incidents/run.sh does)
# Env: BENCH_DB (gridgov_bench), BENCH_PORT (18082), PGHOST/PGPORT/PGUSER, BENCH_RESULTS, BENCH_JAVA_OPTS (the
#      server's), BENCH_DRIVER_OPTS (LoadDriver's, e.g. --relogin-seconds=30 with a short gridgov.jwt.access-token-ttl).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/load"
work="$root/bench/results/tmp/load"
mkdir -p "$work"

DB="${BENCH_DB:-gridgov_bench}"
PORT="${BENCH_PORT:-18082}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
JAR="$root/backend/target/quarkus-app/quarkus-run.jar"
BASE="http://127.0.0.1:$PORT"
MANAGEMENT_BASE="http://127.0.0.1:$((PORT + 1000))"
OPEN_STATUSES="REPORTED,ACCEPTED,DISPATCHED,IN_PROGRESS,SUSPENDED"
SEED=1515

minutes=10 warmup=60 scale=1 feed_clients=50 photo_share=0.5 n_incidents=1000000
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --scale) scale="$2"; shift ;;
        --feed-clients) feed_clients="$2"; shift ;;
        --photo-share) photo_share="$2"; shift ;;
        --incidents) n_incidents="$2"; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
rate() { awk -v r="$1" -v s="$scale" 'BEGIN { printf "%g", r * s }'; }
locate_rate=$(rate 50) list_rate=$(rate 20) report_rate=$(rate 5) transition_rate=$(rate 5)
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')

. "$root/bench/lib.sh"

# ------------------------------------------------------------------ prerequisites
for tool in jq java python3 curl openssl bc; do command -v "$tool" >/dev/null || die "$tool missing"; done
if [ ! -f "$JAR" ]; then
    log "building the server jar"
    (cd "$root/backend" && mvn -B -q -DskipTests package) || die "build failed"
fi
buildings=$(q -c "SELECT count(*) FROM region WHERE level = 'BUILDING'" 2>/dev/null || echo 0)
if [ "$buildings" = 0 ]; then
    log "$DB holds no buildings: importing the tree with the locate benchmark first"
    BENCH_DB="$DB" BENCH_PORT="$PORT" "$root/bench/locate/run.sh" --import-only
    buildings=$(q -c "SELECT count(*) FROM region WHERE level = 'BUILDING'")
fi

# ------------------------------------------------------------------ server, incidents, accounts
server_pid=""
trap stop_server EXIT
admin_user=bench-load-admin
admin_password=$(secret admin)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# One worker reports and uploads for the whole load: their hourly limits are lifted (the counters are still kept);
# every feed client is the one community admin on one address: the per-user and per-address caps are the clients.
# shellcheck disable=SC2086
start_server -Xmx1g -Dgridgov.incident.reports-per-user=1000000000 -Dgridgov.media.uploads-per-user=1000000000 \
    -Dgridgov.notify.feed-max-per-user="$feed_clients" -Dgridgov.notify.feed-max-per-address="$feed_clients" \
    ${BENCH_JAVA_OPTS:-}
seed_incidents "$n_incidents"
admin_token=$(login "$admin_user" "$admin_password") || die "login as $admin_user failed"
community_id=$(busiest_community)
worker_id=$(ensure_staff bench-load-worker GRID_WORKER "$community_id")
cadmin_id=$(ensure_staff bench-load-cadmin COMMUNITY_ADMIN "$community_id")
community_open=$(q -c "SELECT count(*) FROM incident WHERE community_id = $community_id AND status IN ('${OPEN_STATUSES//,/\',\'}')")
log "community $community_id ($community_open open incidents): worker $worker_id, admin $cadmin_id"
# locate: the report points of the whole county (shared with bench/incidents); reports: a point in each building of
# the community (seeded), as its grid worker reports there, so its admin can take them through the handling loop
# (an assignee must serve where the incident is)
points="$work/points.csv"
report_points "$points"
community_points="$work/community-points.csv"
q -F ',' -c "SELECT round(ST_X(p)::numeric, 7), round(ST_Y(p)::numeric, 7) FROM (
        SELECT b.code, (ST_Dump(ST_GeneratePoints(coalesce(b.boundary, ST_Buffer(b.position::geography, 4)::geometry), 1, 54))).geom AS p
        FROM region b JOIN region c ON c.id = $community_id
        WHERE b.level = 'BUILDING' AND b.path <@ c.path) s ORDER BY md5(code)" > "$community_points"
[ -s "$community_points" ] || die "community $community_id has no buildings"
# the categories the community handles itself (16 of the 21 leaves): the others are owned by the town or the county,
# whose desk the community admin is not
categories=$(q -c "SELECT string_agg(code, ',' ORDER BY code) FROM incident_category
    WHERE parent_id IS NOT NULL AND active AND handling_level = 'COMMUNITY'")
incidents_total=$(q -c "SELECT count(*) FROM incident")

# ------------------------------------------------------------------ the load
run="r$(date +%s)"
out="$work/$run"
mkdir -p "$out"
db_before=$(q -c "SELECT pg_database_size(current_database())")
log "load for ${warmup} s + ${minutes} min: locate ${locate_rate}/s, list ${list_rate}/s, report ${report_rate}/s" \
    "(photo on $photo_share), transition ${transition_rate}/s, $feed_clients feed clients; output in $out"
# the live set after a full collection (jcmd GC.class_histogram collects first), at the measured start, every
# $LIVE_EVERY s and at the end: what a leak makes grow, unlike the resident size (the heap grows towards -Xmx before
# collections reclaim it) or the metrics' live data (G1's old generation after young collections only)
LIVE_EVERY="${BENCH_LIVE_EVERY:-150}"
live_set() { jcmd "$server_pid" GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}'; }
( sleep "$warmup"; t0=$(date +%s)
  while kill -0 "$server_pid" 2>/dev/null; do
      echo "$(( $(date +%s) - t0 )),$(live_set)" >> "$out/live.csv"
      sleep "$LIVE_EVERY"
  done ) &
live_sampler=$!
measured_from=$(( $(date +%s) + warmup ))
java -Djava.awt.headless=true -Xmx512m "$here/LoadDriver.java" --base="$BASE" --pid="$server_pid" \
    --metrics="$MANAGEMENT_BASE/q/metrics" \
    --seconds="$seconds" --warmup="$warmup" --out="$out" --run="$run" --seed="$SEED" --clk-tck="$(getconf CLK_TCK)" \
    --locate-rate="$locate_rate" --list-rate="$list_rate" --report-rate="$report_rate" \
    --transition-rate="$transition_rate" --photo-share="$photo_share" --feed-clients="$feed_clients" \
    --points="$points" --report-points="$community_points" --categories="$categories" --list-path="/api/v1/incidents?status=$OPEN_STATUSES&limit=20" \
    --worker=bench-load-worker --worker-password="$(secret bench-load-worker)" --worker-id="$worker_id" \
    --admin=bench-load-cadmin --admin-password="$(secret bench-load-cadmin)" ${BENCH_DRIVER_OPTS:-} 2>&1 | tee "$out/driver.log" >&2
[ "${PIPESTATUS[0]}" = 0 ] || die "the load driver failed, see $out/driver.log"
kill "$live_sampler" 2>/dev/null || true
kill -0 "$server_pid" 2>/dev/null || die "the server exited during the load, see $work/server.log"
echo "$(( $(date +%s) - measured_from )),$(live_set)" >> "$out/live.csv"
db_after=$(q -c "SELECT pg_database_size(current_database())")
reports_made=$(q -c "SELECT count(*) FROM incident WHERE description LIKE '持续负载上报 $run-%'")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------------ the report
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')
jq -n --arg date "$(date -u '+%Y-%m-%d %H:%M UTC')" --arg stamp "$(date -u '+%Y%m%d-%H%M')" \
    --arg commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --arg branch "$(git -C "$root" rev-parse --abbrev-ref HEAD 2>/dev/null || echo unknown)" \
    --arg machine "$(nproc) cores ($cpu), RAM $mem; server -Xmx1g${BENCH_JAVA_OPTS:+ $BENCH_JAVA_OPTS}, started in ${server_start_s} s; driver and PostgreSQL on the same machine" \
    --arg load_before "$load_before" --arg load_after "$load_after" \
    --arg versions "$(java -version 2>&1 | head -1); PostgreSQL $(q -c 'SHOW server_version'); PostGIS $(q -c 'SELECT postgis_lib_version()')" \
    --arg data "$DB: $buildings buildings, $incidents_total incidents at the start ($community_open open in community $community_id, whose admin lists and verifies and whose grid worker reports and handles); seed: $seed_note" \
    --arg rates "locate ${locate_rate}/s (grid worker, $(wc -l < "$points") fixed points), list ${list_rate}/s (GET /api/v1/incidents?status=<open>&limit=20 as the community admin), report ${report_rate}/s (grid worker, at $(wc -l < "$community_points") points: one in each building of the community; $(tr ',' '\n' <<<"$categories" | wc -l) categories the community handles; $photo_share of them after a photo upload: a 1600×1200 JPEG, its bytes in the counters), transition ${transition_rate}/s (ACCEPT, DISPATCH, START, RESOLVE, VERIFY_PASS of the run's own reports), $feed_clients feed clients (latency: arrival − the event's at)" \
    --argjson seed "$SEED" --argjson warmup "$warmup" --argjson seconds "$seconds" \
    --argjson db_bytes_before "$db_before" --argjson db_bytes_after "$db_after" --argjson reports_made "$reports_made" \
    '{date: $date, stamp: $stamp, commit: $commit, branch: $branch, machine: $machine, load_before: $load_before,
      load_after: $load_after, versions: $versions, data: $data, rates: $rates, seed: $seed, warmup: $warmup,
      seconds: $seconds, db_bytes_before: $db_bytes_before, db_bytes_after: $db_bytes_after, reports_made: $reports_made}' \
    > "$out/meta.json"
python3 "$here/report.py" --dir "$out" --results "$RESULTS" > /dev/null
log "results appended to $RESULTS (plot: $(dirname "$RESULTS")/load-$(jq -r .stamp "$out/meta.json").svg)"
