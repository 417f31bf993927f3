#!/usr/bin/env bash
# Dashboard benchmark (issue 14 §1), SQL half: the overview's two statements (cn.gridgov.stats.StatsSql, printed from
# the compiled class, so exactly what the server sends) driven by pgbench, prepared, one client, for a county and for
# a community over the last 30 days, on 1,000,000 synthetic incidents (synthetic.sql, a scratch database); p50/p95/p99
# per statement and for the pair, plus EXPLAIN ANALYZE. Appends a dated section to bench/stats/RESULTS.md.
# Targets (issue 14): county overview p95 < 300 ms, community < 50 ms.
#
# Usage: bench/stats/run.sh [--duration S] [--incidents N] [--reseed]
# Env: BENCH_DB (gridgov_stats_bench), PGHOST/PGPORT/PGUSER, BENCH_RESULTS.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/stats"
work="$root/bench/results/tmp/stats"
mkdir -p "$work"
DB="${BENCH_DB:-gridgov_stats_bench}"
RESULTS="${BENCH_RESULTS:-$here/RESULTS.md}"
duration=30 n_incidents=1000000 reseed=0
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift ;;
        --incidents) n_incidents="$2"; shift ;;
        --reseed) reseed=1 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
. "$root/bench/lib.sh"
command -v pgbench >/dev/null || die "pgbench missing (Debian: postgresql-client)"

# ------------------------------------------------------------------ the SQL, as the server renders it
classes="${BENCH_CLASSES:-$root/backend/target/classes}"
[ -f "$classes/cn/gridgov/stats/StatsSql.class" ] || (cd "$root" && mvn -B -q -o -pl backend compile) || die "build failed"
# pgbench variables become the statement's parameters with -M prepared: $1 path, $2/$3 instants, $4/$5 days
for s in OVERVIEW DAYS; do
    java --class-path "$classes" "$here/PrintSql.java" "$s" \
        | sed -e 's/\$1/(:path)/g' -e 's/\$2/(:t0)/g' -e 's/\$3/(:t1)/g' -e 's/\$4/(:d0)/g' -e 's/\$5/(:d1)/g' \
        | tr '\n' ' ' | sed 's/$/;\n/' > "$work/$s.sql"
done
cat "$work/OVERVIEW.sql" "$work/DAYS.sql" > "$work/BOTH.sql"

# ------------------------------------------------------------------ data, once
psql -X -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || psql -X -q -d postgres -c "CREATE DATABASE $DB"
have=$(q -c "SELECT count(*) FROM incident" 2>/dev/null || echo 0)
seed_note="already there ($have incidents)"
if [ "$reseed" = 1 ] || [ "$have" != "$n_incidents" ]; then
    log "seeding $n_incidents synthetic incidents (bench/stats/synthetic.sql)"
    s=$(date +%s.%N)
    q -v n="$n_incidents" -f "$here/synthetic.sql" > "$work/seed.log"
    seed_note="seeded in $(printf '%.1f' "$(echo "$(date +%s.%N) - $s" | bc)") s"
fi

# ------------------------------------------------------------------ measure
# the last 30 days of Asia/Shanghai, as the endpoint's default
d1=$(TZ=Asia/Shanghai date +%F); d0=$(TZ=Asia/Shanghai date -d "$d1 -29 days" +%F)
t0="$d0 00:00:00+08"; t1="$(TZ=Asia/Shanghai date -d "$d1 +1 day" +%F) 00:00:00+08"
county=1 community=1.2.100
run() { # $1 label, $2 path, $3 script -> RESULT line
    rm -f "$work"/pgbench_log*
    (cd "$work" && pgbench -n -M prepared -c 1 -j 1 -T "$duration" -l --log-prefix=pgbench_log \
        -D path="$2" -D t0="$t0" -D t1="$t1" -D d0="$d0" -D d1="$d1" -f "$work/$3.sql" "$DB") > "$work/pgbench-$1-$3.txt" 2>&1 \
        || { cat "$work/pgbench-$1-$3.txt" >&2; die "pgbench failed"; }
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk '
        { v[NR] = $1 }
        function p(q) { i = int(NR * q + 0.999999); if (i < 1) i = 1; return v[i] / 1000 }
        END { printf "n=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f\n", NR, p(0.5), p(0.95), p(0.99), v[NR] / 1000 }'
}
rows=()
for scope in county community; do
    path=${!scope}
    for s in OVERVIEW DAYS BOTH; do
        run "$scope" "$path" "$s" > /dev/null  # warm-up round (caches, plan)
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        r=$(run "$scope" "$path" "$s")
        log "$scope ($path) $s: $r (load $load)"
        rows+=("| $scope \`$path\` | $s | $load | $(field " $r" n) | $(field " $r" p50_ms) | $(field " $r" p95_ms) | $(field " $r" p99_ms) | $(field " $r" max_ms) |")
    done
done
plan() { # $1 path, $2 statement
    local sql
    sql=$(java --class-path "$classes" "$here/PrintSql.java" "$2" | sed -e "s/\\\$1/'$1'/g" -e "s/\\\$2/'$t0'::timestamptz/g" \
        -e "s/\\\$3/'$t1'::timestamptz/g" -e "s/\\\$4/'$d0'/g" -e "s/\\\$5/'$d1'/g")
    q -c "EXPLAIN (ANALYZE, BUFFERS) $sql"
}
in_scope=$(q -F ' ' -c "SELECT count(*) FILTER (WHERE region_path <@ '1'), count(*) FILTER (WHERE region_path <@ '$community')
    FROM incident WHERE reported_at >= '$t0' AND reported_at < '$t1' OR status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','SUSPENDED')")

{
    echo
    echo "## $(date -u +'%Y-%m-%d %H:%M UTC') — pgbench, $duration s per row, 1 client, prepared"
    echo
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/ {print $2}') GB;"
    echo "$(psql -X -qAt -d "$DB" -c 'SELECT version()' | cut -d, -f1). Data: $(q -c 'SELECT count(*) FROM incident') synthetic incidents"
    echo "($seed_note); rows the overview scans (received $d0..$d1 or open now): county $(cut -d' ' -f1 <<<"$in_scope"), community $(cut -d' ' -f2 <<<"$in_scope")."
    echo
    echo "| scope | statement | load avg before | runs | p50 ms | p95 ms | p99 ms | max ms |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "<details><summary>EXPLAIN ANALYZE: county OVERVIEW, community OVERVIEW</summary>"
    echo
    echo '```'
    plan 1 OVERVIEW
    echo
    plan "$community" OVERVIEW
    echo '```'
    echo "</details>"
} >> "$RESULTS"
log "appended to $RESULTS"
