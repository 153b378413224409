#!/usr/bin/env bash
# Issue 16 benchmark (docs/benchmarks.md): the HTTP API against the framework's own ceiling, side by side in one run.
# A bare Vapor app (one JSON route, Benchmarks/BareVapor) and `prospector serve` (release, PostgreSQL holding
# BENCH_CONTACTS contacts, default 50,000, synced from `prospector simulator`), both measured with wrk (Debian
# package, installed where missing) at 16 and 128 connections: the bare route; `GET /health`; an authenticated cached
# read (`GET /api/deals/stages`); a database read (`GET /api/contacts?limit=50`); a cached `POST /api/leads/search`.
# BENCH_SECONDS (default 10) per measurement; BENCH_PROSPECTOR / BENCH_BARE name other builds; BENCH_BEFORE names a
# second prospector build measured beside the first on the same database (a before/after run).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
. scripts/lib/bench.sh

CONTACTS=${BENCH_CONTACTS:-50000}
if ! command -v wrk >/dev/null; then
    echo "==> installing wrk from Debian's packages" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk >/dev/null
fi
bench_prospector
if [ -n "${BENCH_BARE:-}" ]; then
    BARE=$BENCH_BARE
else
    swift build -c release --product bare-vapor >&2
    BARE="$(swift build -c release --show-bin-path)/bare-vapor"
fi
start_postgres
WORK=$(mktemp -d /tmp/prospector-http-bench.XXXXXX)
# Limits far above the benchmark's own calls (the sync's 500 pages, the cache misses): it measures our API, not a plan.
bench_simulator "$WORK" --plan professional --people "$CONTACTS" --contacts "$CONTACTS" \
    --limits standard=100000/1000000/10000000,search=100000/1000000/10000000,enrichment=100000/1000000/10000000
echo "==> machine: $(nproc) cores; simulator on port $PORT, $CONTACTS contacts" >&2
python3 scripts/bench/http_bench.py "$PROSPECTOR" "$BARE" "$PROSPECTOR_TEST_POSTGRES_URL" "$PORT" "$WORK" "${BENCH_SECONDS:-10}"
rm -rf "$WORK"
