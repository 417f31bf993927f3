#!/usr/bin/env bash
# The dispatch console in a real browser: Debian's chromium (installed from Debian's packages when missing, as
# infra/local/services installs PostgreSQL) driven by puppeteer-core against the packaged jar
# (backend/target/quarkus-app/quarkus-run.jar, which carries the console) in the demo profile, on spare ports with a
# fresh database of its own (GRIDGOV_CONSOLE_E2E_DB, default gridgov_console_e2e) and keys in a temporary folder.
# Always stops the server and drops the database. Screenshots go to backend/console/target/e2e/.
#   ./e2e.sh     (after npm ci and the backend's package; needs the local services: ./gridgov services up)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/backend/target/quarkus-app/quarkus-run.jar"
db="${GRIDGOV_CONSOLE_E2E_DB:-gridgov_console_e2e}"
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtAc "$1" postgres; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [[ ! -f "$jar" ]]; then
    echo "no $jar: build the backend first (mvn -B -DskipTests package)" >&2
    exit 1
fi
browser="${GRIDGOV_CHROMIUM:-$(command -v chromium || true)}"
if [[ -z "$browser" ]]; then
    echo "[console e2e] chromium is not installed: installing it from Debian's packages" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser="$(command -v chromium)"
fi
# Chinese text in the screenshots needs a CJK font (the page works without one)
if command -v fc-list >/dev/null 2>&1 && [[ -z "$(fc-list :lang=zh 2>/dev/null)" ]]; then
    echo "[console e2e] no Chinese font: installing fonts-wqy-microhei from Debian's packages" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null || true
fi
if [[ ! -d "$here/node_modules/puppeteer-core" ]]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

spare_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port="$(spare_port)"
mport="$(spare_port)"
while [[ "$mport" == "$port" ]]; do mport="$(spare_port)"; done

keys="$(mktemp -d -t gridgov-console-e2e-keys.XXXXXX)"
log="$(mktemp -t gridgov-console-e2e.XXXXXX.log)"
pid=""
cleanup() {
    status=$?
    if [[ -n "$pid" ]]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    psql_ "drop database if exists $db with (force)" || true
    rm -rf "$keys"
    if [[ $status -ne 0 ]]; then
        echo "console end-to-end tests failed; last lines of the server's log ($log):" >&2
        tail -n 40 "$log" >&2 || true
    else
        rm -f "$log"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_ "drop database if exists $db with (force)"
psql_ "create database $db"
started=$(date +%s)
GRIDGOV_DB_NAME="$db" GRIDGOV_DEMO_KEYS_DIR="$keys" GRIDGOV_MANAGEMENT_PORT="$mport" \
    java -Dquarkus.profile=demo -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" \
    -jar "$jar" >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; then
        ready=1
        break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "the server exited before it was ready" >&2
        exit 1
    fi
    sleep 0.5
done
if [[ -z "${ready:-}" ]]; then
    echo "the server was not ready after 120 s" >&2
    exit 1
fi
echo "server ready on http://127.0.0.1:$port after $(( $(date +%s) - started )) s (database $db)"

cd "$here"
mkdir -p target/e2e
GRIDGOV_E2E_URL="http://127.0.0.1:$port" GRIDGOV_CHROMIUM="$browser" GRIDGOV_SCREENSHOTS="$here/target/e2e" \
    node --test --test-concurrency=1 e2e/
