#!/usr/bin/env bash
# The suite on a busy machine: two busy loops keep both cores at 100% while the suite (all but the 60,000-contact sync)
# runs RUNS times on SQLite and RUNS times on a throwaway PostgreSQL. Prints one line per run; exits non-zero if any failed.
# Usage: scripts/bench/loaded-suite.sh   (RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/postgres.sh
RUNS=${RUNS:-3}
swift build --build-tests >&2
export PROSPECTOR_BIN_DIR="$(swift build --show-bin-path)"
start_postgres -c fsync=off
postgres_url=$PROSPECTOR_TEST_POSTGRES_URL
yes > /dev/null & busy1=$!
yes > /dev/null & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null; stop_postgres' EXIT
failed=0
for engine in sqlite postgresql; do
    for run in $(seq 1 "$RUNS"); do
        if [ "$engine" = postgresql ]; then export PROSPECTOR_TEST_POSTGRES_URL=$postgres_url; else unset PROSPECTOR_TEST_POSTGRES_URL; fi
        log=$(mktemp)
        start=$(date +%s)
        if swift test --skip-build --skip sixtyThousandContacts >"$log" 2>&1; then status=passed; else status=FAILED; failed=1; fi
        echo "$engine run $run: $status in $(( $(date +%s) - start )) s; $(grep -E 'Test run with' "$log" | tail -1)"
        [ "$status" = passed ] && rm -f "$log" || echo "  log: $log"
    done
done
exit $failed
