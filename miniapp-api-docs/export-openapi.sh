#!/usr/bin/env bash
# Regenerates openapi.json and openapi.yaml from a running backend (the document SmallRye OpenAPI builds
# from the resources). Builds the jar if it is missing or older than the sources, runs it on a spare port
# against its own database (GRIDGOV_DB_NAME, default gridgov_apidocs) in the demo profile (keys generated into
# a temporary folder), downloads both formats from its management port (PORT + 1000) and stops it.
#   miniapp-api-docs/export-openapi.sh            (needs infra/local/services up)
#   PORT=18201 REBUILD=1 miniapp-api-docs/export-openapi.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
port="${PORT:-18200}"
db="${GRIDGOV_DB_NAME:-gridgov_apidocs}"
jar="$root/backend/target/quarkus-app/quarkus-run.jar"

# Build when there is no jar, when asked to, or when a source is newer than the jar (a stale jar, stale document).
if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 \
      || -n "$(find "$root/backend/src/main" "$root/backend/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "building the backend ..."
    (cd "$root/backend" && mvn -B -q -DskipTests package)
fi

if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "create database $db"
fi

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is in use; set PORT" >&2
    exit 1
fi

log="$(mktemp -t gridgov-openapi.XXXXXX.log)"
keys="$(mktemp -d -t gridgov-openapi-keys.XXXXXX)"
# OpenAPI, like health and metrics, is served on the management port in the packaged application
mport=$((port + 1000))
GRIDGOV_DB_NAME="$db" GRIDGOV_DEMO_KEYS_DIR="$keys" java -Dquarkus.profile=demo \
    -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" \
    -jar "$jar" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$keys"' EXIT

echo "waiting for http://127.0.0.1:$mport/q/health/ready (log: $log) ..."
for _ in $(seq 1 180); do
    if curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; then
        ready=1
        break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "the server exited; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    sleep 1
done
if [[ -z "${ready:-}" ]]; then
    echo "not ready after 180 s; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi

curl -sf "http://127.0.0.1:$mport/q/openapi?format=json" -o "$here/openapi.json.tmp"
curl -sf "http://127.0.0.1:$mport/q/openapi" -o "$here/openapi.yaml.tmp"
mv "$here/openapi.json.tmp" "$here/openapi.json"
mv "$here/openapi.yaml.tmp" "$here/openapi.yaml"
echo "wrote $here/openapi.json and $here/openapi.yaml"
rm -f "$log"
