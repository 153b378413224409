"""Issue 16 benchmark: requests per second and latency of Prospector's API next to a bare Vapor app, with wrk."""
import json, os, re, socket, subprocess, sys, time, urllib.request

PROSPECTOR, BARE, DATABASE_URL, SIM_PORT, WORK, SECONDS = sys.argv[1:7]
# Another build of prospector measured beside this one on the same database (a before/after run), when given.
BEFORE = os.environ.get("BENCH_BEFORE")
CONNECTIONS = [16, 128]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url):
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} never answered")


def environment():
    return dict(os.environ, DATABASE_URL=DATABASE_URL, APOLLO_API_KEY="sim-master-key", APOLLO_BASE_URL=f"http://127.0.0.1:{SIM_PORT}/api/v1",
                APOLLO_PLAN="professional", PROSPECTOR_ENV="production", SYNC_INTERVAL_MINUTES="0", LOG_LEVEL="warning")


def wrk(url, connections, headers=(), script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def milliseconds(label):
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rate, "p50_ms": milliseconds("50%"), "p99_ms": milliseconds("99%"), "non_2xx": int(errors.group(1)) if errors else 0}


# The loaded database: a full sync of the simulator's contacts (and its deal stages), through the CLI.
started = time.time()
subprocess.run([PROSPECTOR, "sync", "contacts", "--full"], env=environment(), check=True, capture_output=True)
key = subprocess.run([PROSPECTOR, "keys", "create", "--name", "bench", "--scopes", "read,write,enrich"], env=environment(), check=True,
                     capture_output=True, text=True).stdout.strip().splitlines()[-1]
print(f"==> synced in {time.time() - started:.0f} s", file=sys.stderr)

bare_port = free_port()
bare = subprocess.Popen([BARE, "serve", "--port", str(bare_port), "--env", "production"], cwd=WORK, stdout=subprocess.DEVNULL,
                        stderr=open(os.path.join(WORK, "bare.log"), "w"))
serves = {}
for label, binary in [("before", BEFORE), ("prospector", PROSPECTOR)]:
    if binary:
        port = free_port()
        serves[label] = (port, subprocess.Popen([binary, "serve", "--port", str(port), "--no-worker"], env=environment(), cwd=WORK,
                                                stdout=open(os.path.join(WORK, f"serve-{label}.log"), "w"), stderr=subprocess.STDOUT))
try:
    wait_for(f"http://127.0.0.1:{bare_port}/hello")
    for port, _ in serves.values():
        wait_for(f"http://127.0.0.1:{port}/health")
    auth = f"Authorization: Bearer {key}"
    search = os.path.join(WORK, "search.lua")
    with open(search, "w") as handle:
        handle.write('wrk.method = "POST"\nwrk.body = \'{"domains": ["%s"], "page": 1}\'\n' % "example.com")
        handle.write('wrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\n' % key)
    cases = [("bare Vapor GET /hello", f"http://127.0.0.1:{bare_port}/hello", (), None)]
    for label, (port, _) in serves.items():
        base = f"http://127.0.0.1:{port}"
        prefix = "" if label == "prospector" else "before: "
        cases += [
            (f"{prefix}GET /health", f"{base}/health", (), None),
            (f"{prefix}GET /api/deals/stages (auth, cached)", f"{base}/api/deals/stages", (auth,), None),
            (f"{prefix}GET /api/contacts?limit=50 (auth, database)", f"{base}/api/contacts?limit=50", (auth,), None),
            (f"{prefix}POST /api/leads/search (auth, cached)", f"{base}/api/leads/search", (), search),
        ]
    # Warm every route once (caches filled, connections open) before measuring.
    for _, url, headers, script in cases:
        warm = ["wrk", "-t1", "-c2", "-d1s"] + [part for header in headers for part in ("-H", header)] + (["-s", script] if script else [])
        subprocess.run(warm + [url], capture_output=True)
    results = []
    for connections in CONNECTIONS:
        for name, url, headers, script in cases:
            # The previous case's requests still in flight when wrk stops (128 slow database reads take a few hundred
            # ms to drain) would land in this case's p99.
            time.sleep(2)
            measured = wrk(url, connections, headers, script)
            measured.update(case=name, connections=connections)
            results.append(measured)
            print(json.dumps(measured), flush=True)
    bare_rps = {r["connections"]: r["rps"] for r in results if r["case"].startswith("bare")}
    print("\n| case | connections | requests/s | × bare | p50 ms | p99 ms | non-2xx |\n| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['case']} | {r['connections']} | {r['rps']:.0f} | {r['rps'] / bare_rps[r['connections']]:.2f} | {r['p50_ms']:.2f} | "
              f"{r['p99_ms']:.2f} | {r['non_2xx']} |")
finally:
    for process in [bare] + [process for _, process in serves.values()]:
        process.terminate()
        process.wait()
