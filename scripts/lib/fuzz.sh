# Shared by ./scripts/test: property-based runs of the whole API from its OpenAPI document.
# fuzz_api BIN_DIR starts `prospector serve` (SQLite, sandbox) in a temporary directory, creates a key with every scope,
# installs schemathesis from PyPI into a throwaway virtualenv, and runs it twice:
# - deterministic, SCHEMATHESIS_MAX_EXAMPLES (15) per operation, five checks (no 5xx, statuses, content types, bodies,
#   headers): the same cases every run;
# - every check (`--checks all`) and every phase (examples, coverage, fuzzing, stateful, following the document's
#   links), SCHEMATHESIS_FULL_EXAMPLES (40) per operation, with a fresh random seed each run — printed, so a failure
#   can be replayed with SCHEMATHESIS_SEED=<seed>.
# Each run is bounded by `timeout` (15 minutes); running out of time is a failure.

fuzz_api() {
    local bin_dir=$1 work port key status=0
    work=$(mktemp -d /tmp/prospector-fuzz.XXXXXX)
    port=$(free_port)
    log "fuzzing the API from its OpenAPI document (schemathesis)"
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q schemathesis >&2
    # --no-worker: the fuzz drives the API alone; jobs are covered by the suite (and on SQLite a worker writing beside
    # the fuzzed requests can make them answer 503, a known limit noted in docs/architecture.md).
    (cd "$work" && exec "$bin_dir/prospector" serve --port "$port" --no-worker >"$work/serve.log" 2>&1) &
    local serve_pid=$!
    for _ in $(seq 1 300); do grep -q "Server started" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
    key=$(cd "$work" && "$bin_dir/prospector" keys create --name fuzz --scopes read,write,enrich,admin)
    timeout 900 "$work/venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
        -H "Authorization: Bearer $key" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
        --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-15}" --generation-deterministic || status=$?
    if [ "$status" -eq 0 ]; then
        local seed=${SCHEMATHESIS_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
        log "schemathesis with every check and phase, seed $seed (replay: SCHEMATHESIS_SEED=$seed ./scripts/test)"
        # A key of its own: the first run may revoke its key (it lists keys and deletes them), which would leave this
        # run testing nothing but 401s.
        key=$(cd "$work" && "$bin_dir/prospector" keys create --name fuzz-full --scopes read,write,enrich,admin)
        timeout 900 "$work/venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
            -H "Authorization: Bearer $key" --checks all --phases examples,coverage,fuzzing,stateful \
            --max-examples "${SCHEMATHESIS_FULL_EXAMPLES:-40}" --seed "$seed" || status=$?
        [ "$status" -eq 0 ] || log "the run with seed $seed failed: replay it with SCHEMATHESIS_SEED=$seed"
    fi
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
    if [ "$status" -ne 0 ]; then
        log "schemathesis found a problem (server log: $work/serve.log)"
        return 1
    fi
    rm -rf "$work"
}
