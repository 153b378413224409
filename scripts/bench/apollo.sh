#!/usr/bin/env bash
# Issue 4 benchmarks (docs/benchmarks.md): three `prospector worker` processes on a throwaway PostgreSQL against
# `prospector simulator` (basic plan, time scale BENCH_SCALE, default 15: a simulated minute in four real seconds,
# slow enough that Apollo's limit, not this machine, is what binds).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
trap 'stop_postgres; [ -n "${SIM_PID:-}" ] && kill "$SIM_PID" 2>/dev/null || true' EXIT

SCALE=${BENCH_SCALE:-15}
# BENCH_PROSPECTOR=/path/to/another/prospector measures that build instead (an older one, for a before/after run).
if [ -n "${BENCH_PROSPECTOR:-}" ]; then
    PROSPECTOR=$BENCH_PROSPECTOR
else
    echo "==> release build of prospector" >&2
    swift build -c release --product prospector >&2
    PROSPECTOR="$(swift build -c release --show-bin-path)/prospector"
fi
WORK=$(mktemp -d /tmp/prospector-apollo-bench.XXXXXX)

start_postgres
# Every prospector process runs its scaled clock from this instant: their rate windows are shared in PostgreSQL.
export APOLLO_CLOCK_ANCHOR=$(date +%s)
PORT=$(free_port)
"$PROSPECTOR" simulator --port "$PORT" --plan basic --time-scale "$SCALE" --people 20000 --organizations 2000 >"$WORK/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 200); do grep -q "Server started" "$WORK/simulator.log" && break; sleep 0.1; done
echo "==> machine: $(nproc) cores; simulator on port $PORT, time scale $SCALE" >&2
python3 scripts/bench/apollo_bench.py "$PROSPECTOR" "$PROSPECTOR_TEST_POSTGRES_URL" "$SCALE" "$PORT" "$WORK"
rm -rf "$WORK"
