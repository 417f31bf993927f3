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
