#!/usr/bin/env bash
# Locate benchmark: imports a 200,000-building county through the API, then measures
# GET /api/v1/regions/locate with wrk and the same SQL (region/locate.sql) with pgbench, on the same points, and
# ../shared/bench/locate-limit.sh (PostgreSQL alone answering the bare point-in-tree query), alternating in the same
# rounds; the issue 18 target is endpoint >= 0.5 of locate-limit.sh. Checks first that the answers are those of the
# statement before issue 18 (compare.sh). Appends a dated section to bench/locate/RESULTS.md. See bench/locate/README.md.
#
# Usage: bench/locate/run.sh [--clean] [--reimport] [--drop-after] [--duration S] [--warmup S]
#                            [--connections N] [--threads N] [--points N] [--rounds N] [--import one|town]
#   --clean        drop and recreate the benchmark database first (the default keeps it for reruns)
#   --reimport     import the tree again even if the database already holds it
#   --drop-after   drop the benchmark database at the end
#   --import       one: the whole tree in one request (default); town: one request per town
#   --import-only  stop after the import (and its checks): no wrk, no pgbench, no RESULTS.md section
# Env: BENCH_DB (gridgov_bench), BENCH_PORT (18080), BENCH_TOKEN (sent as a Bearer token when set),
#      BENCH_TREE (generator options, default the 40x25x10x20 tree), PGHOST/PGPORT/PGUSER,
#      BENCH_RESULTS (RESULTS.md to append to), BENCH_LOCATE_SQL (default backend/src/main/resources/region/locate.sql),
#      BENCH_JAVA_OPTS (extra JVM/-D options for the server, e.g. a config key to try),
#      BENCH_LIMITS (the directory of locate-limit.sh, default ../shared/bench next to the checkout).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/locate"
work="$root/bench/results/tmp/locate"
mkdir -p "$work"

DB="${BENCH_DB:-gridgov_bench}"
PORT="${BENCH_PORT:-18080}"
TREE="${BENCH_TREE:---towns 40 --communities 25 --compounds 10 --buildings 20}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
JAR="$root/backend/target/quarkus-app/quarkus-run.jar"
LOCATE_SQL="${BENCH_LOCATE_SQL:-$root/backend/src/main/resources/region/locate.sql}"
LIMITS="${BENCH_LIMITS:-$root/../shared/bench}"
BASE="http://127.0.0.1:$PORT"
# health and metrics: the management interface, a port of its own in production builds
MANAGEMENT_BASE="http://127.0.0.1:$((PORT + 1000))"

clean=0 reimport=0 drop_after=0 duration=30 warmup=60 connections=16 threads=2 npoints=10000 import_mode=one rounds=2 import_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --clean) clean=1 ;;
        --reimport) reimport=1 ;;
        --drop-after) drop_after=1 ;;
        --duration) duration="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --threads) threads="$2"; shift ;;
        --points) npoints="$2"; shift ;;
        --import) import_mode="$2"; shift ;;
        --rounds) rounds="$2"; shift ;;
        --import-only) import_only=1 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

. "$root/bench/lib.sh"
auth=()
[ -n "${BENCH_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $BENCH_TOKEN")

# ------------------------------------------------------------------ prerequisites
[ -f "$JAR" ] || die "$JAR missing: build first (mvn -B -q -DskipTests package)"
[ -f "$LOCATE_SQL" ] || die "$LOCATE_SQL missing (the locate statement, \$1 = lng, \$2 = lat)"
command -v pgbench >/dev/null || die "pgbench missing (Debian: postgresql-client)"
if ! command -v wrk >/dev/null; then
    log "installing wrk from Debian's packages"
    as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root apt-get install -y -qq wrk >/dev/null 2>&1 || { as_root apt-get update -qq; as_root apt-get install -y -qq wrk >/dev/null; }
fi

server_pid=""
sampler_pid=""
cpu_sampler=""
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
cleanup() {
    [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
    [ -n "$cpu_sampler" ] && kill "$cpu_sampler" 2>/dev/null || true
    if [ -n "$server_pid" ]; then
        log "stopping the server (pid $server_pid)"
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ "$drop_after" = 1 ]; then
        psql -X -qAt -d postgres -c "DROP DATABASE IF EXISTS $DB" || true
    fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ database
if [ "$clean" = 1 ]; then
    log "dropping database $DB"
    psql -X -qAt -d postgres -c "DROP DATABASE IF EXISTS $DB"
fi
if ! psql -X -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    log "creating database $DB"
    psql -X -qAt -d postgres -c "CREATE DATABASE $DB"
fi
q -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS ltree; CREATE EXTENSION IF NOT EXISTS pgcrypto"

# ------------------------------------------------------------------ the tree
tree="$work/tree.geojson"
tree_opts_file="$work/tree.options"
if [ ! -s "$tree" ] || [ "$(cat "$tree_opts_file" 2>/dev/null)" != "$TREE" ]; then
    log "generating the tree: $TREE"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    java "$root/infra/demo/DemoCountyGenerator.java" $TREE > "$tree.part"
    mv "$tree.part" "$tree"
    echo "$TREE" > "$tree_opts_file"
    log "generated $(wc -l < "$tree") lines, $(du -h "$tree" | cut -f1) in $(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
fi
declare -A expected
for level in COUNTY TOWN COMMUNITY COMPOUND BUILDING; do
    expected[$level]=$(grep -c "\"level\":\"$level\"" "$tree")
done
total_features=$(( ${expected[COUNTY]} + ${expected[TOWN]} + ${expected[COMMUNITY]} + ${expected[COMPOUND]} + ${expected[BUILDING]} ))

# One body per town, each with the county first (re-importing the same code is idempotent). The generator
# writes one feature per line, depth first, so a town is the run of lines from its TOWN line to the next.
split_by_town() {
    rm -f "$work"/chunk-*.geojson
    awk -v dir="$work" '
        NR == 1 { next }                                   # {"type":"FeatureCollection","features":[
        /^\]\}/ { next }                                   # ]}
        { sub(/,$/, "") }
        /"level":"COUNTY"/ { county = $0; next }
        /"level":"TOWN"/ {
            if (out) { print "\n]}" > out; close(out) }
            n++; out = sprintf("%s/chunk-%03d.geojson", dir, n)
            printf "{\"type\":\"FeatureCollection\",\"features\":[\n%s", county > out
        }
        { printf ",\n%s", $0 > out }
        END { if (out) { print "\n]}" > out; close(out) } }
    ' "$tree"
}

# ------------------------------------------------------------------ server
# Production-like start: keys of its own (the prod profile refuses the committed dev keys), the county root
# and a first county admin from the initial setup; the admin's token then imports the tree and locates.
county_file="$work/county.geojson"
{ echo '{"type":"FeatureCollection","features":['; grep -m1 '"level":"COUNTY"' "$tree" | sed 's/,$//'; echo ']}'; } > "$county_file"
[ -s "$work/jwt-key.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-key.pem" 2>/dev/null
bench_admin=bench-admin
# the admin is created once per database: keep its password beside the key for later runs
[ -s "$work/admin-password" ] || openssl rand -hex 12 > "$work/admin-password"
bench_password="bench-$(cat "$work/admin-password")"
log "starting the server on :$PORT against $DB"
# shellcheck disable=SC2086
GRIDGOV_DB_NAME="$DB" \
GRIDGOV_JWT_SIGNING_KEY="$work/jwt-key.pem" GRIDGOV_JWT_KEY_ID=bench-1 \
GRIDGOV_PII_ENCRYPTION_KEY="$(openssl rand -base64 32)" GRIDGOV_PII_HASH_KEY="$(openssl rand -base64 32)" \
GRIDGOV_WECHAT_APP_ID=wx-bench GRIDGOV_WECHAT_SECRET=unused \
GRIDGOV_SETUP_REGIONS_FILE="$county_file" GRIDGOV_SETUP_ADMIN_USERNAME="$bench_admin" \
GRIDGOV_SETUP_ADMIN_PASSWORD="$bench_password" \
java -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" -Dquarkus.log.console.json.enabled=false ${BENCH_JAVA_OPTS:-} \
    -jar "$JAR" > "$work/server.log" 2>&1 &
server_pid=$!
start=$(date +%s.%N)
wait_ready
server_start_s=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
log "server ready in ${server_start_s} s"
if [ -z "${BENCH_TOKEN:-}" ]; then
    BENCH_TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
        -d "{\"username\":\"$bench_admin\",\"password\":\"$bench_password\"}" \
        "$BASE/api/v1/auth/staff/login" | jq -r .accessToken) || die "login as $bench_admin failed"
    # access tokens last 15 minutes: long enough for one import and the measured rounds
fi
export BENCH_TOKEN
auth=(-H "Authorization: Bearer $BENCH_TOKEN")

count_levels() {
    q -F ' ' -c "SELECT level, count(*) FROM region GROUP BY level" 2>/dev/null || true
}
have_buildings=$(q -c "SELECT count(*) FROM region WHERE level = 'BUILDING'" 2>/dev/null || echo 0)

# ------------------------------------------------------------------ CPU accounting
# The machine may be shared, so besides throughput the script measures CPU time per locate: the server JVM
# plus the PostgreSQL backends connected to $DB (found by their process title), from /proc. Backends that
# appear during a phase (pgbench's) are sampled every 0.2 s, so up to 0.2 s of their CPU may be missed.
clk=$(getconf CLK_TCK)
backend_pids() { pgrep -f "^postgres: ([^ ]+: )?[^ ]+ $DB " || true; }
# "pid ticks" (user + system); nothing when the process is gone. Pure bash: no fork per process.
ticks_line() { local f; read -r -a f < "/proc/$1/stat" 2>/dev/null && echo "$1 $(( f[13] + f[14] ))"; }
sample_backends() { for p in $(backend_pids); do ticks_line "$p" || true; done; }
cpu_start() {
    sample_backends > "$work/cpu-before"
    ( while :; do sample_backends; sleep 0.2; done ) > "$work/cpu-samples" &
    cpu_sampler=$!
    java_before=$(ticks_line "$server_pid" | cut -d' ' -f2)
}
cpu_stop() { # prints: server_ms backends_ms (CPU time used since cpu_start)
    sample_backends >> "$work/cpu-samples"
    kill "$cpu_sampler" 2>/dev/null; wait "$cpu_sampler" 2>/dev/null || true
    local java_ticks=$(( $(ticks_line "$server_pid" | cut -d' ' -f2) - java_before ))
    local pg_ticks
    pg_ticks=$(awk 'FILENAME == ARGV[1] { before[$1] = $2; next } $2 > max[$1] { max[$1] = $2 }
        END { for (p in max) s += max[p] - (p in before ? before[p] : 0); print s + 0 }' \
        "$work/cpu-before" "$work/cpu-samples")
    echo "$(( java_ticks * 1000 / clk )) $(( pg_ticks * 1000 / clk ))"
}
per_request() { printf '%.3f' "$(echo "$1 / $2" | bc -l)"; } # ms / requests

# ------------------------------------------------------------------ import through the API
import_note="skipped: $DB already held the tree (${have_buildings} buildings); --reimport to redo it"
import_seconds=""
if [ "$reimport" = 1 ] || [ "$have_buildings" != "${expected[BUILDING]}" ]; then
    if [ "$import_mode" = town ]; then
        split_by_town
        chunks=("$work"/chunk-*.geojson)
        how="one per town, each with the county"
    else
        chunks=("$tree")
        how="the whole tree in one request"
    fi
    log "importing $total_features features in ${#chunks[@]} bodies ($how)"
    # Sample what the database is doing during the import, to find slow statements.
    ( while true; do
        psql -X -qAt -d "$DB" -F ' | ' -c "SELECT now()::time(0), state, wait_event_type, wait_event,
               round(extract(epoch FROM now() - query_start)::numeric, 1) || ' s', left(regexp_replace(query, '\s+', ' ', 'g'), 400)
               FROM pg_stat_activity WHERE datname = '$DB' AND state <> 'idle' AND pid <> pg_backend_pid()" 2>/dev/null
        sleep 5
      done ) > "$work/import-activity.log" &
    sampler_pid=$!
    import_start=$(date +%s.%N)
    cpu_start
    n=0
    for chunk in "${chunks[@]}"; do
        n=$((n + 1))
        chunk_start=$(date +%s.%N)
        code=$(curl -sS -o "$work/import-response.json" -D "$work/import-headers.txt" -w '%{http_code}' \
            -X POST "${auth[@]}" -H 'Content-Type: application/json' -H 'Accept: application/json' \
            --data-binary @"$chunk" "$BASE/api/v1/regions/import?coordType=wgs84") || die "POST failed for $chunk"
        case "$code" in
            202)
                location=$(tr -d '\r' < "$work/import-headers.txt" | awk 'tolower($1) == "location:" {print $2}')
                [ -n "$location" ] || location="/api/v1/imports/$(jq -r .importId "$work/import-response.json")"
                case "$location" in http*) ;; *) location="$BASE$location" ;; esac
                while true; do
                    sleep 2
                    curl -sS "${auth[@]}" -H 'Accept: application/json' "$location" > "$work/import-state.json" \
                        || die "polling $location failed"
                    state=$(jq -r '.state' "$work/import-state.json")
                    printf '\r[bench] body %d/%d: %s %s/%s   ' "$n" "${#chunks[@]}" "$state" \
                        "$(jq -r '.processed' "$work/import-state.json")" "$(jq -r '.total' "$work/import-state.json")" >&2
                    case "$state" in
                        SUCCEEDED) break ;;
                        FAILED) echo >&2; cat "$work/import-state.json" >&2; die "import of $chunk failed" ;;
                    esac
                done
                ;;
            2??) ;;
            *) cat "$work/import-response.json" >&2; die "import of $chunk answered $code" ;;
        esac
        printf '\r[bench] body %d/%d done in %.1f s (%d features)          \n' "$n" "${#chunks[@]}" \
            "$(echo "$(date +%s.%N) - $chunk_start" | bc)" "$(grep -c '"type":"Feature"' "$chunk")" >&2
    done
    kill "$sampler_pid" 2>/dev/null || true
    sampler_pid=""
    import_seconds=$(printf '%.1f' "$(echo "$(date +%s.%N) - $import_start" | bc)")
    read -r import_java_ms import_pg_ms < <(cpu_stop)
    import_note="$total_features features in ${#chunks[@]} bodies ($how) in ${import_seconds} s ($(printf '%.0f' "$(echo "$total_features / $import_seconds" | bc -l)") features/s); CPU used: server $(( import_java_ms / 1000 )) s, PostgreSQL $(( import_pg_ms / 1000 )) s"
    log "import done: $import_note"
fi
levels="$(count_levels | sort)"
for level in COUNTY TOWN COMMUNITY COMPOUND BUILDING; do
    got=$(awk -v l="$level" '$1 == l {print $2}' <<<"$levels")
    [ "${got:-0}" = "${expected[$level]}" ] || die "$level: $DB holds ${got:-0}, the tree has ${expected[$level]}"
done
log "the database holds the whole tree: $(tr '\n' ' ' <<<"$levels")"
q -c "ANALYZE region"
if [ "$import_only" = 1 ]; then log "import only: done"; exit 0; fi

# ------------------------------------------------------------------ points
# Fixed points, the same for wrk, pgbench and compare.sh: 60% inside buildings, 30% inside compounds, 10% anywhere
# in the county (points.sql: chosen by a hash of the code and ST_GeneratePoints' seed, so reruns pick the same ones).
points="$work/points.csv"
n_building=$(( npoints * 6 / 10 )) n_compound=$(( npoints * 3 / 10 ))
n_county=$(( npoints - n_building - n_compound ))
q -v n_building="$n_building" -v n_compound="$n_compound" -v n_county="$n_county" -f "$here/points.sql"
q -F ',' -c "SELECT lng, lat FROM bench_point ORDER BY id" > "$points"
log "$(wc -l < "$points") points in $points"

# ------------------------------------------------------------------ what the plan looks like
sample=$(q -F ' ' -c "SELECT lng, lat FROM bench_point WHERE kind = 'building' ORDER BY id LIMIT 1")
sample_lng=${sample% *} sample_lat=${sample#* }
locate_sql="$(sed -e 's/;[[:space:]]*$//' "$LOCATE_SQL")"
plan=$(q <<SQL
PREPARE locate_probe AS $locate_sql;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE locate_probe($sample_lng, $sample_lat);
SQL
)
curl -sS "${auth[@]}" "$BASE/api/v1/regions/locate?lng=$sample_lng&lat=$sample_lat&coordType=wgs84" \
    > "$work/locate-sample.json" || true
sample_status=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" \
    "$BASE/api/v1/regions/locate?lng=$sample_lng&lat=$sample_lat&coordType=wgs84")
log "sample locate ($sample_lng, $sample_lat) -> $sample_status: $(head -c 300 "$work/locate-sample.json")"
[ "$sample_status" = 200 ] || die "locate answers $sample_status for a point inside a building"

# The answers must be those of the statement before issue 18 on every point (the server migrated the database).
log "comparing the answers of locate-before.sql and locate.sql on the $(wc -l < "$points") points"
compare=$(BENCH_DB="$DB" "$here/compare.sh" --points "$npoints" 2> "$work/compare.log") \
    || { cat "$work/compare.log" >&2; die "the answers changed: see $work/compare.log"; }
compare_note="$(field "$compare" points) points, $(field "$compare" differences) differences ($(sed -n 's/.* 0 differences (\(.*\))$/\1/p' "$work/compare.log"))"
log "answers unchanged: $compare_note"


# ------------------------------------------------------------------ the phases
# locate.sql verbatim with $1/$2 as pgbench variables :lng/:lat. pgbench cannot read a list, so the script
# picks point i at random and finds its coordinates client-side through a balanced tree of CASE expressions
# over the same points.csv (14 comparisons, ~0.01 ms): one statement per transaction, as for the endpoint.
{
    echo "\\set i random(1, $(wc -l < "$points"))"
    echo "\\set lng $(case_tree 1 "$points")"
    echo "\\set lat $(case_tree 2 "$points")"
    sed -e 's/\$1\b/:lng/g' -e 's/\$2\b/:lat/g' -e 's/;[[:space:]]*$//' "$LOCATE_SQL"
    echo ";"
} > "$work/locate.pgbench"

run_limit() { # $1 = seconds, $2 = output file; prints "tps latency-average-ms"
    bash "$LIMITS/locate-limit.sh" "$1" "$connections" > "$2" 2>&1 || { cat "$2" >&2; die "locate-limit.sh failed"; }
    echo "$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$2" | head -1) $(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$2" | head -1)"
}
run_wrk() { # $1 = seconds, $2 = output file
    BENCH_POINTS="$points" wrk -t"$threads" -c"$connections" -d"$1s" --latency -s "$here/locate.lua" "$BASE" > "$2"
    grep '^RESULT' "$2"
}
run_pgbench() { # $1 = seconds, $2 = output file; prints a RESULT line like wrk's
    rm -f "$work"/pgbench_log*
    ( cd "$work" && pgbench -n -M prepared -c "$connections" -j "$threads" -T "$1" -l --log-prefix=pgbench_log \
        -f "$work/locate.pgbench" "$DB" ) > "$2" 2>&1 || { cat "$2" >&2; die "pgbench failed"; }
    local tps failed
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$2" | head -1)
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$2")
    # Per-transaction log: column 3 is the latency in microseconds.
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk -v tps="$tps" -v failed="${failed:-0}" -v secs="$1" '
        { v[NR] = $1 }
        END { printf "RESULT requests=%d seconds=%s rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f failed=%d\n",
              NR, secs, tps, v[int(NR*0.5)]/1000, v[int(NR*0.9)]/1000, v[int(NR*0.99)]/1000, failed }'
    rm -f "$work"/pgbench_log*
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# The JVM needs the long warm-up (JIT); PostgreSQL's statements only a short one.
db_warmup=$(( warmup < 10 ? warmup : 10 ))
log "warm-up: wrk ${warmup} s, pgbench ${db_warmup} s, locate-limit.sh ${db_warmup} s"
run_wrk "$warmup" "$work/wrk-warmup.txt" > /dev/null
# The server answers from the region tree it holds in memory once loaded (LocateTree): the endpoint's own answers
# must equal locate.sql's on every point too, and they are measured from the tree.
for _ in $(seq 1 120); do grep -q 'locate tree held' "$work/server.log" && break; sleep 1; done
held_note=$(grep -o 'locate tree held: .*' "$work/server.log" | tail -1)
[ -n "$held_note" ] || die "the server did not load the locate tree within 2 minutes (see $work/server.log)"
log "$held_note"
BENCH_DB="$DB" "$here/compare.sh" --points "$npoints" --endpoint "$BASE" > /dev/null 2> "$work/compare-endpoint.log" \
    || { cat "$work/compare-endpoint.log" >&2; die "the endpoint's answers differ: see $work/compare-endpoint.log"; }
endpoint_note=$(grep -o 'the endpoint at .*' "$work/compare-endpoint.log" | sed 's/^the endpoint at [^ ]*: //')
log "endpoint answers: $endpoint_note"
run_pgbench "$db_warmup" "$work/pgbench-warmup.txt" > /dev/null
have_limit=0
if [ -f "$LIMITS/locate-limit.sh" ]; then
    have_limit=1
    # its first run creates its own database (gridgov_limit)
    run_limit "$db_warmup" "$work/limit-warmup.txt" > /dev/null
else
    log "no locate-limit.sh in $LIMITS (BENCH_LIMITS): the issue 18 target will not be judged"
fi

# Alternate the two, so both see the same background load on a shared machine.
rows=()
sum_wrk_req=0 sum_wrk_s=0 sum_pg_req=0 sum_pg_s=0 sum_wrk_java=0 sum_wrk_pg=0 sum_pg_pg=0 errors=0 sum_limit_tps=0
for round in $(seq 1 "$rounds"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    log "round $round/$rounds: wrk ${duration} s, $threads threads, $connections connections (load $load)"
    cpu_start
    r=$(run_wrk "$duration" "$work/wrk-$round.txt")
    read -r java_ms pg_ms < <(cpu_stop)
    log "  endpoint: $r; CPU: server ${java_ms} ms, PostgreSQL ${pg_ms} ms"
    n=$(field "$r" requests)
    sum_wrk_req=$((sum_wrk_req + n)); sum_wrk_s=$(echo "$sum_wrk_s + $(field "$r" seconds)" | bc -l)
    sum_wrk_java=$((sum_wrk_java + java_ms)); sum_wrk_pg=$((sum_wrk_pg + pg_ms))
    errors=$((errors + $(field "$r" non2xx) + $(field "$r" socket_errors)))
    rows+=("| $round | endpoint (wrk) | $load | $(field "$r" rps) req/s | $(field "$r" p50_ms) | $(field "$r" p90_ms) | $(field "$r" p99_ms) | $(per_request "$java_ms" "$n") + $(per_request "$pg_ms" "$n") | $(field "$r" non2xx) non-2xx, $(field "$r" socket_errors) socket |")

    load=$(cut -d' ' -f1 /proc/loadavg)
    log "round $round/$rounds: pgbench ${duration} s, $connections clients, $threads threads, prepared (load $load)"
    cpu_start
    r=$(run_pgbench "$duration" "$work/pgbench-$round.txt")
    read -r java_ms pg_ms < <(cpu_stop)
    log "  locate.sql: $r; CPU: PostgreSQL ${pg_ms} ms"
    n=$(field "$r" requests)
    sum_pg_req=$((sum_pg_req + n)); sum_pg_s=$(echo "$sum_pg_s + $(field "$r" seconds)" | bc -l)
    sum_pg_pg=$((sum_pg_pg + pg_ms))
    errors=$((errors + $(field "$r" failed)))
    rows+=("| $round | locate.sql (pgbench) | $load | $(field "$r" rps) tps | $(field "$r" p50_ms) | $(field "$r" p90_ms) | $(field "$r" p99_ms) | – + $(per_request "$pg_ms" "$n") | $(field "$r" failed) failed |")

    if [ "$have_limit" = 1 ]; then
        load=$(cut -d' ' -f1 /proc/loadavg)
        log "round $round/$rounds: locate-limit.sh ${duration} s, $connections clients (load $load)"
        read -r limit_tps limit_lat < <(run_limit "$duration" "$work/limit-$round.txt")
        log "  locate-limit.sh: $limit_tps tps, latency average $limit_lat ms"
        sum_limit_tps=$(echo "$sum_limit_tps + $limit_tps" | bc -l)
        rows+=("| $round | locate-limit.sh (pgbench, ../shared/bench) | $load | $limit_tps tps | – | – | – | – | latency average $limit_lat ms |")
    fi
done
wrk_rps=$(printf '%.1f' "$(echo "$sum_wrk_req / $sum_wrk_s" | bc -l)")
pg_tps=$(printf '%.1f' "$(echo "$sum_pg_req / $sum_pg_s" | bc -l)")
ratio=$(printf '%.2f' "$(echo "$wrk_rps / $pg_tps" | bc -l)")
verdict=$(echo "$ratio >= 0.5" | bc -l)
[ "$verdict" = 1 ] && verdict="meets the earlier target (>= 0.5 of its own SQL)" || verdict="BELOW the earlier target (>= 0.5 of its own SQL)"
cpu_endpoint=$(per_request "$((sum_wrk_java + sum_wrk_pg))" "$sum_wrk_req")
cpu_sql=$(per_request "$sum_pg_pg" "$sum_pg_req")
cpu_ratio=$(printf '%.2f' "$(echo "$cpu_sql / $cpu_endpoint" | bc -l)")
if [ "$have_limit" = 1 ]; then
    limit_tps=$(printf '%.1f' "$(echo "$sum_limit_tps / $rounds" | bc -l)")
    limit_ratio=$(printf '%.2f' "$(echo "$wrk_rps / $limit_tps" | bc -l)")
    if [ "$(echo "$limit_ratio >= 0.5" | bc -l)" = 1 ]; then
        limit_verdict="PASS (issue 18 target: >= 0.5 of locate-limit.sh)"
    else
        limit_verdict="FAIL (issue 18 target: >= 0.5 of locate-limit.sh)"
    fi
    limit_verdict="endpoint / locate-limit.sh = $wrk_rps / $limit_tps = $limit_ratio — $limit_verdict"
else
    limit_verdict="no locate-limit.sh in $LIMITS (BENCH_LIMITS): the issue 18 target was not measured"
fi
log "endpoint $wrk_rps req/s, locate.sql $pg_tps tps: ratio $ratio — $verdict"
log "$limit_verdict"
log "CPU per locate: endpoint $cpu_endpoint ms (server $(per_request "$sum_wrk_java" "$sum_wrk_req") + PostgreSQL $(per_request "$sum_wrk_pg" "$sum_wrk_req")), locate.sql alone $cpu_sql ms"

# ------------------------------------------------------------------ results
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')
java_v=$(java -version 2>&1 | head -1)
pg_v=$(q -c "SHOW server_version")
postgis_v=$(q -c "SELECT postgis_lib_version()")
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
branch=$(git -C "$root" rev-parse --abbrev-ref HEAD 2>/dev/null || echo unknown)
{
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — commit $commit ($branch)"
    echo
    echo "- Machine: $(nproc) cores ($cpu), RAM $mem; load average at the start of the runs $load_start"
    echo "- Versions: $java_v; PostgreSQL $pg_v; PostGIS $postgis_v; $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(pgbench --version)"
    echo "- Tree: \`$TREE\` — ${expected[TOWN]} towns, ${expected[COMMUNITY]} communities, ${expected[COMPOUND]} compounds, ${expected[BUILDING]} buildings"
    echo "- Server start (Flyway included): ${server_start_s} s; import: $import_note"
    [ -n "${BENCH_JAVA_OPTS:-}" ] && echo "- Server started with: \`${BENCH_JAVA_OPTS}\`"
    echo "- Points: $(wc -l < "$points") fixed ($n_building in buildings, $n_compound in compounds, $n_county anywhere in the county)"
    echo "- Each phase: ${duration} s after a warm-up of ${warmup} s for the endpoint (the JVM's JIT) and ${db_warmup} s for each pgbench; wrk -t$threads -c$connections; pgbench -M prepared -c$connections -j$threads; locate-limit.sh with $connections clients; $rounds rounds, alternating"
    echo "- Answers: those of locate-before.sql (the statement before issue 18) on every point: $compare_note (compare.sh)"
    echo "- The endpoint's answers, from the region tree held in memory ($held_note): $endpoint_note (compare.sh --endpoint)"
    echo
    echo "| round | what | load | throughput | p50 ms | p90 ms | p99 ms | CPU ms per locate (server + PostgreSQL) | errors |"
    echo "|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    if [ "$errors" != 0 ]; then
        echo "- **Warning: $errors errors during the runs; the throughput figures are not comparable.**"
    fi
    echo "- **Issue 18: $limit_verdict**"
    echo "- **Endpoint / pgbench throughput: $wrk_rps / $pg_tps = $ratio** — $verdict"
    echo "- CPU per locate: endpoint $cpu_endpoint ms (server $(per_request "$sum_wrk_java" "$sum_wrk_req") + PostgreSQL $(per_request "$sum_wrk_pg" "$sum_wrk_req")), locate.sql alone $cpu_sql ms: by CPU cost the endpoint does $cpu_ratio of what the bare SQL does per core (clients' own CPU not counted)"
    echo
    echo "<details><summary>EXPLAIN ANALYZE of locate.sql at ($sample_lng, $sample_lat)</summary>"
    echo
    echo '```'
    echo "$plan"
    echo '```'
    echo "</details>"
} >> "$RESULTS"
log "results appended to $RESULTS"
