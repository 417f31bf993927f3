#!/usr/bin/env bash
# Old and new answers of locate on the benchmark's fixed points: runs bench/locate/locate-before.sql (the statement
# before issue 18) and backend/src/main/resources/region/locate.sql over the same points and compares what each
# says about every point, as the endpoint would answer it: the chain (id, code, name, level of each area, county
# first) and the building (id, code, name and the distance in metres, compared unrounded). Exits 1 on any difference.
#
# With --endpoint URL it then asks the server at URL (GET /api/v1/regions/locate, WGS-84) about every point too and
# compares its answers with locate.sql's, the distance rounded to the centimetre as the API gives it: the server
# answers from the region tree it holds in memory (LocateTree) once loaded, so run it after "locate tree held"
# appears in the server's log.
#
# Usage: bench/locate/compare.sh [--points N] [--endpoint URL]
# Env: BENCH_TOKEN (sent as a Bearer token to the endpoint), BENCH_DB (gridgov_bench: the tree of bench/locate/run.sh, migrated by the server to V7_97 at least),
#      PGHOST/PGPORT/PGUSER. Creates the table bench_point as run.sh does when it is missing; reads nothing else.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/locate"
work="$root/bench/results/tmp/locate"
mkdir -p "$work"
DB="${BENCH_DB:-gridgov_bench}"
npoints=10000
endpoint=
while [ $# -gt 0 ]; do
    case "$1" in
        --points) npoints="$2"; shift ;;
        --endpoint) endpoint="$2"; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
. "$root/bench/lib.sh"

[ "$(q -c "SELECT count(*) FROM information_schema.columns WHERE table_name = 'region' AND column_name = 'chain_codes'")" = 1 ] \
    || die "$DB has no region.chain_codes: migrate it first (start the server on it once)"
if [ "$(q -c "SELECT count(*) FROM pg_tables WHERE tablename = 'bench_point'")" = 0 ] \
    || [ "$(q -c "SELECT count(*) FROM bench_point")" != "$npoints" ]; then
    log "creating $npoints fixed points (bench/locate/points.sql, as run.sh does)"
    q -v n_building=$(( npoints * 6 / 10 )) -v n_compound=$(( npoints * 3 / 10 )) \
      -v n_county=$(( npoints - npoints * 6 / 10 - npoints * 3 / 10 )) -f "$here/points.sql"
fi

# Each statement as an SQL function of ($1, $2): the same text, comments dropped, its result types declared.
body() { sed -e 's/--.*$//' -e 's/;[[:space:]]*$//' "$1"; }
answers() { # $1 = old|new, $2 = output file: one line per point, "id<TAB>chain<TAB>building"
    if [ "$1" = old ]; then
        fn="CREATE FUNCTION pg_temp.locate_old(float8, float8) RETURNS TABLE (part text, id bigint, code varchar,
              name varchar, level varchar, depth int, distance_m float8) LANGUAGE sql AS \$fn\$ $(body "$here/locate-before.sql") \$fn\$;"
        sel="SELECT p.id,
                    coalesce(string_agg(format('%s|%s|%s|%s', l.id, l.code, l.name, l.level), ' > ' ORDER BY l.depth)
                             FILTER (WHERE l.part = 'chain'), 'OUTSIDE'),
                    coalesce(max(format('%s|%s|%s|%s', l.id, l.code, l.name, l.distance_m)) FILTER (WHERE l.part = 'building'), '-')
             FROM bench_point p LEFT JOIN LATERAL pg_temp.locate_old(p.lng, p.lat) l ON true
             GROUP BY p.id ORDER BY p.id"
    else
        fn="CREATE FUNCTION pg_temp.locate_new(float8, float8) RETURNS TABLE (chain_ids bigint[], chain_codes text[],
              chain_names text[], chain_levels text[], building_id bigint, building_code varchar, building_name varchar,
              distance_m float8) LANGUAGE sql AS \$fn\$ $(body "$root/backend/src/main/resources/region/locate.sql") \$fn\$;"
        sel="SELECT p.id,
                    coalesce((SELECT string_agg(format('%s|%s|%s|%s', c.i, c.code, c.name, c.level), ' > ' ORDER BY c.n)
                              FROM unnest(l.chain_ids, l.chain_codes, l.chain_names, l.chain_levels)
                                   WITH ORDINALITY AS c(i, code, name, level, n)), 'OUTSIDE'),
                    CASE WHEN l.building_id IS NULL THEN '-'
                         ELSE format('%s|%s|%s|%s', l.building_id, l.building_code, l.building_name, l.distance_m) END
             FROM bench_point p LEFT JOIN LATERAL pg_temp.locate_new(p.lng, p.lat) l ON true
             ORDER BY p.id"
    fi
    # distances written with every digit (extra_float_digits 3), so two floats that differ never print the same
    q -F $'\t' -c "SET extra_float_digits = 3" -c "$fn" -c "$sel" > "$2"
}

log "old answers (locate-before.sql) on $DB"
answers old "$work/compare-old.tsv"
log "new answers (region/locate.sql) on $DB"
answers new "$work/compare-new.tsv"
n=$(wc -l < "$work/compare-old.tsv")
[ "$n" = "$(q -c "SELECT count(*) FROM bench_point")" ] || die "old answers: $n lines for $(q -c "SELECT count(*) FROM bench_point") points"
[ "$(wc -l < "$work/compare-new.tsv")" = "$n" ] || die "new answers: $(wc -l < "$work/compare-new.tsv") lines for $n points"
summary=$(awk -F'\t' '{ c = ($2 == "OUTSIDE") ? "outside" : ($3 == "-") ? "chain, no building" : ($3 ~ /\|0$/) ? "in a footprint" : "nearest building"; n[c]++ }
                     END { for (k in n) printf "%s%s: %d", (s++ ? ", " : ""), k, n[k] }' "$work/compare-old.tsv")
differences=$(diff "$work/compare-old.tsv" "$work/compare-new.tsv" | grep -c '^<' || true)
if [ "$differences" != 0 ]; then
    diff "$work/compare-old.tsv" "$work/compare-new.tsv" | head -20 >&2
    die "$differences of $n points answered differently (files in $work)"
fi
log "$n points, 0 differences ($summary)"

if [ -n "$endpoint" ]; then
    # one curl for all points (kept-alive connection), each answer on a line, then the same TSV as answers()
    q -F $'\t' -c "SELECT id, lng, lat FROM bench_point ORDER BY id" \
        | awk -F'\t' -v base="$endpoint" '{ printf "url = \"%s/api/v1/regions/locate?coordType=wgs84&lng=%s&lat=%s\"\n", base, $2, $3 }' \
        > "$work/compare-endpoint.curl"
    [ -n "${BENCH_TOKEN:-}" ] && echo "header = \"Authorization: Bearer $BENCH_TOKEN\"" >> "$work/compare-endpoint.curl"
    curl -sS -K "$work/compare-endpoint.curl" -w '\n' > "$work/compare-endpoint.json"
    jq -r 'if .code != null and .code != "OUTSIDE_COVERAGE" then "ERROR \(.status) \(.code)\t-"
           elif .chain == null then "OUTSIDE\t-" else
              ([.chain[] | "\(.id)|\(.code)|\(.name)|\(.level)"] | join(" > ")) + "\t" +
              (if .building == null then "-" else "\(.building.id)|\(.building.code)|\(.building.name)|\(.building.distanceMetres)" end)
              end' "$work/compare-endpoint.json" > "$work/compare-endpoint.lines"
    q -c "SELECT id FROM bench_point ORDER BY id" | paste - "$work/compare-endpoint.lines" > "$work/compare-endpoint.tsv"
    [ "$(wc -l < "$work/compare-endpoint.tsv")" = "$n" ] || die "endpoint answers: $(wc -l < "$work/compare-endpoint.tsv") lines for $n points"
    # locate.sql's distances rounded as the API rounds them (to the centimetre), then compared as numbers
    endpoint_differences=$(paste "$work/compare-new.tsv" "$work/compare-endpoint.tsv" | awk -F'\t' '
        function split4(s, a) { return split(s, a, "|") }
        {
            if ($1 != $4 || $2 != $5) { bad++; if (shown++ < 10) print "point " $1 ": " $2 " / " $5 > "/dev/stderr"; next }
            if ($3 == "-" || $6 == "-") { if ($3 != $6) { bad++; if (shown++ < 10) print "point " $1 ": " $3 " / " $6 > "/dev/stderr" }; next }
            split4($3, x); split4($6, y)
            d = x[4] - y[4]; if (d < 0) d = -d
            if (x[1] != y[1] || x[2] != y[2] || x[3] != y[3] || d > 0.0051) { bad++; if (shown++ < 10) print "point " $1 ": " $3 " / " $6 > "/dev/stderr" }
        }
        END { print bad + 0 }')
    [ "$endpoint_differences" = 0 ] || die "$endpoint_differences of $n points answered differently by the endpoint (files in $work)"
    log "the endpoint at $endpoint: $n points, 0 differences from locate.sql"
fi
echo "RESULT points=$n differences=0"
