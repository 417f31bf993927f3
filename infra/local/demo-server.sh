# Sourced by the end-to-end scripts (miniapp-api-docs/client/e2e.sh, backend/console/e2e.sh): starts the packaged
# jar (backend/target/quarkus-app/quarkus-run.jar) in the demo profile on spare ports ($port, management $mport) with
# a fresh database $db and keys in a temporary folder, waits until it is ready, and on exit always stops the server
# and drops the database (printing the server's last log lines when the tests failed). The caller sets $root (the
# checkout), $db and $e2e_name (names the temporary files and the failure message). Needs ./gridgov services up.
jar="$root/backend/target/quarkus-app/quarkus-run.jar"
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtAc "$1" postgres; }

if [[ ! -f "$jar" ]]; then
    echo "no $jar: build the backend first (mvn -B -DskipTests package)" >&2
    exit 1
fi
spare_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port="$(spare_port)"
mport="$(spare_port)"
while [[ "$mport" == "$port" ]]; do mport="$(spare_port)"; done

keys="$(mktemp -d -t gridgov-$e2e_name-keys.XXXXXX)"
log="$(mktemp -t gridgov-$e2e_name.XXXXXX.log)"
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
        echo "$e2e_name tests failed; last lines of the server's log ($log):" >&2
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

# ready = health UP on the management port (the demo county and staff are loaded before the server opens its port)
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

