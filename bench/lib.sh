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

# ------------------------------------------------------------------ a production-like server on $DB
# (bench/incidents, bench/load): keys of its own, WeChat off, a first county admin from the initial setup.

# A password kept in $work from the first run on (the accounts live in the database): secret NAME -> password
secret() { [ -s "$work/$1.password" ] || echo "bench-$(openssl rand -hex 8)" > "$work/$1.password"; cat "$work/$1.password"; }

# Starts quarkus-run.jar ($JAR) on $PORT (management on PORT + 1000) against $DB, with $admin_user/$admin_password
# as the setup's first admin and the extra JVM options given, and waits until it is ready; sets server_pid and
# server_start_s. The log goes to $work/server.log.
start_server() {
    [ -s "$work/jwt-key.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-key.pem" 2>/dev/null
    log "starting the server on :$PORT against $DB"
    GRIDGOV_DB_NAME="$DB" \
    GRIDGOV_JWT_SIGNING_KEY="$work/jwt-key.pem" GRIDGOV_JWT_KEY_ID=bench-1 \
    GRIDGOV_PII_ENCRYPTION_KEY="$(openssl rand -base64 32)" GRIDGOV_PII_HASH_KEY="$(openssl rand -base64 32)" \
    GRIDGOV_WECHAT_APP_ID=wx-bench GRIDGOV_WECHAT_SECRET=unused \
    GRIDGOV_SETUP_ADMIN_USERNAME="$admin_user" GRIDGOV_SETUP_ADMIN_PASSWORD="$admin_password" \
    java -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" -Dquarkus.log.console.json.enabled=false \
        "$@" -jar "$JAR" > "$work/server.log" 2>&1 &
    server_pid=$!
    local start
    start=$(date +%s.%N)
    wait_ready 180
    server_start_s=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
    log "server ready in ${server_start_s} s"
}

# Stops the server started by start_server, if any (for an EXIT trap).
stop_server() {
    if [ -n "${server_pid:-}" ]; then
        log "stopping the server (pid $server_pid)"
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}

login() { # $1 username, $2 password -> access token
    curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
        "$BASE/api/v1/auth/staff/login" | jq -r .accessToken
}

ensure_staff() { # $1 username, $2 role, $3 region id -> user id (created by $admin_token on the first run)
    local password code
    password=$(secret "$1")
    code=$(curl -sS -o "$work/staff-$1.json" -w '%{http_code}' -H "Authorization: Bearer $admin_token" \
        -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$password\",
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
          -c "VACUUM ANALYZE staff_account" -c "VACUUM ANALYZE grid_duty"
        seed_note="$seed_note; VACUUM ANALYZE $(printf '%.1f' "$(echo "$(date +%s.%N) - $s" | bc)") s"
    fi
    # Every report of a run adds an incident: remove those of earlier runs. incident_flow is append-only by
    # trigger; replica mode (superuser, this session only) skips its triggers for this cleanup of benchmark rows.
    made_before=$(q -c "SELECT count(*) FROM incident WHERE description NOT LIKE 'bench 事件 #%'")
    if [ "$made_before" != 0 ]; then
        log "removing the $made_before incidents earlier runs reported"
        q <<'SQL'
SET session_replication_role = replica;
BEGIN;
DELETE FROM incident_flow f USING incident i WHERE f.incident_id = i.id AND i.description NOT LIKE 'bench 事件 #%';
DELETE FROM notify_outbox o USING incident i WHERE o.incident_id = i.id AND i.description NOT LIKE 'bench 事件 #%';
DELETE FROM incident_supervision s USING incident i WHERE s.incident_id = i.id AND i.description NOT LIKE 'bench 事件 #%';
DELETE FROM moderation_media_check c USING media m, incident i
    WHERE c.media_id = m.id AND m.incident_id = i.id AND i.description NOT LIKE 'bench 事件 #%';
DELETE FROM moderation_flag f USING incident i WHERE f.incident_id = i.id AND i.description NOT LIKE 'bench 事件 #%';
DELETE FROM media m USING incident i WHERE m.incident_id = i.id AND i.description NOT LIKE 'bench 事件 #%';
DELETE FROM incident WHERE description NOT LIKE 'bench 事件 #%';
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
