#!/usr/bin/env bash
# Dashboard benchmark (issue 14 §1), SQL half: the overview's two statements (cn.gridgov.stats.StatsSql, printed from
# the compiled class, so exactly what the server sends; they sum the aggregate of V7_93) driven by pgbench, prepared,
# one client, for a county and for a community over the last 30 days, on 1,000,000 synthetic incidents (synthetic.sql,
# a scratch database, then V7_93 itself: its triggers and its backfill); beside them, in the same run, the baseline:
# the statements of before V7_93 straight from the incident rows (rows/*.sql). p50/p95/p99 per statement and for the
# pair, EXPLAIN ANALYZE, and a consistency check after writes through the triggers. Appends to bench/stats/RESULTS.md.
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
# pgbench variables become the statement's parameters with -M prepared. The aggregate's: OVERVIEW $1 the node's and
# its children's ids, $2/$3 the first and last day; DAYS $1 the node's id, $2/$3 the days. The baseline's (rows/):
# $1 path, $2/$3 instants, $4/$5 days.
java --class-path "$classes" "$here/PrintSql.java" OVERVIEW \
    | sed -e 's/\$1/(:ids)/g' -e 's/\$2/(:d0)/g' -e 's/\$3/(:d1)/g' | tr '\n' ' ' | sed 's/$/;\n/' > "$work/OVERVIEW.sql"
java --class-path "$classes" "$here/PrintSql.java" DAYS \
    | sed -e 's/\$1/(:node)/g' -e 's/\$2/(:d0)/g' -e 's/\$3/(:d1)/g' | tr '\n' ' ' | sed 's/$/;\n/' > "$work/DAYS.sql"
for s in OVERVIEW DAYS; do
    grep -v '^--' "$here/rows/$s.sql" \
        | sed -e 's/\$1/(:path)/g' -e 's/\$2/(:t0)/g' -e 's/\$3/(:t1)/g' -e 's/\$4/(:d0)/g' -e 's/\$5/(:d1)/g' \
        | tr '\n' ' ' | sed 's/$/;\n/' > "$work/ROWS_$s.sql"
done
cat "$work/OVERVIEW.sql" "$work/DAYS.sql" > "$work/BOTH.sql"
cat "$work/ROWS_OVERVIEW.sql" "$work/ROWS_DAYS.sql" > "$work/ROWS_BOTH.sql"

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
    # the batches first: their view stats_delta goes with them; then stats_delta if it is still the table of V7_93
    q -c "DROP TABLE IF EXISTS stats_day, stats_delta_batch CASCADE" -c "DROP TABLE IF EXISTS stats_delta CASCADE" \
      -c "DROP TYPE IF EXISTS stats_entry CASCADE"
fi
# the aggregate: V7_93 as Flyway runs it (one transaction: tables, triggers, backfill of every incident)
migration="$root/backend/src/main/resources/db/migration/V7_93__stats_daily_aggregate.sql"
compact="$root/backend/src/main/resources/db/migration/V7_101__stats_delta_compact.sql"   # the deltas as they are now
if [ "$(q -c "SELECT to_regclass('stats_day') IS NOT NULL")" != t ]; then
    log "V7_93: creating the aggregate and backfilling it from $(q -c 'SELECT count(*) FROM incident') incidents"
    q -c "DROP FUNCTION IF EXISTS stats_incident_changed, stats_supervision_changed, stats_supervision_delta,
          stats_incident_truncated, stats_incident_rows, stats_handling_bucket, stats_append CASCADE" \
      -c "DROP TABLE IF EXISTS stats_delta_batch CASCADE" -c "DROP TABLE IF EXISTS stats_delta CASCADE" \
      -c "DROP TYPE IF EXISTS stats_entry CASCADE"
    s=$(date +%s.%N); load=$(cut -d' ' -f1-3 /proc/loadavg)
    q -1 -f "$migration" > "$work/migration.log"
    q -c "VACUUM ANALYZE stats_day"
    seed_note="$seed_note; V7_93 backfill $(printf '%.0f' "$(echo "$(date +%s.%N) - $s" | bc)") s at load $load"
fi
# an aggregate made before V7_101 (or just now by V7_93): its deltas folded and made compact, as Flyway does
if [ "$(q -c "SELECT to_regclass('stats_delta_batch') IS NULL")" = t ]; then
    log "V7_101, V7_102, V7_103: compact deltas"
    for m in "$compact" "${compact%/*}"/V7_102__*.sql "${compact%/*}"/V7_103__*.sql; do
        q -1 -f "$m" >> "$work/migration.log"
    done
fi
seed_note="$seed_note; stats_day $(q -c "SELECT count(*) FROM stats_day") rows, $(q -c "SELECT pg_size_pretty(pg_total_relation_size('stats_day'))")"

# ------------------------------------------------------------------ measure
# the last 30 days of Asia/Shanghai, as the endpoint's default
d1=$(TZ=Asia/Shanghai date +%F); d0=$(TZ=Asia/Shanghai date -d "$d1 -29 days" +%F)
t0="$d0 00:00:00+08"; t1="$(TZ=Asia/Shanghai date -d "$d1 +1 day" +%F) 00:00:00+08"
county=1 community=1.2.100
# the node's id and its children's (synthetic.sql: towns 2..11 under the county, compounds 1000..1009 under 100)
county_ids='{1,2,3,4,5,6,7,8,9,10,11}' community_ids='{100,1000,1001,1002,1003,1004,1005,1006,1007,1008,1009}'
run() { # $1 label, $2 path, $3 script -> RESULT line
    rm -f "$work"/pgbench_log*
    local ids_var="${1}_ids"
    (cd "$work" && pgbench -n -M prepared -c 1 -j 1 -T "$duration" -l --log-prefix=pgbench_log \
        -D path="$2" -D node="${2##*.}" -D ids="${!ids_var}" -D t0="$t0" -D t1="$t1" -D d0="$d0" -D d1="$d1" \
        -f "$work/$3.sql" "$DB") > "$work/pgbench-$1-$3.txt" 2>&1 \
        || { cat "$work/pgbench-$1-$3.txt" >&2; die "pgbench failed"; }
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk '
        { v[NR] = $1 }
        function p(q) { i = int(NR * q + 0.999999); if (i < 1) i = 1; return v[i] / 1000 }
        END { printf "n=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f\n", NR, p(0.5), p(0.95), p(0.99), v[NR] / 1000 }'
}
rows=()
for scope in county community; do
    path=${!scope}
    for s in OVERVIEW DAYS BOTH ROWS_OVERVIEW ROWS_DAYS ROWS_BOTH; do
        run "$scope" "$path" "$s" > /dev/null  # warm-up round (caches, plan)
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        r=$(run "$scope" "$path" "$s")
        log "$scope ($path) $s: $r (load $load)"
        rows+=("| $scope \`$path\` | $s | $load | $(field " $r" n) | $(field " $r" p50_ms) | $(field " $r" p95_ms) | $(field " $r" p99_ms) | $(field " $r" max_ms) |")
    done
done
# ------------------------------------------------------------------ what the triggers cost a writer
# One incident's UPDATE as a transition makes it (status or rating moved, at a random id), with the triggers and
# without them (session_replication_role = replica turns triggers off: the same statement, nothing else differs).
# Each is rolled back: an UPDATE without its trigger would leave the aggregate behind the rows (and the commit's own
# cost is the same either way).
cat > "$work/WRITE.sql" <<'SQL'
\set id random(1, 1000000)
BEGIN;
UPDATE incident SET status = CASE status WHEN 'ACCEPTED' THEN 'DISPATCHED' WHEN 'DISPATCHED' THEN 'ACCEPTED' ELSE status END,
    rating = CASE rating WHEN 4 THEN 5 WHEN 5 THEN 4 ELSE rating END WHERE id = :id;
ROLLBACK;
SQL
write_row() { # $1 label, $2 PGOPTIONS
    rm -f "$work"/pgbench_log*
    (cd "$work" && PGOPTIONS="$2" pgbench -n -M prepared -c 1 -j 1 -T "$duration" -l --log-prefix=pgbench_log \
        -f "$work/WRITE.sql" "$DB") > "$work/pgbench-write-$1.txt" 2>&1 || { cat "$work/pgbench-write-$1.txt" >&2; die "pgbench failed"; }
    cat "$work"/pgbench_log* | awk '{print $3}' | sort -n | awk '
        { v[NR] = $1 }
        function p(q) { i = int(NR * q + 0.999999); if (i < 1) i = 1; return v[i] / 1000 }
        END { printf "n=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", NR, p(0.5), p(0.95), p(0.99), v[NR] / 1000 }'
}
for w in triggers no_triggers; do
    opts="-c client_min_messages=warning"; [ "$w" = no_triggers ] && opts="$opts -c session_replication_role=replica"
    write_row "$w" "$opts" > /dev/null
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    r=$(write_row "$w" "$opts")
    log "UPDATE incident ($w): $r (load $load)"
    rows+=("| one incident | UPDATE, $w | $load | $(field " $r" n) | $(field " $r" p50_ms) | $(field " $r" p95_ms) | $(field " $r" p99_ms) | $(field " $r" max_ms) |")
done

plan() { # $1 ids, $2 statement
    local sql
    sql=$(java --class-path "$classes" "$here/PrintSql.java" "$2" | sed -e "s/\\\$1/'$1'::bigint[]/g" \
        -e "s/\\\$2/'$d0'::date/g" -e "s/\\\$3/'$d1'::date/g")
    q -c "EXPLAIN (ANALYZE, BUFFERS) $sql"
}
# ------------------------------------------------------------------ consistency after writes through the triggers
# Writes as the server and an import make them (transitions of open incidents, closing with ratings, supervision
# marks, a compound moved to another community), then every aggregate row of the two communities involved against a
# recount from their incident rows (stats_incident_rows), before and after folding the deltas in: 0 rows may differ.
check() {
    q -c "SELECT count(*) FROM ((SELECT node_id, day, dim, key, sum(n), sum(micros) FROM
            (SELECT node_id, day, dim, key, n, micros FROM stats_day UNION ALL
             SELECT node_id, day, dim, key, n, micros FROM stats_delta) a
          WHERE node_id IN (100, 101) OR node_id BETWEEN 1000 AND 1019 GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
          EXCEPT SELECT c.node_id, c.day, c.dim, c.key, sum(c.n), sum(c.micros) FROM incident i
            LEFT JOIN incident_supervision s ON s.incident_id = i.id, LATERAL stats_incident_rows(i.region_path,
            i.reported_at, i.closed_at, i.deadline_at, i.status, i.category_id, i.source, i.rating, s.warned_at,
            s.overdue_at, s.level) c
          WHERE (i.region_path <@ '1.2.100' OR i.region_path <@ '1.2.101')
            AND (c.node_id IN (100, 101) OR c.node_id BETWEEN 1000 AND 1019) GROUP BY 1, 2, 3, 4)
        UNION ALL (SELECT c.node_id, c.day, c.dim, c.key, sum(c.n), sum(c.micros) FROM incident i
            LEFT JOIN incident_supervision s ON s.incident_id = i.id, LATERAL stats_incident_rows(i.region_path,
            i.reported_at, i.closed_at, i.deadline_at, i.status, i.category_id, i.source, i.rating, s.warned_at,
            s.overdue_at, s.level) c
          WHERE (i.region_path <@ '1.2.100' OR i.region_path <@ '1.2.101')
            AND (c.node_id IN (100, 101) OR c.node_id BETWEEN 1000 AND 1019) GROUP BY 1, 2, 3, 4
          EXCEPT SELECT node_id, day, dim, key, sum(n), sum(micros) FROM
            (SELECT node_id, day, dim, key, n, micros FROM stats_day UNION ALL
             SELECT node_id, day, dim, key, n, micros FROM stats_delta) a
          WHERE node_id IN (100, 101) OR node_id BETWEEN 1000 AND 1019 GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0)) d"
}
# Old and new answers on the seeded data: the node's figures by the baseline statement (rows/OVERVIEW.sql, its totals
# row) and summed from the aggregate as StatsTally sums them, for the county and the community.
answers() { # $1 path, $2 node id
    local old new
    old=$(grep -v '^--' "$here/rows/OVERVIEW.sql" | sed -e "s/\\\$1/'$1'/g" -e "s/\\\$2/'$t0'::timestamptz/g" \
        -e "s/\\\$3/'$t1'::timestamptz/g")
    q -F ' ' -c "WITH o AS ($old) SELECT received, closed, closed_on_time, rated, open, yellow, red, supervised,
        round(mean_hours::numeric, 2), round(mean_rating::numeric, 2) FROM o WHERE grouping = 15"
    q -F ' ' -c "WITH a AS (SELECT dim, key, n, micros FROM stats_day WHERE node_id = $2
            AND (day BETWEEN '$d0' AND '$d1' OR day = '-infinity')
          UNION ALL SELECT dim, key, n, micros FROM stats_delta WHERE node_id = $2
            AND (day BETWEEN '$d0' AND '$d1' OR day = '-infinity'))
        SELECT $(for d in S H T A; do printf "COALESCE(sum(n) FILTER (WHERE dim = '%s'), 0), " $d; done)
          $(for d in N Y R P; do printf "COALESCE(sum(n) FILTER (WHERE dim = '%s' AND key IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED')), 0), " $d; done)
          round(sum(micros) FILTER (WHERE dim = 'H') / 1e6 / 3600 / sum(n) FILTER (WHERE dim = 'H'), 2),
          round(sum(key::numeric * n) FILTER (WHERE dim = 'A') / sum(n) FILTER (WHERE dim = 'A'), 2) FROM a"
}
compare_answers() {
    local county_answers community_answers
    county_answers=$(answers 1 1); community_answers=$(answers 1.2.100 100)
    echo "Old and new answers (received, closed, on time, rated, open, yellow, red, supervised, mean hours, mean rating):"
    echo
    echo "| scope | before V7_93, from the rows | the aggregate |"
    echo "|---|---|---|"
    echo "| county | $(sed -n 1p <<<"$county_answers") | $(sed -n 2p <<<"$county_answers") |"
    echo "| community | $(sed -n 1p <<<"$community_answers") | $(sed -n 2p <<<"$community_answers") |"
    echo
}
consistency() {
    local moved="1.2.100.1003" before after_writes after_fold
    before=$(check)
    q -c "UPDATE incident SET status = 'ACCEPTED' WHERE region_path <@ '1.2.100' AND status = 'REPORTED'" >/dev/null
    q -c "UPDATE incident SET status = 'CLOSED', closed_at = reported_at + interval '26 hours', rating = 4
          WHERE region_path <@ '1.2.101' AND status = 'IN_PROGRESS'" >/dev/null
    q -c "UPDATE incident_supervision s SET overdue_at = now() FROM incident i
          WHERE i.id = s.incident_id AND i.region_path <@ '1.2.100' AND s.overdue_at IS NULL" >/dev/null
    q -c "UPDATE incident SET region_path = text2ltree('1.2.101.1003' || CASE WHEN nlevel(region_path) > 4
          THEN '.' || ltree2text(subpath(region_path, 4)) ELSE '' END)
          WHERE region_path <@ '$moved'" >/dev/null
    after_writes=$(check)
    q -c "WITH moved AS (DELETE FROM stats_delta_batch RETURNING id)
          INSERT INTO stats_day SELECT node_id, day, dim, key, sum(n), sum(micros) FROM stats_delta
          WHERE id IN (SELECT id FROM moved) GROUP BY 1, 2, 3, 4 ON CONFLICT (node_id, day, dim, key) DO UPDATE SET n = stats_day.n + EXCLUDED.n,
             micros = stats_day.micros + EXCLUDED.micros" >/dev/null
    q -c "DELETE FROM stats_day WHERE n = 0" >/dev/null
    after_fold=$(check)
    echo "aggregate rows of communities 100 and 101 (and their compounds) differing from a recount of their incidents:"
    echo "$before before any write, $after_writes after transitions, closings, red marks and moving compound 1003 from"
    echo "community 100 to 101 through the triggers (deltas not folded), $after_fold after folding the deltas in"
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
    echo "Statements: OVERVIEW, DAYS and BOTH are the server's (the aggregate of V7_93); ROWS_* the baseline of before"
    echo "V7_93 (bench/stats/rows/), straight from the incident rows, run in the same run under the same load."
    echo
    echo "| scope | statement | load avg before | runs | p50 ms | p95 ms | p99 ms | max ms |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "<details><summary>EXPLAIN ANALYZE: county OVERVIEW, community OVERVIEW</summary>"
    echo
    echo '```'
    plan "$county_ids" OVERVIEW
    echo
    plan "$community_ids" OVERVIEW
    echo '```'
    echo "</details>"
    echo
    compare_answers
    consistency
} >> "$RESULTS"
log "appended to $RESULTS"
