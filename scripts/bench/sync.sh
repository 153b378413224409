#!/usr/bin/env bash
# Issue 6 benchmark (docs/benchmarks.md): a full sync of 20,000 contacts against `prospector simulator` on the basic
# plan (time scale BENCH_SCALE, default 60), then an incremental run after 1% of the contacts changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
trap 'stop_postgres; [ -n "${SIM_PID:-}" ] && kill "$SIM_PID" 2>/dev/null || true' EXIT

SCALE=${BENCH_SCALE:-60}
CONTACTS=${BENCH_CONTACTS:-20000}
echo "==> release build of prospector" >&2
swift build -c release --product prospector >&2
PROSPECTOR="$(swift build -c release --show-bin-path)/prospector"
start_postgres
PORT=$(free_port)
WORK=$(mktemp -d /tmp/prospector-sync-bench.XXXXXX)
"$PROSPECTOR" simulator --port "$PORT" --plan basic --time-scale "$SCALE" --people "$CONTACTS" --contacts "$CONTACTS" >"$WORK/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 300); do grep -q "Server started" "$WORK/simulator.log" && break; sleep 0.1; done
echo "==> machine: $(nproc) cores; simulator on port $PORT, time scale $SCALE, $CONTACTS contacts" >&2
python3 scripts/bench/sync_bench.py "$PROSPECTOR" "$PROSPECTOR_TEST_POSTGRES_URL" "$SCALE" "$PORT" "$CONTACTS"
rm -rf "$WORK"
