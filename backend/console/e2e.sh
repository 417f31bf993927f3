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
db="${GRIDGOV_CONSOLE_E2E_DB:-gridgov_console_e2e}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

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

e2e_name="console-e2e"
# shellcheck source=../../infra/local/demo-server.sh
source "$root/infra/local/demo-server.sh"

cd "$here"
mkdir -p target/e2e
GRIDGOV_E2E_URL="http://127.0.0.1:$port" GRIDGOV_CHROMIUM="$browser" GRIDGOV_SCREENSHOTS="$here/target/e2e" \
    node --test --test-concurrency=1 e2e/
