#!/usr/bin/env bash
# Issue 14 benchmark (docs/benchmarks.md): time to first paint of the dashboard's overview in headless Chromium,
# `prospector serve` (release, PostgreSQL) on an empty database and on one holding BENCH_CONTACTS contacts (default
# 50,000, synced from `prospector simulator`) and BENCH_JOBS jobs (default 10,000, in every state), side by side.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
. scripts/lib/bench.sh

SCALE=${BENCH_SCALE:-600}
CONTACTS=${BENCH_CONTACTS:-50000}
JOBS=${BENCH_JOBS:-10000}
bench_prospector
start_postgres
WORK=$(mktemp -d /tmp/prospector-dashboard-bench.XXXXXX)
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q selenium >&2
bench_simulator "$WORK" --plan basic --time-scale "$SCALE" --people "$CONTACTS" --contacts "$CONTACTS"
echo "==> machine: $(nproc) cores; simulator on port $PORT, $CONTACTS contacts, $JOBS jobs" >&2
"$WORK/venv/bin/python" scripts/bench/dashboard_bench.py "$PROSPECTOR" "$PROSPECTOR_TEST_POSTGRES_URL" "$SCALE" "$PORT" \
    "$CONTACTS" "$JOBS" "$WORK" "$PG_BIN"
rm -rf "$WORK"
