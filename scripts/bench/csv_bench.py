"""Issue 14 benchmark: CSV enrichment's Apollo calls per record and credits against unique matches."""
import csv, json, os, subprocess, sys, time, urllib.request

PROSPECTOR, PG_URL, SCALE, PORT, ROWS, WORK = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
SIM = f"http://127.0.0.1:{PORT}"


def http(method, path):
    with urllib.request.urlopen(urllib.request.Request(SIM + path, method=method), timeout=60) as response:
        return json.loads(response.read() or b"{}")


def counters():
    data = http("GET", "/__simulator/counters")
    calls = {route: sum(statuses.values()) for route, statuses in data["calls"].items()}
    return calls, data["credits"]["total"]


# 80% unique people, 10% the same people again in upper case, 5% unknown to Apollo, 5% rows naming no one.
unique = int(ROWS * 0.8)
emails = [person["email"] for person in http("GET", f"/__simulator/sample?people={unique * 2}&contacts=0")["people"] if person["email"]][:unique]
rows = [[email, "kept"] for email in emails]
rows += [[email.upper(), "duplicate"] for email in emails[: ROWS // 10]]
rows += [[f"nobody{index}@unknown-{index}.example", "unknown"] for index in range(ROWS // 20)]
rows += [["not an email", "bad"] for _ in range(ROWS - len(rows))]
path = os.path.join(WORK, "people.csv")
with open(path, "w", newline="") as file:
    writer = csv.writer(file)
    writer.writerow(["Email", "Note"])
    writer.writerows(rows)

http("POST", "/__simulator/reset")
environment = dict(os.environ, PROSPECTOR_ENV="testing", DATABASE_URL=PG_URL, APOLLO_API_KEY="sim-master-key",
                   APOLLO_BASE_URL=SIM + "/api/v1", APOLLO_PLAN="basic", APOLLO_CLOCK_SCALE=SCALE)
started = time.time()
subprocess.run([PROSPECTOR, "enrich", "--in", path, "--out", os.path.join(WORK, "out.csv"), "--yes"], env=environment, check=True,
               capture_output=True, text=True)
seconds = time.time() - started
calls, credits = counters()
apollo_calls = calls.get("api/v1/people/bulk_match", 0) + calls.get("api/v1/people/match", 0)
with open(os.path.join(WORK, "out.csv"), newline="") as file:
    out = list(csv.DictReader(file))
matched = {row["apollo_id"] for row in out if row["status"] == "matched"}
print(json.dumps({
    "rows": ROWS, "unique_people": len(emails), "output_rows": len(out), "matched_rows": sum(row["status"] == "matched" for row in out),
    "unique_matches": len(matched), "apollo_calls": apollo_calls, "calls_per_record": round(apollo_calls / ROWS, 3),
    "credits": credits, "credits_equal_unique_matches": credits == len(matched), "wall_seconds": round(seconds, 1),
    "simulated_seconds": round(seconds * float(SCALE)),
}))
