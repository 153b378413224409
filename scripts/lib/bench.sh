# Shared by the Apollo-facing benchmarks (scripts/bench/apollo.sh, reserve.sh, sync.sh).
# Needs scripts/lib/postgres.sh sourced first (free_port, stop_postgres). Sourcing it arranges for the throwaway
# PostgreSQL and the simulator to be stopped whenever the script exits.
trap 'stop_postgres; [ -n "${SIM_PID:-}" ] && kill "$SIM_PID" 2>/dev/null || true' EXIT

# bench_prospector: sets PROSPECTOR to BENCH_PROSPECTOR when given (another build, for a before/after run), else to a
# release build of this one.
bench_prospector() {
    if [ -n "${BENCH_PROSPECTOR:-}" ]; then
        PROSPECTOR=$BENCH_PROSPECTOR
    else
        echo "==> release build of prospector" >&2
        swift build -c release --product prospector >&2
        PROSPECTOR="$(swift build -c release --show-bin-path)/prospector"
    fi
}

# bench_simulator WORK ARGS...: starts `prospector simulator` on a free port with ARGS (logging to WORK/simulator.log),
# sets PORT and SIM_PID, and waits until it serves.
# Every prospector process of the run shares APOLLO_CLOCK_ANCHOR: their scaled clocks agree on the rate windows they
# share in PostgreSQL.
bench_simulator() {
    local work=$1; shift
    export APOLLO_CLOCK_ANCHOR=${APOLLO_CLOCK_ANCHOR:-$(date +%s)}
    PORT=$(free_port)
    "$PROSPECTOR" simulator --port "$PORT" "$@" >"$work/simulator.log" 2>&1 &
    SIM_PID=$!
    for _ in $(seq 1 300); do grep -q "Server started" "$work/simulator.log" && break; sleep 0.1; done
}
