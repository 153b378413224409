# Shared by ./scripts/test: the dashboard in a real browser.
# browser_tests BIN_DIR installs headless Chromium and its driver from Debian's packages where missing, Selenium from
# PyPI into a throwaway virtualenv, and runs Tests/Browser/dashboard_test.py against `prospector serve` on SQLite and
# on a fresh database of the throwaway PostgreSQL cluster. SCREENSHOTS_DIR=<dir> keeps each page's screenshot there
# (docs/screenshots/ was made so).

browser_tests() {
    local bin_dir=$1 work status=0
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        log "installing chromium and chromium-driver from Debian's packages"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
    work=$(mktemp -d /tmp/prospector-browser.XXXXXX)
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q selenium >&2
    log "the dashboard in headless Chromium, on sqlite"
    "$work/venv/bin/python" Tests/Browser/dashboard_test.py --bin "$bin_dir" ${SCREENSHOTS_DIR:+--screenshots "$SCREENSHOTS_DIR"} || status=$?
    if [ "$status" -eq 0 ]; then
        log "the dashboard in headless Chromium, on postgresql"
        local database="browser_$$"
        "${PG_BIN:+$PG_BIN/}psql" -q "$PROSPECTOR_TEST_POSTGRES_URL" -c "CREATE DATABASE $database" >/dev/null
        "$work/venv/bin/python" Tests/Browser/dashboard_test.py --bin "$bin_dir" \
            --database-url "${PROSPECTOR_TEST_POSTGRES_URL%/*}/$database" || status=$?
    fi
    rm -rf "$work"
    return "$status"
}
