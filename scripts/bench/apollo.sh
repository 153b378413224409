#!/usr/bin/env bash
# Issue 4 benchmarks (docs/benchmarks.md): three `prospector worker` processes on a throwaway PostgreSQL against
# `prospector simulator` (basic plan, time scale BENCH_SCALE, default 15: a simulated minute in four real seconds,
# slow enough that Apollo's limit, not this machine, is what binds).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
. scripts/lib/bench.sh

SCALE=${BENCH_SCALE:-15}
# BENCH_PROSPECTOR=/path/to/another/prospector measures that build instead (an older one, for a before/after run).
bench_prospector
WORK=$(mktemp -d /tmp/prospector-apollo-bench.XXXXXX)

start_postgres
bench_simulator "$WORK" --plan basic --time-scale "$SCALE" --people 20000 --organizations 2000
echo "==> machine: $(nproc) cores; simulator on port $PORT, time scale $SCALE" >&2
python3 scripts/bench/apollo_bench.py "$PROSPECTOR" "$PROSPECTOR_TEST_POSTGRES_URL" "$SCALE" "$PORT" "$WORK"
rm -rf "$WORK"
