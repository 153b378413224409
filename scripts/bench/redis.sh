#!/usr/bin/env bash
# Issue 13 benchmark (docs/benchmarks.md), side by side in one run on one throwaway redis-server and PostgreSQL:
#   1. enqueue rate of N no-op jobs (default 100,000) through Prospector's add script, 64 in flight;
#   2. drain of those jobs by Prospector's Redis worker, then by BullMQ's own (Python) worker, at BENCH_CONCURRENCY
#      (default 50), each on a freshly seeded queue;
#   3. the same drain by Prospector's SQL worker on PostgreSQL;
#   4. pickup latency from the add to the handler's start, 1,000 samples, one job at a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '==> %s\n' "$*" >&2; }
. scripts/lib/postgres.sh
. scripts/lib/redis.sh
trap 'stop_postgres; stop_redis' EXIT

JOBS=${1:-100000}
CONCURRENCY=${BENCH_CONCURRENCY:-50}
log "release build of the probe"
swift build -c release --product jobqueue-probe >&2
PROBE="$(swift build -c release --show-bin-path)/jobqueue-probe"
start_redis
install_bullmq
start_postgres
REDIS="$PROSPECTOR_TEST_REDIS_URL"
log "machine: $(nproc) cores; redis-server $(redis-server --version | grep -o 'v=[0-9.]*'); $JOBS jobs, concurrency $CONCURRENCY"

"$PROBE" redis-seed --redis "$REDIS" --queue ours --count "$JOBS"
"$PROBE" redis-drain --redis "$REDIS" --queue ours --count "$JOBS" --concurrency "$CONCURRENCY"
"$PROBE" redis-seed --redis "$REDIS" --queue theirs --count "$JOBS" >/dev/null
"$PROSPECTOR_BULLMQ_PYTHON" scripts/bench/bullmq_drain.py "$REDIS" theirs "$JOBS" "$CONCURRENCY"
PG="${PROSPECTOR_TEST_POSTGRES_URL%/*}/drain"
"$PG_BIN/psql" -q "$PROSPECTOR_TEST_POSTGRES_URL" -c "CREATE DATABASE drain" >/dev/null
"$PROBE" migrate --database "$PG" >/dev/null
"$PROBE" seed --database "$PG" --count "$JOBS" >/dev/null
"$PROBE" drain --database "$PG" --queues "default=$CONCURRENCY" --expect "$JOBS" --poll-ms 50 | grep jobs_per_second | sed 's/^/postgresql: /'
"$PROBE" redis-latency --redis "$REDIS" --queue latency --samples 1000
