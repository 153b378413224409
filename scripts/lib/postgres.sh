# Shared by ./scripts/test and the benchmarks: a throwaway PostgreSQL cluster.
# start_postgres [extra server options…] sets PG_DIR, PG_PORT, PG_BIN and exports PROSPECTOR_TEST_POSTGRES_URL.

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

find_pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
    local bin
    if ! bin=$(find_pg_bin); then
        echo "==> PostgreSQL server not found: installing it from Debian packages" >&2
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
        bin=$(find_pg_bin)
    fi
    PG_DIR=$(mktemp -d /tmp/prospector-pg.XXXXXX)
    PG_PORT=$(free_port)
    local runner=()
    if [ "$(id -u)" = 0 ]; then
        # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$PG_DIR"
        runner=(runuser -u postgres --)
    fi
    PG_RUNNER=("${runner[@]}")
    "${runner[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync >/dev/null
    "${runner[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 $*" start >/dev/null
    PG_BIN=$bin
    export PROSPECTOR_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
    echo "==> throwaway PostgreSQL on port $PG_PORT ($PG_DIR)" >&2
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ]; then
        "${PG_RUNNER[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}
