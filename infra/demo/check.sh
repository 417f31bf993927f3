#!/usr/bin/env bash
# Checks a generated county tree in a scratch PostGIS database: valid polygons, children inside their parents,
# siblings not overlapping, towns/communities tiling their parent, spacing, counts per level.
# Usage: infra/demo/check.sh FILE.geojson [--expect COUNTY,TOWN,COMMUNITY,COMPOUND,BUILDING]
# Env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) DEMO_CHECK_DB (gridgov_demo_check, created if missing).
# Works on the generator's output (one feature per line). Exit status 0 only if every check passes.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
file="${1:?usage: check.sh FILE.geojson [--expect 1,4,8,32,320]}"
expect=""
if [ "${2:-}" = "--expect" ]; then expect="${3:?--expect needs counts}"; fi
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db="${DEMO_CHECK_DB:-gridgov_demo_check}"
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }
file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"

if ! psql -qAtX -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    psql -qX -d postgres -c "CREATE DATABASE $db"
fi
psql -qX -d "$db" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null

start=$(date +%s)
# One session: temp tables vanish at the end. The file is read line by line (CSV with a delimiter and quote
# that never occur), then check.sql parses the features and fills demo_check.
out="$(psql -X -v ON_ERROR_STOP=1 -d "$db" -qAt -F '|' <<SQL
SET client_min_messages = warning;
CREATE TEMP TABLE demo_line(n bigserial, line text);
\\copy demo_line(line) FROM '$file' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')
\\i $here/check.sql
SELECT 'count', level, features FROM demo_level_count ORDER BY depth;
SELECT 'check', check_name, failures, coalesce(example, '') FROM demo_check;
SQL
)"
secs=$(( $(date +%s) - start ))

failed=0
counts=""
echo "Counts per level ($(basename "$file")):"
while IFS='|' read -r kind a b c; do
    case "$kind" in
        count) printf '  %-10s %8s\n' "$a" "$b"; counts="${counts:+$counts,}$b" ;;
        check)
            if [ "$b" = 0 ]; then printf '  ok    %s\n' "$a"
            else printf '  FAIL  %s: %s failures (e.g. %s)\n' "$a" "$b" "$c"; failed=1; fi ;;
    esac
done <<<"$out"
if [ -n "$expect" ] && [ "$counts" != "$expect" ]; then
    echo "  FAIL  counts per level are $counts, expected $expect"; failed=1
fi
echo "Checked in ${secs}s: $([ $failed = 0 ] && echo 'all checks passed' || echo 'SOME CHECKS FAILED')"
exit $failed
