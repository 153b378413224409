"""Issue 17 benchmark: the interactive reserve fixed (APOLLO_RESERVE_LENDING=false) next to lent (the defaults), side by
side in one run. Three `prospector worker` processes enrich people one by one (`enrich-person` jobs, Apollo's
people/match) against a simulator whose enrichment limit is LIMIT a minute; in the second pair of runs a
`prospector serve` answers `POST /api/leads/enrich` at a steady rate meanwhile (one every INTERACTIVE_EVERY simulated
seconds, each for a person nobody enriched before). Prints one JSON object per run."""
import json, os, statistics, subprocess, sys, threading, time, urllib.error, urllib.request

import apollo_bench as bench

LIMIT = int(os.environ.get("BENCH_ENRICHMENT_PER_MINUTE", "60"))
RECORDS = int(os.environ.get("BENCH_RECORDS", "600"))
INTERACTIVE_EVERY = float(os.environ.get("BENCH_INTERACTIVE_EVERY", "10"))
MAX_WAIT = 5.0  # APOLLO_INTERACTIVE_MAX_WAIT_SECONDS, Apollo's seconds
MATCH = bench.MATCH


def enqueue(emails):
    now = time.time()
    rows = [f"('apollo-enrichment', 'enrich-person', '{json.dumps({'email': e})}', 'available', 0, {now}, 0, 3, false, {now}, {now})"
            for e in emails]
    bench.psql("INSERT INTO jobs (queue, kind, payload, state, priority, run_at, attempt, max_attempts, cancel_requested, created_at, updated_at) "
               "VALUES " + ",".join(rows))


def wait_for_jobs(expected, timeout=900):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if int(bench.psql("SELECT count(*) FROM jobs WHERE kind = 'enrich-person' AND state IN ('completed', 'dead', 'cancelled')")) >= expected:
            return
        time.sleep(0.05)
    raise SystemExit(f"jobs did not finish: {bench.psql('SELECT state, count(*) FROM jobs GROUP BY 1')}")


def start_serve(log_dir, port, environment):
    log = open(os.path.join(log_dir, f"serve-{port}.log"), "w")
    process = subprocess.Popen([bench.PROSPECTOR, "serve", "--no-worker", "--port", str(port)], env=environment, stdout=log,
                               stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while True:
        text = open(log.name).read()
        if "Server started" in text:
            break
        if time.time() > deadline or process.poll() is not None:
            raise SystemExit(text[-3000:])
        time.sleep(0.05)
    return process, log


def admin_key():
    """A key for the API: written straight into the database (what `prospector keys create` does, without a process)."""
    environment = bench.prospector_environment()
    output = subprocess.run([bench.PROSPECTOR, "keys", "create", "--name", "bench", "--scopes", "read,write,enrich,admin"], env=environment,
                            check=True, capture_output=True, text=True).stdout
    return output.strip().splitlines()[-1].strip()


def interactive_traffic(port, key, emails, stop, results, refusals):
    interval = INTERACTIVE_EVERY / bench.SCALE
    for email in emails:
        if stop.is_set():
            return
        started = time.time()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/leads/enrich", method="POST", data=json.dumps({"email": email}).encode(),
                                         headers={"content-type": "application/json", "authorization": f"Bearer {key}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            refusals.append(error.read().decode(errors="replace")[:300])
        results.append((status, time.time() - started))
        time.sleep(max(0, started + interval - time.time()))


def run(name, emails, log_dir, lending, interactive=None):
    bench.http("POST", "/__simulator/reset")
    bench.psql("DELETE FROM jobs; DELETE FROM apollo_rate_windows; DELETE FROM apollo_rate_groups")
    extra = {"APOLLO_INTERACTIVE_SHARE": "0.2"} | ({} if lending else {"APOLLO_RESERVE_LENDING": "false"})
    workers = bench.start_workers(3, log_dir, queues="apollo-enrichment=3", **extra)
    serve, results, refusals, stop, thread = None, [], [], threading.Event(), None
    try:
        if interactive is not None:
            port = int(os.environ["BENCH_FREE_PORT_B" if lending else "BENCH_FREE_PORT_A"])
            serve = start_serve(log_dir, port, bench.prospector_environment(**extra))
            thread = threading.Thread(target=interactive_traffic, args=(port, interactive["key"], interactive["emails"], stop, results, refusals))
        started = time.time()
        enqueue(emails)
        if thread:
            thread.start()
        wait_for_jobs(len(emails))
        elapsed = time.time() - started
    finally:
        stop.set()
        if thread:
            thread.join()
        bench.stop(workers + ([serve] if serve else []))
    snapshot = bench.counters()
    used, closed = bench.utilization(snapshot, MATCH, LIMIT)
    report = {
        "run": name, "reserve": "lent" if lending else "fixed", "records": len(emails), "wall_seconds": round(elapsed, 2),
        "simulated_seconds": round(elapsed * bench.SCALE, 1), "match_calls_200": bench.calls(snapshot, MATCH, 200),
        "match_calls_429": bench.calls(snapshot, MATCH, 429), "closed_minute_windows": closed["windows"],
        "utilization_of_binding_window": None if used is None else round(used, 3),
    }
    if interactive is not None:
        waits = sorted(latency * bench.SCALE for _, latency in results)
        ok = [status for status, _ in results if status == 200]
        report |= {
            "interactive_requests": len(results), "interactive_200": len(ok), "interactive_429": sum(1 for s, _ in results if s == 429),
            "interactive_other": sum(1 for s, _ in results if s not in (200, 429)), "interactive_refusals": refusals[:3],
            "interactive_p50_simulated_seconds": round(statistics.median(waits), 3) if waits else None,
            "interactive_p99_simulated_seconds": round(waits[min(len(waits) - 1, int(len(waits) * 0.99))], 3) if waits else None,
            "interactive_max_wait_simulated_seconds": MAX_WAIT,
            "background_calls_in_closed_windows_share": None if not closed["seconds"] else round(
                (closed["calls"] - len(ok)) / (LIMIT * closed["seconds"] / 60), 3),
        }
    return report


def main():
    log_dir = sys.argv[5]
    people = [p["email"] for p in bench.http("GET", "/__simulator/sample?people=20000")["people"] if p.get("email")]
    # Migrate once (a worker process does it) and make the API key.
    bench.stop(bench.start_workers(1, log_dir, queues="apollo-enrichment=1"))
    key = admin_key()
    chunks = [people[i * RECORDS:(i + 1) * RECORDS] for i in range(4)]
    interactive_emails = people[4 * RECORDS:4 * RECORDS + 2000]
    runs = [
        lambda: run("background only", chunks[0], log_dir, lending=False),
        lambda: run("background only", chunks[1], log_dir, lending=True),
        lambda: run("background saturating + interactive", chunks[2], log_dir, lending=False,
                    interactive={"key": key, "emails": interactive_emails[:1000]}),
        lambda: run("background saturating + interactive", chunks[3], log_dir, lending=True,
                    interactive={"key": key, "emails": interactive_emails[1000:]}),
    ]
    # BENCH_RUNS=3,4 runs some of them (1-based), for a closer look.
    chosen = [int(i) for i in os.environ.get("BENCH_RUNS", "1,2,3,4").split(",")]
    reports = {}
    for index in chosen:
        reports[index] = runs[index - 1]()
        print(json.dumps(reports[index]), flush=True)
    if 1 in reports and 2 in reports:
        print(json.dumps({"wall_clock_ratio_fixed_over_lent_background_only": round(reports[1]["wall_seconds"] / reports[2]["wall_seconds"], 2)}))


main()
