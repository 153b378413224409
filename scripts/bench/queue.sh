#!/usr/bin/env bash
# Job queue benchmark (issue 3): ours versus pgqueuer on one PostgreSQL cluster, in one run.
#   1. drain N no-op jobs (default 100,000): jobs per second, ours and pgqueuer's, and the ratio;
#   2. pickup latency of single jobs enqueued one at a time (1,000 samples), NOTIFY and poll-only;
#   3. the same drain on SQLite.
# Usage: scripts/bench/queue.sh [jobs]   (results are printed as JSON lines and summarised at the end)
# BENCH_BASELINE_PROBE=/path/to/an/older/jobqueue-probe adds that build to every round, side by side (before/after a
# change on one machine in one run).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
trap stop_postgres EXIT

JOBS=${1:-100000}
CONCURRENCY=${BENCH_CONCURRENCY:-50}
WORK=$(mktemp -d /tmp/prospector-bench.XXXXXX)

echo "==> release build of the probe worker" >&2
swift build -c release --product jobqueue-probe >&2
PROBE="$(swift build -c release --show-bin-path)/jobqueue-probe"

echo "==> pgqueuer in a throwaway virtualenv" >&2
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q pgqueuer asyncpg >&2
PGQ_VERSION=$("$WORK/venv/bin/python" -c 'import pgqueuer; print(pgqueuer.__version__)')

start_postgres
psql_admin() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atqc "$1" postgres; }
echo "==> machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); PostgreSQL $(psql_admin 'SHOW server_version'), fsync=$(psql_admin 'SHOW fsync'), synchronous_commit=$(psql_admin 'SHOW synchronous_commit'), shared_buffers=$(psql_admin 'SHOW shared_buffers')" >&2

# The machine is noisy: the two queues alternate for ROUNDS rounds, each on a fresh database.
ROUNDS=${BENCH_ROUNDS:-2}
ours_runs=()
pgq_runs=()
baseline_runs=()
BASELINE=${BENCH_BASELINE_PROBE:-}
# probe_drain PROBE DB: a fresh database DB, migrated and seeded by PROBE, drained by it; prints the JSON result.
probe_drain() {
    local probe=$1 url="postgres://postgres@127.0.0.1:$PG_PORT/$2"
    psql_admin "DROP DATABASE IF EXISTS $2" && psql_admin "CREATE DATABASE $2"
    "$probe" migrate --database "$url" >/dev/null
    "$probe" seed --database "$url" --count "$JOBS" >/dev/null
    "$probe" drain --database "$url" --queues "default=$CONCURRENCY" --expect "$JOBS" --poll-ms 50 | grep jobs_per_second
}
for round in $(seq 1 "$ROUNDS"); do
    if [ -n "$BASELINE" ]; then
        base=$(probe_drain "$BASELINE" baseline)
        echo "round $round baseline postgresql drain: $base"
        baseline_runs+=("$base")
    fi
    ours=$(probe_drain "$PROBE" ours)
    OURS="postgres://postgres@127.0.0.1:$PG_PORT/ours"
    echo "round $round ours postgresql drain: $ours"
    ours_runs+=("$ours")
    psql_admin "DROP DATABASE IF EXISTS pgq" && psql_admin "CREATE DATABASE pgq"
    PGQ="postgres://postgres@127.0.0.1:$PG_PORT/pgq"
    pgq=$("$WORK/venv/bin/python" scripts/bench/pgqueuer_drain.py "$PGQ" "$JOBS" "$CONCURRENCY" | grep jobs_per_second)
    echo "round $round pgqueuer $PGQ_VERSION postgresql drain: $pgq"
    pgq_runs+=("$pgq")
done

latency_notify=$("$PROBE" latency --database "$OURS" --samples 1000 | grep p50_ms)
echo "ours pickup latency (NOTIFY): $latency_notify"
latency_poll=$("$PROBE" latency --database "$OURS" --samples 1000 --poll-only --poll-ms 100 | grep p50_ms)
echo "ours pickup latency (poll-only, 100 ms interval): $latency_poll"

SQLITE="$WORK/bench.sqlite"
"$PROBE" migrate --database "$SQLITE" >/dev/null
"$PROBE" seed --database "$SQLITE" --count "$JOBS" >/dev/null
sqlite=$("$PROBE" drain --database "$SQLITE" --queues "default=$CONCURRENCY" --expect "$JOBS" --poll-ms 50 | grep jobs_per_second)
echo "ours sqlite drain: $sqlite"

python3 - "${#ours_runs[@]}" "${ours_runs[@]}" "${pgq_runs[@]}" "${baseline_runs[@]}" <<'PY'
import json, statistics, sys
n = int(sys.argv[1])
rate = lambda x: json.loads(x)["jobs_per_second"]
ours = [rate(x) for x in sys.argv[2:2 + n]]
pgq = [rate(x) for x in sys.argv[2 + n:2 + 2 * n]]
base = [rate(x) for x in sys.argv[2 + 2 * n:]]
print(f"ours jobs/s: {[round(x) for x in ours]}  pgqueuer jobs/s: {[round(x) for x in pgq]}")
print(f"ratio ours/pgqueuer (median of rounds): {statistics.median(ours) / statistics.median(pgq):.2f}")
if base:
    print(f"baseline jobs/s: {[round(x) for x in base]}  ratio baseline/pgqueuer: {statistics.median(base) / statistics.median(pgq):.2f}")
    print(f"ratio ours/baseline (median of rounds): {statistics.median(ours) / statistics.median(base):.2f}")
PY
rm -rf "$WORK"
