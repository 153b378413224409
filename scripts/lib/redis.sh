# Shared by ./scripts/test and the benchmarks: a throwaway redis-server.
# start_redis installs redis-server from Debian's packages where missing, starts it on a free port in a temporary
# directory with the append-only file on, and exports PROSPECTOR_TEST_REDIS_URL; stop_redis stops it and removes the
# directory (./scripts/test calls it on exit, whatever happened). Needs free_port and as_root (scripts/lib/postgres.sh).

start_redis() {
    if ! command -v redis-server >/dev/null; then
        log "installing redis-server from Debian's packages"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
    fi
    REDIS_DIR=$(mktemp -d /tmp/prospector-redis.XXXXXX)
    REDIS_PORT=$(free_port)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --appendonly yes --save "" --daemonize no \
        --logfile "$REDIS_DIR/redis.log" &
    REDIS_PID=$!
    for _ in $(seq 1 100); do
        redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    export PROSPECTOR_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    log "throwaway redis-server on port $REDIS_PORT ($REDIS_DIR, AOF on)"
}

stop_redis() {
    if [ -n "${REDIS_PID:-}" ]; then
        kill "$REDIS_PID" 2>/dev/null || true
        wait "$REDIS_PID" 2>/dev/null || true
        REDIS_PID=
    fi
    if [ -n "${REDIS_DIR:-}" ]; then rm -rf "$REDIS_DIR"; REDIS_DIR=; fi
    if [ -n "${BULLMQ_DIR:-}" ]; then rm -rf "$BULLMQ_DIR"; BULLMQ_DIR=; fi
}

# install_bullmq: BullMQ's Python port from PyPI in a throwaway virtualenv (removed by stop_redis), the real
# peer of the BullMQ interoperability suite; exports PROSPECTOR_BULLMQ_PYTHON.
install_bullmq() {
    BULLMQ_DIR=$(mktemp -d /tmp/prospector-bullmq.XXXXXX)
    python3 -m venv "$BULLMQ_DIR/venv"
    "$BULLMQ_DIR/venv/bin/pip" install -q bullmq >&2
    export PROSPECTOR_BULLMQ_PYTHON="$BULLMQ_DIR/venv/bin/python"
    log "bullmq $("$PROSPECTOR_BULLMQ_PYTHON" -c 'import importlib.metadata as m; print(m.version("bullmq"))') (PyPI) for the interoperability suite"
}
