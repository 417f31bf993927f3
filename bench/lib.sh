# Shared by the benchmark scripts (bench/*/run.sh): sourced after they set DB, BASE, work and server_pid.
# shellcheck shell=bash

export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

# the wrk scripts' shared part (their RESULT line), which they load from this path
export BENCH_LUA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.lua"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$DB" "$@"; }
# field "RESULT a=1 b=2" b -> 2: reads the RESULT lines that the wrk scripts and run_pgbench print
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# Waits until the server at $BASE (health on $MANAGEMENT_BASE) is ready (at most $1 seconds, default 120); fails if it exits meanwhile.
wait_ready() {
    local limit="${1:-120}"
    for _ in $(seq 1 "$limit"); do
        if curl -fs -o /dev/null "${MANAGEMENT_BASE:-$BASE}/q/health/ready"; then return 0; fi
        kill -0 "$server_pid" 2>/dev/null || die "server exited, see $work/server.log"
        sleep 1
    done
    die "server not ready after $limit s, see $work/server.log"
}

# pgbench cannot read a list: point :i's coordinate (column $1: 1 lng, 2 lat) of the "lng,lat" file $2,
# found client-side through a balanced tree of CASE expressions (14 comparisons for 10,000 points).
case_tree() {
    awk -F, -v col="$1" '
        { v[NR] = $col }
        function tree(lo, hi,   mid) {   # points lo..hi (1-based, inclusive)
            if (lo == hi) return v[lo]
            mid = int((lo + hi) / 2)
            return "case when :i <= " mid " then " tree(lo, mid) " else " tree(mid + 1, hi) " end"
        }
        END { print tree(1, NR) }' "$2"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
machine() { echo "$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB"; }

# wrk from Debian's packages when missing
ensure_wrk() {
    command -v wrk >/dev/null && return 0
    log "installing wrk from Debian's packages"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -qq wrk >/dev/null 2>&1 || { $sudo apt-get update -qq; $sudo apt-get install -y -qq wrk >/dev/null; }
}

# ------------------------------------------------------------------ the packaged server, started production-like
# Set by the script before start_server: DB, PORT, JAR (default the build's quarkus-run.jar), work (a directory of
# its own under bench/results/tmp, git-ignored), admin_user (the first county admin, made by the server's setup when
# absent; empty: none), JAVA_OPTS (java options, e.g. -Xmx512m), optionally the array server_env (more environment,
# e.g. GRIDGOV_SETUP_REGIONS_FILE=...).
JAR="${JAR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/backend/target/quarkus-app/quarkus-run.jar}"
server_pid=""

# builds the jar if it is not there
ensure_jar() {
    [ -f "$JAR" ] && return 0
    log "building the server jar"
    (cd "$(dirname "${BASH_SOURCE[0]}")/../backend" && mvn -B -q -DskipTests package) || die "build failed"
}

# A password kept in $work/$1.password (made on first use), so reruns log in to the accounts they made before.
secret() { [ -s "$work/$1.password" ] || echo "bench-$(openssl rand -hex 8)" > "$work/$1.password"; cat "$work/$1.password"; }

# start_server [--migrate-only] [java options...]: starts the jar on $PORT (management on PORT + 1000) against $DB
# and waits until it is ready (at most $server_wait s, default 300). Keys of the benchmark's own, kept in $work: the
# JWT signing key, and the personal-data keys (so what a seed encrypted stays readable on the next run).
# --migrate-only: no first admin (the first start on an empty database, before a county exists to bind one to).
start_server() {
    local with_admin=1
    [ "${1:-}" = --migrate-only ] && { with_admin=0; shift; }
    [ -s "$work/jwt-key.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-key.pem" 2>/dev/null
    [ -s "$work/pii.key" ] || openssl rand -base64 32 > "$work/pii.key"
    [ -s "$work/pii-hash.key" ] || openssl rand -base64 32 > "$work/pii-hash.key"
    local env=(GRIDGOV_DB_NAME="$DB" GRIDGOV_JWT_SIGNING_KEY="$work/jwt-key.pem" GRIDGOV_JWT_KEY_ID="bench-$(basename "$work")-1"
               GRIDGOV_PII_ENCRYPTION_KEY="$(cat "$work/pii.key")" GRIDGOV_PII_HASH_KEY="$(cat "$work/pii-hash.key")"
               GRIDGOV_WECHAT_APP_ID=wx-bench GRIDGOV_WECHAT_SECRET=unused)
    if [ "$with_admin" = 1 ] && [ -n "${admin_user:-}" ]; then
        env+=(GRIDGOV_SETUP_ADMIN_USERNAME="$admin_user" GRIDGOV_SETUP_ADMIN_PASSWORD="$(secret admin)")
    fi
    env+=(${server_env[@]+"${server_env[@]}"})
    log "starting the server on :$PORT against $DB${JAVA_OPTS:+ ($JAVA_OPTS)}"
    # shellcheck disable=SC2086
    env "${env[@]}" java ${JAVA_OPTS:-} -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" \
        -Dquarkus.log.console.json.enabled=false "$@" -jar "$JAR" > "$work/server.log" 2>&1 &
    server_pid=$!
    local start
    start=$(date +%s.%N)
    wait_ready "${server_wait:-300}"
    server_start_s=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
    log "server ready in ${server_start_s} s (pid $server_pid)"
}

# Stops the server start_server started (the scripts: trap stop_server EXIT).
stop_server() {
    if [ -n "$server_pid" ]; then
        log "stopping the server (pid $server_pid)"
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

# ------------------------------------------------------------------ accounts, through the API
# login USER PASSWORD -> an access token (15 minutes)
login() {
    curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
        "$BASE/api/v1/auth/staff/login" | jq -r .accessToken
}
# ensure_staff USER ROLE REGION_ID [SECRET] -> the account's user id: made by the county admin ($admin_token) when
# absent (password: secret SECRET, default USER), as an admin would through POST /api/v1/staff.
ensure_staff() {
    local code
    code=$(curl -sS -o "$work/staff-$1.json" -w '%{http_code}' -H "Authorization: Bearer $admin_token" \
        -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$(secret "${4:-$1}")\",
        \"displayName\":\"压测$2\",\"regionId\":$3,\"roles\":[\"$2\"]}" "$BASE/api/v1/staff")
    case "$code" in
        201|200|409) ;;
        *) cat "$work/staff-$1.json" >&2; die "creating $1 answered $code" ;;
    esac
    q -c "SELECT user_id FROM staff_account WHERE username = '$1'"
}

# ------------------------------------------------------------------ the million incidents (bench/incidents/seed.sql)

# Seeds $1 incidents once (set-based) unless $DB holds them already, then removes what earlier runs reported, so
# each run starts from the seeded incidents (10 % open). Sets seed_note.
seed_incidents() {
    local n="$1" have l s secs made_before
    have=$(q -c "SELECT count(*) FROM incident WHERE description LIKE 'bench 事件 #%'")
    if [ "$have" -ge "$n" ]; then
        seed_note="skipped: $DB already held $have seeded incidents"
        [ -s "$work/seed.time" ] && seed_note="$seed_note (first seeded: $(cat "$work/seed.time"))"
    else
        [ "$have" = 0 ] || die "$DB holds $have seeded incidents, fewer than $n: drop them by hand first"
        log "seeding $n incidents (set-based, bench/incidents/seed.sql)"
        l=$(cut -d' ' -f1-3 /proc/loadavg)
        s=$(date +%s.%N)
        q -v n="$n" -f "$(dirname "${BASH_SOURCE[0]}")/incidents/seed.sql" > "$work/seed.log"
        secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $s" | bc)")
        echo "$n incidents + flow rows in $secs s, load before $l" > "$work/seed.time"
        seed_note="$(cat "$work/seed.time")"
        log "seeded: $seed_note"
        s=$(date +%s.%N)
        q -c "VACUUM ANALYZE incident" -c "VACUUM ANALYZE incident_flow" -c "VACUUM ANALYZE app_user" \
          -c "VACUUM ANALYZE staff_account" -c "VACUUM ANALYZE grid_duty" -c "VACUUM ANALYZE stats_day"
        seed_note="$seed_note; VACUUM ANALYZE $(printf '%.1f' "$(echo "$(date +%s.%N) - $s" | bc)") s"
    fi
    # Every report of a run adds an incident: remove those of earlier runs. With the triggers on, so the dashboard's
    # aggregate (V7_93, kept by triggers on incident and incident_supervision) follows the rows; only incident_flow's
    # delete runs in replica mode (superuser, this transaction only), as the flow is append-only by trigger. Every
    # other row that refers to one of these incidents (outbox, media, supervision marks, ...) goes first, through its
    # own triggers, the moderation checks of their photos before the photos.
    made_before=$(q -c "SELECT count(*) FROM incident WHERE description NOT LIKE 'bench 事件 #%'")
    if [ "$made_before" != 0 ]; then
        log "removing the $made_before incidents earlier runs reported"
        q <<'SQL'
BEGIN;
CREATE TEMP TABLE bench_made ON COMMIT DROP AS SELECT id FROM incident WHERE description NOT LIKE 'bench 事件 #%';
SET LOCAL session_replication_role = replica;
DELETE FROM incident_flow WHERE incident_id IN (SELECT id FROM bench_made);
SET LOCAL session_replication_role = origin;
DELETE FROM moderation_media_check c USING media m WHERE c.media_id = m.id AND m.incident_id IN (SELECT id FROM bench_made);
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT c.conrelid::regclass AS tab, a.attname AS col
             FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND c.confrelid = 'incident'::regclass AND c.conrelid <> 'incident_flow'::regclass
               AND c.conrelid <> 'incident'::regclass LOOP
        EXECUTE format('DELETE FROM %s WHERE %I IN (SELECT id FROM bench_made)', r.tab, r.col);
    END LOOP;
END $$;
DELETE FROM incident WHERE id IN (SELECT id FROM bench_made);
DELETE FROM idempotency_key WHERE scope LIKE 'incident-report:%';
COMMIT;
VACUUM ANALYZE incident;
VACUUM ANALYZE incident_flow;
SQL
    fi
}

# The community with the most open incidents (chosen on the first run and kept in $work: the accounts are bound to it).
busiest_community() {
    if [ ! -s "$work/community.id" ]; then
        q -c "SELECT community_id FROM incident WHERE status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','SUSPENDED')
            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1" > "$work/community.id"
    fi
    cat "$work/community.id"
}

# Fixed report points inside compounds, "lng,lat" per line into $1: 2/3 in building footprints, 1/3 anywhere in a
# compound, chosen once into the table bench_report_point (seeded, so the same on every run and every benchmark).
report_points() {
    q <<'SQL'
CREATE TABLE IF NOT EXISTS bench_report_point (id serial PRIMARY KEY, kind text NOT NULL, lng float8 NOT NULL, lat float8 NOT NULL);
INSERT INTO bench_report_point (kind, lng, lat)
SELECT kind, round(ST_X(p)::numeric, 7), round(ST_Y(p)::numeric, 7) FROM (
    SELECT 'building' AS kind, code, (ST_Dump(ST_GeneratePoints(
               coalesce(boundary, ST_Buffer(position::geography, 4)::geometry), 1, 52))).geom AS p
    FROM (SELECT * FROM region WHERE level = 'BUILDING' ORDER BY md5(code || 'report') LIMIT 4000) b
    UNION ALL
    SELECT 'compound', code, (ST_Dump(ST_GeneratePoints(boundary, 1, 53))).geom
    FROM (SELECT * FROM region WHERE level = 'COMPOUND' ORDER BY md5(code || 'report') LIMIT 2000) c
) s WHERE NOT EXISTS (SELECT 1 FROM bench_report_point) ORDER BY md5(kind || code);
SQL
    q -F ',' -c "SELECT lng, lat FROM bench_report_point ORDER BY id" > "$1"
}

# ------------------------------------------------------------------ pgbench's per-transaction log
# p50/p90/p95/p99/max (ms) of the pgbench_log* files in $work, as a RESULT line's fields; removes the logs.
pgbench_latencies() {
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk '
        { v[NR] = $1 }
        function p(q,   i) { i = int(NR * q + 0.999999); if (i < 1) i = 1; return v[i] / 1000 }
        END { printf "requests=%d p50_ms=%.3f p90_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
              NR, p(0.5), p(0.9), p(0.95), p(0.99), v[NR] / 1000 }'
    rm -f "$work"/pgbench_log*
}
