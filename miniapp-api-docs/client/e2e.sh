#!/usr/bin/env bash
# The client's end-to-end tests (e2e/*.test.ts) against the real backend: starts the packaged jar
# (backend/target/quarkus-app/quarkus-run.jar, built by `mvn verify` or `mvn package`) in the demo profile on spare
# ports with a fresh database of its own (GRIDGOV_E2E_DB, default gridgov_e2e) and keys in a temporary folder,
# waits until it is ready, runs the tests (Node's built-in WebSocket, --experimental-websocket) and always stops
# the server and drops the database, whatever happened. Needs the local services (./gridgov services up).
#   npm run test:e2e            (after npm ci; compiles first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
db="${GRIDGOV_E2E_DB:-gridgov_e2e}"
e2e_name="e2e"
# shellcheck source=../../infra/local/demo-server.sh
source "$root/infra/local/demo-server.sh"

cd "$here"
GRIDGOV_E2E_URL="http://127.0.0.1:$port" node --experimental-websocket --test dist/e2e/
