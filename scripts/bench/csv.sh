#!/usr/bin/env bash
# Issue 14 benchmark (docs/benchmarks.md): `prospector enrich` over a CSV of BENCH_ROWS rows (default 5,000: unique
# people, duplicates in other case, people Apollo does not know, bad rows) against `prospector simulator` on the basic
# plan at time scale BENCH_SCALE (default 60), on PostgreSQL: Apollo calls per record and credits against unique matches.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
. scripts/lib/bench.sh

SCALE=${BENCH_SCALE:-60}
ROWS=${BENCH_ROWS:-5000}
bench_prospector
start_postgres
WORK=$(mktemp -d /tmp/prospector-csv-bench.XXXXXX)
bench_simulator "$WORK" --plan basic --time-scale "$SCALE" --people 20000
echo "==> machine: $(nproc) cores; simulator on port $PORT, time scale $SCALE, $ROWS rows" >&2
python3 scripts/bench/csv_bench.py "$PROSPECTOR" "$PROSPECTOR_TEST_POSTGRES_URL" "$SCALE" "$PORT" "$ROWS" "$WORK"
rm -rf "$WORK"
