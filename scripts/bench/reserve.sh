#!/usr/bin/env bash
# Issue 17 benchmark (docs/benchmarks.md): the interactive reserve fixed next to lent, in one run. Three `prospector
# worker` processes (and a `prospector serve` for the interactive runs) on a throwaway PostgreSQL against `prospector
# simulator` whose enrichment limit is BENCH_ENRICHMENT_PER_MINUTE (default 60) a minute, at time scale BENCH_SCALE
# (default 15: a simulated minute in four real seconds).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
. scripts/lib/bench.sh

SCALE=${BENCH_SCALE:-15}
LIMIT=${BENCH_ENRICHMENT_PER_MINUTE:-60}
bench_prospector
WORK=$(mktemp -d /tmp/prospector-reserve-bench.XXXXXX)

start_postgres
bench_simulator "$WORK" --plan basic --limits "enrichment=$LIMIT" --time-scale "$SCALE" --people 20000 --organizations 2000
echo "==> machine: $(nproc) cores; simulator on port $PORT, enrichment $LIMIT a minute, time scale $SCALE" >&2
BENCH_FREE_PORT_A=$(free_port) BENCH_FREE_PORT_B=$(free_port) \
    python3 scripts/bench/reserve_bench.py "$PROSPECTOR" "$PROSPECTOR_TEST_POSTGRES_URL" "$SCALE" "$PORT" "$WORK"
if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "==> logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
