"""What must hold after the faults stopped and the queue drained, each check returning (name, ok, detail)."""
import json
import time

from cluster import http


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def drain(cluster, key, deadline_seconds):
    """Waits until no job is waiting or running (a job due later counts: it must finish too); returns the leftovers."""
    base = f"http://127.0.0.1:{cluster.serve_ports[1]}"
    headers = {"authorization": f"Bearer {key}"}
    deadline = time.time() + deadline_seconds
    leftovers = []
    while time.time() < deadline:
        leftovers = []
        for state in ("available", "running"):
            status, _, body = http("GET", f"{base}/api/jobs?state={state}&limit=500", headers=headers)
            if status != 200:
                leftovers = [{"error": status}]
                break
            # Cron slots of the next sync are not leftovers of the run's traffic.
            leftovers += [job for job in json.loads(body)["jobs"] if job["kind"] not in ("sync.run", "automation.dispatch", "retention.run")]
        if not leftovers:
            return []
        time.sleep(1)
    return leftovers


def check(cluster, key, recorder, faults, webhook_events, counters):
    results = []
    base = f"http://127.0.0.1:{cluster.serve_ports[1]}"
    headers = {"authorization": f"Bearer {key}"}
    pg = cluster.postgres

    # A process restarted by a fault that exited at start (a serve during a PostgreSQL restart, before serve waited for
    # its database) left the run with fewer processes than it claims, and nothing else noticed.
    dead = [process.name for process in cluster.serves + cluster.workers if process.popen is None or process.popen.poll() is not None]
    results.append(("every fault injected and every process it stopped back and running", not faults.failures and not dead,
                    f"fault failures {faults.failures}; not running {dead}"))
    leftovers = drain(cluster, key, 300)
    results.append(("every accepted job reached a final state", not leftovers, f"{len(leftovers)} left: {leftovers[:3]}"))
    finals = {}
    for path, what in recorder.jobs:
        status, _, body = http("GET", base + path, headers=headers)
        state = json.loads(body)["job"]["state"] if status == 200 else f"http {status}"
        finals[state] = finals.get(state, 0) + 1
    results.append(("jobs the API accepted, by final state", all(state in ("completed", "dead", "cancelled") for state in finals), str(finals)))
    reveals = {}
    for reveal in recorder.reveals:
        status, _, body = http("GET", f"{base}/api/reveals/{reveal}", headers=headers)
        state = json.loads(body)["reveal"]["status"] if status == 200 else f"http {status}"
        reveals[state] = reveals.get(state, 0) + 1
    results.append(("reveals ended (completed or failed)", all(state in ("completed", "failed") for state in reveals), str(reveals)))

    duplicates = pg.query("SELECT email, COUNT(*) FROM contacts WHERE email IS NOT NULL GROUP BY email HAVING COUNT(*) > 1")
    duplicates += pg.query("SELECT apollo_id, COUNT(*) FROM contacts WHERE apollo_id IS NOT NULL GROUP BY apollo_id HAVING COUNT(*) > 1")
    results.append(("one contact per person", not duplicates, f"{len(duplicates)} duplicated: {duplicates[:3]}"))

    # Each stage rule's task once per event and contact: the marker names the event and the action.
    status, _, body = http("POST", cluster.simulator_url + "/api/v1/tasks/search", {"per_page": 100, "page": 1},
                           {"x-api-key": "sim-master-key"})
    tasks = []
    page = 1
    while status == 200:
        answer = json.loads(body)
        tasks += answer.get("tasks", [])
        if page >= (answer.get("pagination") or {}).get("total_pages", 1):
            break
        page += 1
        status, _, body = http("POST", cluster.simulator_url + "/api/v1/tasks/search", {"per_page": 100, "page": page},
                               {"x-api-key": "sim-master-key"})
    marked = {}
    for task in tasks:
        note = task.get("note") or ""
        if "prospector automation" in note:
            marker = (note[note.index("prospector automation"):].split("\n")[0], task.get("contact_id"))
            marked[marker] = marked.get(marker, 0) + 1
    twice = {marker: count for marker, count in marked.items() if count > 1}
    results.append(("each stage rule's task created once per event and contact", not twice, f"{len(marked)} tasks; twice: {list(twice.items())[:3]}"))

    # Webhooks: every delivery the database calls delivered reached the receiver, each event once per subscription.
    delivered = {row[0].lower() for row in pg.query("SELECT event_id FROM webhook_deliveries WHERE state = 'delivered'")}
    received = {}
    for event in webhook_events:
        received[(event or "").lower()] = received.get((event or "").lower(), 0) + 1
    missing = delivered - set(received)
    again = {event: count for event, count in received.items() if count > 1}
    pending = pg.query("SELECT state, COUNT(*) FROM webhook_deliveries WHERE state <> 'delivered' GROUP BY state")
    # A delivery is a POST to someone else's server: a worker that dies (or stops past its lease) after the receiver
    # answered and before the answer is recorded delivers again, with the same Prospector-Event-Id (receivers dedupe
    # by it). So: every event delivered, and a second time only after a worker died or stopped.
    stops = sum(1 for _, kind, _ in faults.schedule if kind in ("kill_worker", "pause_worker"))
    results.append(("each webhook event delivered once per subscription (again only after a worker died mid-delivery)",
                    not missing and len(again) <= stops,
                    f"{len(delivered)} delivered, {len(received)} received, missing {len(missing)}, twice {len(again)} "
                    f"(workers killed or stopped: {stops}); others {pending}"))

    # The ledger holds what Apollo charged for every call it heard back from, and the worst case of the calls whose
    # answer was lost (a cut connection, a process killed or paused mid-call): Apollo charged between 0 and that.
    settled, unsettled, unsettled_records = (float(value or 0) for value in pg.query(
        "SELECT SUM(credits) FILTER (WHERE settled_at IS NOT NULL), SUM(credits) FILTER (WHERE settled_at IS NULL), "
        "SUM(records) FILTER (WHERE settled_at IS NULL) FROM credit_ledger_entries")[0])
    charged = counters["credits"]["total"]
    results.append(("credits: our ledger equals what Apollo charged, lost answers at their worst case",
                    settled - 0.001 <= charged <= settled + unsettled + 0.001,
                    f"settled {settled}, unsettled (answer lost) {unsettled}, Apollo charged {charged}"))
    twice_paid = counters["credits"].get("charged_more_than_once", {})
    extra = sum(count - 1 for count in twice_paid.values())
    results.append(("no record paid for twice, but after a call whose answer was lost", extra <= unsettled_records,
                    f"{extra} extra purchases of {len(twice_paid)} records; {int(unsettled_records)} records in calls whose answer was lost; "
                    f"{list(twice_paid.items())[:5]}"))

    statuses = {}
    for entry in recorder.requests:
        statuses[entry[2]] = statuses.get(entry[2], 0) + 1
    results.append(("no HTTP 500 (nor any 5xx but a 503 with Retry-After)", not recorder.failures,
                    f"{len(recorder.failures)}: {recorder.failures[:3]}; statuses {dict(sorted(statuses.items()))}"))
    restarts = sum(1 for _, kind, _ in faults.schedule if kind == "restart_postgres")
    results.append(("recovery after each PostgreSQL restart (s)", len(faults.recoveries) == restarts and all(v < 30 for v in faults.recoveries),
                    f"{restarts} restarts, answered again after {[round(value, 2) for value in faults.recoveries]}"))

    def in_fault(entry):
        return any(start <= entry[0] <= end for start, end, _ in faults.windows)

    answered = [entry for entry in recorder.requests if entry[2] and entry[1] != "health"]
    during = [entry[3] for entry in answered if in_fault(entry)]
    outside = [entry[3] for entry in answered if not in_fault(entry)]
    figures = {
        "requests": len(recorder.requests), "during faults": len(during), "outside faults": len(outside),
        "p50/p99 during (ms)": [round(1000 * value, 1) if value else None for value in (percentile(during, .5), percentile(during, .99))],
        "p50/p99 outside (ms)": [round(1000 * value, 1) if value else None for value in (percentile(outside, .5), percentile(outside, .99))],
    }
    results.append(("API latency (figures)", True, json.dumps(figures)))
    return results, figures
