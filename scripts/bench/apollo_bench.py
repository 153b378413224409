"""Issue 4 benchmarks: utilization, outage and credits of the Apollo pipeline, with three `prospector worker`
processes sharing PostgreSQL, against `prospector simulator` on a basic plan and a time scale; and the reference
architecture's own settings (a fixed 50-per-minute limiter, concurrency 3, one people/match per record) on the same
workload. Standard library only; psql runs the SQL. Prints one JSON object per measurement."""
import json, os, subprocess, sys, threading, time, urllib.request

PROSPECTOR, PG_URL, SCALE = sys.argv[1], sys.argv[2], float(sys.argv[3])
PORT = int(sys.argv[4])
SIM = f"http://127.0.0.1:{PORT}"
KEY = "sim-master-key"
BULK = "api/v1/people/bulk_match"
MATCH = "api/v1/people/match"
BULK_MINUTE_LIMIT = 100  # basic plan: bulk enrichment is a tenth of 1,000 a minute, no hour or day cap


def http(method, path, body=None):
    request = urllib.request.Request(SIM + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"content-type": "application/json", "x-api-key": KEY})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


def psql(sql):
    return subprocess.run(["psql", PG_URL, "-Atq", "-v", "ON_ERROR_STOP=1"], input=sql, check=True, capture_output=True, text=True).stdout.strip()


def counters():
    return http("GET", "/__simulator/counters")


def calls(snapshot, route, status=None):
    statuses = snapshot["calls"].get(route, {})
    return sum(statuses.values()) if status is None else statuses.get(str(status), 0)


def enqueue(emails, per_job=10):
    rows = []
    now = time.time()
    for start in range(0, len(emails), per_job):
        payload = json.dumps({"people": [{"email": e} for e in emails[start:start + per_job]]}).replace("'", "''")
        rows.append(f"('enrich', 'enrich.people', '{payload}', 'available', 0, {now}, 0, 10, false, {now}, {now})")
    psql("INSERT INTO jobs (queue, kind, payload, state, priority, run_at, attempt, max_attempts, cancel_requested, created_at, updated_at) VALUES "
         + ",".join(rows))
    return len(rows)


def wait_for_jobs(expected, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = int(psql("SELECT count(*) FROM jobs WHERE kind = 'enrich.people' AND state IN ('completed', 'dead', 'cancelled')"))
        if done >= expected:
            return
        time.sleep(0.02)
    raise SystemExit(f"jobs did not finish: {psql('SELECT state, count(*) FROM jobs GROUP BY 1')}")


def prospector_environment(**extra):
    """The environment of a `prospector` process on the benchmark's database and simulator."""
    return dict(os.environ, PROSPECTOR_ENV="testing", DATABASE_URL=PG_URL, APOLLO_API_KEY=KEY, APOLLO_BASE_URL=SIM + "/api/v1",
                APOLLO_PLAN="basic", APOLLO_CLOCK_SCALE=str(SCALE), **extra)


def start_workers(count, log_dir, queues="enrich=4", **extra):
    environment = prospector_environment(**({"APOLLO_INTERACTIVE_SHARE": "0"} | extra))
    workers = []
    for index in range(count):
        log = open(os.path.join(log_dir, f"worker{index}.log"), "w")
        process = subprocess.Popen([PROSPECTOR, "worker", "--queues", queues], env=environment, stdout=log, stderr=subprocess.STDOUT)
        workers.append((process, log))
        # The first worker migrates the database; the others start once it is up.
        deadline = time.time() + 120
        while "worker running" not in open(log.name).read():
            if time.time() > deadline or process.poll() is not None:
                raise SystemExit(open(log.name).read()[-3000:])
            time.sleep(0.05)
    return workers


def run(name, emails, log_dir, outage_after=None):
    http("POST", "/__simulator/reset")
    psql("DELETE FROM jobs")
    started = time.time()
    jobs = enqueue(emails)
    if outage_after is not None:
        time.sleep(outage_after / SCALE)
        http("PUT", "/__simulator/faults", {"outage_seconds": 30})
    wait_for_jobs(jobs, timeout=600)
    elapsed = time.time() - started
    snapshot = counters()
    states = dict(tuple(line.split("|")) for line in psql("SELECT state, count(*) FROM jobs GROUP BY 1").splitlines())
    simulated = elapsed * SCALE
    made = calls(snapshot, BULK, 200)
    used, closed = utilization(snapshot, BULK, BULK_MINUTE_LIMIT)
    return {
        "run": name, "records": len(emails), "jobs": jobs, "job_states": states, "wall_seconds": round(elapsed, 3),
        "simulated_seconds": round(simulated, 1), "bulk_calls_200": made, "bulk_calls_429": calls(snapshot, BULK, 429),
        "bulk_calls_503": calls(snapshot, BULK, 503), "calls_per_record": round(calls(snapshot, BULK) / len(emails), 4),
        "utilization_of_binding_window": None if used is None else round(used, 3), "closed_minute_windows": closed["windows"],
        "credits": snapshot["credits"]["total"],
    }


def reference(emails, concurrency=3, per_minute=50):
    """The reference architecture: a fixed 50-per-minute limiter shared by three workers, one people/match each."""
    http("POST", "/__simulator/reset")
    interval = 60 / per_minute / SCALE
    lock = threading.Lock()
    next_slot = [time.time()]
    queue = list(emails)

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                email = queue.pop()
                slot = max(next_slot[0], time.time())
                next_slot[0] = slot + interval
            time.sleep(max(0, slot - time.time()))
            try:
                http("POST", "/api/v1/people/match", {"email": email})
            except Exception:
                pass

    started = time.time()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started
    snapshot = counters()
    return {"run": "reference (50/min limiter, concurrency 3, people/match per record)", "records": len(emails),
            "wall_seconds": round(elapsed, 3), "simulated_seconds": round(elapsed * SCALE, 1),
            "match_calls": calls(snapshot, MATCH), "calls_429": calls(snapshot, MATCH, 429), "calls_per_record": round(calls(snapshot, MATCH) / len(emails), 4),
            "credits": snapshot["credits"]["total"]}


def main():
    log_dir = sys.argv[5]
    people = [p["email"] for p in http("GET", "/__simulator/sample?people=20000")["people"] if p.get("email")]
    workers = start_workers(3, log_dir)
    try:
        ours = run("ours: utilization (3 workers, bulk match)", people[:3000], log_dir)
        print(json.dumps(ours))
        ref = reference(people[:3000])
        print(json.dumps(ref))
        print(json.dumps({"wall_clock_ratio_reference_over_ours": round(ref["wall_seconds"] / ours["wall_seconds"], 2)}))
        outage = run("ours: 503 outage of 30 simulated seconds, 60 s into the run", people[3000:6000], log_dir, outage_after=60)
        opened = sum(open(os.path.join(log_dir, f"worker{i}.log")).read().count("circuit breaker opened") for i in range(3))
        outage["breaker_openings_logged"] = opened
        print(json.dumps(outage))
        unique = people[6000:6700]
        duplicated = unique + [e.upper() for e in unique[:300]]
        first = run("ours: credits, 1,000 records with 30% duplicates", duplicated, log_dir)
        print(json.dumps(first))
        second = run("ours: credits, the same list again", duplicated, log_dir)
        print(json.dumps(second))
    finally:
        stop(workers)


def stop(processes):
    for process, log in processes:
        process.terminate()
    for process, log in processes:
        process.wait(timeout=60)
        log.close()


def utilization(snapshot, route, limit_per_minute):
    """Calls in the minute windows of `route` that closed during a run, over what those windows allowed for as long as
    they (and the gaps before the next one) lasted."""
    closed = snapshot.get("closed_minute_windows", {}).get(route, {"windows": 0, "calls": 0, "seconds": 0})
    return (closed["calls"] / (limit_per_minute * closed["seconds"] / 60) if closed["seconds"] else None), closed


if __name__ == "__main__":
    main()
