#!/usr/bin/env bash
# Builds the dispatch console with the machine's Node.js (no Node download): installs the locked packages from the
# npm registry when node_modules is missing or older than package-lock.json (npm ci), then bundles with esbuild.
# Called by the backend's Maven build (generate-resources); the output folder is its argument.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if ! command -v node >/dev/null 2>&1; then
    echo "the dispatch console needs Node.js 20 or later on the PATH (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
node build.mjs "$@"
