#!/usr/bin/env bash
# Regenerates openapi.json and openapi.yaml (the document the application serves: OpenApiContractTest, run with
# -Dgridgov.openapi.write=true, writes them from a @QuarkusTest instance) and the client's types generated from
# them (client/api-types.ts, openapi-typescript). `./gridgov test` fails while any of the three is stale.
#   miniapp-api-docs/export-openapi.sh        (needs infra/local/services up; GRIDGOV_TEST_DB picks the database)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -pl backend test -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dgridgov.openapi.write=true
cd miniapp-api-docs/client
[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error
npm run --silent types:generate
echo "wrote miniapp-api-docs/openapi.json, openapi.yaml and client/api-types.ts"
