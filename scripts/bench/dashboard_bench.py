"""Issue 14 benchmark: the overview's time to first paint, empty database against 50,000 contacts and 10,000 jobs."""
import json, os, re, socket, statistics, subprocess, sys, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PROSPECTOR, ADMIN_URL, SCALE, SIM_PORT, CONTACTS, JOBS, WORK, PG_BIN = sys.argv[1:9]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, sql):
    subprocess.run([os.path.join(PG_BIN, "psql"), "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True, capture_output=True)


def environment(database_url):
    return dict(os.environ, DATABASE_URL=database_url, APOLLO_API_KEY="sim-master-key", APOLLO_BASE_URL=f"http://127.0.0.1:{SIM_PORT}/api/v1",
                APOLLO_PLAN="basic", APOLLO_CLOCK_SCALE=SCALE, PROSPECTOR_ENV="production", SYNC_INTERVAL_MINUTES="0")


def database(name):
    psql(ADMIN_URL, f"CREATE DATABASE {name}")
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def serve(url, port):
    process = subprocess.Popen([PROSPECTOR, "serve", "--port", str(port), "--no-worker"], env=environment(url), cwd=WORK,
                               stdout=subprocess.PIPE, stderr=open(os.path.join(WORK, f"serve-{port}.log"), "w"), text=True)
    key = None
    while key is None:
        line = process.stdout.readline()
        match = re.search(r"Admin API key: (\S+)", line)
        key = match.group(1) if match else key
        if not line and process.poll() is not None:
            raise SystemExit("serve stopped before printing its key")
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    return process, key


def first_paints(driver, base, key):
    driver.delete_all_cookies()
    driver.get(base + "/sign-in")
    driver.find_element(By.ID, "apiKey").send_keys(key + Keys.ENTER)
    for _ in range(100):
        if driver.find_elements(By.ID, "apollo-mode"):
            break
        time.sleep(0.1)
    else:
        raise SystemExit(f"signing in to {base} did not reach the overview: {driver.current_url} {driver.title}")
    samples = []
    for _ in range(ROUNDS):
        driver.get(base + "/")
        # The paint entry can land after the load event: wait for it (buffered), at most 3 s.
        driver.set_script_timeout(10)
        timing = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const nav = performance.getEntriesByType('navigation')[0];
            let sent = false;
            const finish = (paint) => { if (!sent) { sent = true; done({fcp: paint ? paint.startTime : null,
                ttfb: nav.responseStart - nav.requestStart, load: nav.loadEventEnd}); } };
            const seen = performance.getEntriesByName('first-contentful-paint')[0];
            if (seen) { finish(seen); return; }
            new PerformanceObserver((list) => finish(list.getEntriesByName('first-contentful-paint')[0]))
                .observe({type: 'paint', buffered: true});
            setTimeout(() => finish(null), 3000);""")
        samples.append(timing)
    return samples


def summary(samples, field):
    values = sorted(float(sample[field]) for sample in samples if sample[field] is not None)
    if not values:
        return None
    return {"median_ms": round(statistics.median(values), 1), "p90_ms": round(values[max(0, int(len(values) * 0.9) - 1)], 1)}


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)

empty_url = database("dashboard_empty")
loaded_url = database("dashboard_loaded")
# The loaded database: a full sync of the simulator's contacts, then jobs in every state (as a busy queue holds them).
started = time.time()
subprocess.run([PROSPECTOR, "sync", "contacts", "--full"], env=environment(loaded_url), check=True, capture_output=True)
sync_seconds = time.time() - started
states = "CASE WHEN n % 10 < 6 THEN 'completed' WHEN n % 10 < 8 THEN 'available' WHEN n % 10 = 8 THEN 'dead' ELSE 'cancelled' END"
psql(loaded_url, f"""
    INSERT INTO jobs (queue, kind, payload, state, priority, run_at, attempt, max_attempts, cancel_requested, progress, result,
                      last_error, created_at, updated_at, finished_at)
    SELECT (ARRAY['enrich','sync','automation','apollo-enrichment'])[1 + n % 4], 'enrich.people', '{{"people": []}}', {states}, 0,
           extract(epoch from now()) + 86400, 1, 3, false, '{{"done": 5, "total": 10}}', NULL, NULL,
           extract(epoch from now()) - n, extract(epoch from now()) - n, NULL
    FROM generate_series(1, {JOBS}) AS n""")
counts = {}
for label, url in (("empty", empty_url), ("loaded", loaded_url)):
    port = free_port()
    process, key = serve(url, port)
    try:
        counts[label] = first_paints(driver, f"http://127.0.0.1:{port}", key)
    finally:
        process.terminate()
        process.wait(timeout=30)
driver.quit()
for label, samples in counts.items():
    print(json.dumps({"database": label, "rounds": len(samples), "first_contentful_paint": summary(samples, "fcp"),
                      "time_to_first_byte": summary(samples, "ttfb"), "load_event": summary(samples, "load")}))
ratio = summary(counts["loaded"], "fcp")["median_ms"] / summary(counts["empty"], "fcp")["median_ms"]
print(json.dumps({"contacts": int(CONTACTS), "jobs": int(JOBS), "sync_seconds": round(sync_seconds, 1), "fcp_loaded_over_empty": round(ratio, 2)}))
