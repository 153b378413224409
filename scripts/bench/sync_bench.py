"""Issue 6 benchmark: full sync of the simulator's contacts, then an incremental run after 1% of them changed."""
import json, os, subprocess, sys, time, urllib.request

PROSPECTOR, PG_URL, SCALE, PORT, CONTACTS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
SIM = f"http://127.0.0.1:{PORT}"
ROUTE = "api/v1/contacts/search"


def http(method, path, body=None):
    request = urllib.request.Request(SIM + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def calls(status=None):
    statuses = http("GET", "/__simulator/counters")["calls"].get(ROUTE, {})
    return sum(statuses.values()) if status is None else statuses.get(str(status), 0)


def sync(*arguments):
    environment = dict(os.environ, PROSPECTOR_ENV="testing", DATABASE_URL=PG_URL, APOLLO_API_KEY="sim-master-key",
                       APOLLO_BASE_URL=SIM + "/api/v1", APOLLO_PLAN="basic", APOLLO_CLOCK_SCALE=SCALE, APOLLO_INTERACTIVE_SHARE="0.2")
    started = time.time()
    output = subprocess.run([PROSPECTOR, "sync", "contacts", *arguments], env=environment, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1]), time.time() - started


http("POST", "/__simulator/reset")
before = calls()
full, seconds = sync("--full")
made, limited = calls() - before, calls(429)
print(json.dumps({"run": "full sync", "records": full["counts"]["fetched"], "created": full["counts"]["created"], "complete": full["complete"], "wall_seconds": round(seconds, 1),
                  "simulated_seconds": round(seconds * float(SCALE)), "apollo_calls": made, "minimum_calls": -(-CONTACTS // 100),
                  "calls_429": limited}))
changed = http("GET", f"/__simulator/sample?people=0&contacts={CONTACTS}")["contacts"][:: 100][: CONTACTS // 100]
for contact in changed:
    http("PATCH", f"/__simulator/contacts/{contact}", {"title": "Changed for the benchmark"})
before = calls()
incremental, seconds = sync()
made = calls() - before
print(json.dumps({"run": "incremental after 1% changed", "changed": len(changed), "updated": incremental["counts"]["updated"],
                  "mode": incremental["mode"], "apollo_calls": made, "target_calls_at_most": len(changed) // 100 + 1,
                  "calls_429": calls(429) - limited, "wall_seconds": round(seconds, 1)}))
