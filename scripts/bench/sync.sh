#!/usr/bin/env bash
# Issue 6 benchmark (docs/benchmarks.md): a full sync of 20,000 contacts against `prospector simulator` on the basic
# plan (time scale BENCH_SCALE, default 60), then an incremental run after 1% of the contacts changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
. scripts/lib/bench.sh

SCALE=${BENCH_SCALE:-60}
CONTACTS=${BENCH_CONTACTS:-20000}
bench_prospector
start_postgres
WORK=$(mktemp -d /tmp/prospector-sync-bench.XXXXXX)
bench_simulator "$WORK" --plan basic --time-scale "$SCALE" --people "$CONTACTS" --contacts "$CONTACTS"
echo "==> machine: $(nproc) cores; simulator on port $PORT, time scale $SCALE, $CONTACTS contacts" >&2
python3 scripts/bench/sync_bench.py "$PROSPECTOR" "$PROSPECTOR_TEST_POSTGRES_URL" "$SCALE" "$PORT" "$CONTACTS"
rm -rf "$WORK"
