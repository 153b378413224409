# Shared by ./scripts/test: a property-based run of the whole API from its OpenAPI document.
# fuzz_api BIN_DIR starts `prospector serve` (SQLite, sandbox) in a temporary directory, creates a key with every scope,
# installs schemathesis from PyPI into a throwaway virtualenv, and runs it, bounded (SCHEMATHESIS_MAX_EXAMPLES per
# operation, deterministic, at most 15 minutes): no 5xx, and every status, content type, header and body as documented.

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
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
    if [ "$status" -ne 0 ]; then
        log "schemathesis found a problem (server log: $work/serve.log)"
        return 1
    fi
    rm -rf "$work"
}
