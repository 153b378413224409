"""scripts/chaos: a soak of the whole system under faults and traffic, then its invariants (exit 1 if one breaks).

    python3 main.py --binary PATH --minutes N --seed S --work DIR [--redis-url URL] [--report FILE]
"""
import argparse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import json
import sys
import threading
import time

from cluster import Cluster, Postgres, http
from faults import Faults
from invariants import check
from traffic import Recorder, Traffic


def receiver():
    """An outbound-webhook receiver that records each delivery's event id (Prospector-Event-Id)."""
    events = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("content-length", 0)))
            events.append(self.headers.get("Prospector-Event-Id"))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, events


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--redis-url")
    parser.add_argument("--report")
    options = parser.parse_args()
    seconds = options.minutes * 60
    backend = "redis" if options.redis_url else "sql"

    def log(message):
        print(f"[chaos {backend} {time.strftime('%H:%M:%S')}] {message}", flush=True)

    postgres = Postgres()
    cluster = Cluster(options.binary, options.work, postgres, options.redis_url,
                      # Limits well above the traffic's: the soak is about faults (429 storms are injected), not quotas.
                      simulator_args=["--people", "3000", "--organizations", "300", "--contacts", "200", "--plan", "professional",
                                      "--limits", "standard=3000/30000/300000,enrichment=3000/30000/300000,"
                                      "bulk_enrichment=1000/10000/100000,search=3000/30000/300000",
                                      "--webhook-delay", "5", "--seed", str(options.seed % 100000)])
    try:
        cluster.simulator.start()
        sample = cluster.sample()
        ruled_stage = sample["opportunity_stages"][-1]
        rules = [{"stageId": ruled_stage, "tasks": [{"type": "call", "title": "Chaos kickoff", "dueInDays": 1, "assignee": "owner"}]}]
        hook_server, webhook_events = receiver()
        key = cluster.start(rules)
        cluster.key = key
        status, _, _ = http("POST", f"http://127.0.0.1:{cluster.serve_ports[1]}/api/webhooks",
                            {"url": f"http://127.0.0.1:{hook_server.server_port}/hook", "eventTypes": ["*"]}, {"authorization": f"Bearer {key}"})
        assert status == 201, f"webhook subscription: {status}"
        control = [cluster.serves[1], cluster.workers[2]]
        memory_start = None
        log(f"seed {options.seed}, {options.minutes} min, serve ports {cluster.serve_ports}, simulator {cluster.simulator_url}")

        recorder = Recorder()
        faults = Faults(cluster, options.seed, seconds, log)
        traffic = Traffic(cluster.serve_ports, key, sample, recorder, faults, options.seed, ruled_stage)
        started = time.time()
        threads = traffic.run()
        fault_thread = threading.Thread(target=faults.run, args=(started,), daemon=True)
        fault_thread.start()
        samples = []
        while time.time() < started + seconds:
            time.sleep(min(30, seconds / 10, max(1, started + seconds - time.time())))
            samples.append({process.name: process.rss_kb() for process in control})
            # The baseline is taken once the processes have warmed up (caches, pools, compiled templates): a fifth in.
            if memory_start is None and time.time() >= started + seconds / 5:
                memory_start = samples[-1]
            log(f"{len(recorder.requests)} requests, faults now: {faults.active() or 'none'}")
        faults.stopping.set()
        fault_thread.join()
        traffic.stopping.set()
        for thread in threads:
            thread.join()
        http("DELETE", cluster.simulator_url + "/__simulator/faults")
        log("traffic stopped; draining the queue")
        # Revive anything a late fault left down.
        for process in cluster.serves + cluster.workers:
            if process.popen.poll() is not None:
                process.start(wait=False)
            process.signal(18)
        results, figures = run_checks(cluster, key, recorder, faults, webhook_events)
        memory_end = {process.name: process.rss_kb() for process in control}
        memory_start = memory_start or samples[0]
        growth = {name: round(100 * (memory_end[name] - memory_start[name]) / memory_start[name], 1)
                  for name in memory_start if memory_start[name] and memory_end[name]}
        results.append(("memory (RSS kB) of the never-killed serve and worker, from a fifth of the run to its end", True,
                        json.dumps({"start": memory_start, "end": memory_end, "growth %": growth, "samples": samples[-5:]})))

    finally:
        cluster.stop()
    broken = [name for name, ok, _ in results if not ok]
    for name, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
    report = {"backend": backend, "seed": options.seed, "minutes": options.minutes, "faults": faults.schedule,
              "results": [{"check": name, "ok": ok, "detail": detail} for name, ok, detail in results], "figures": figures}
    if options.report:
        with open(options.report, "w") as handle:
            json.dump(report, handle, indent=2)
    if broken:
        print(f"chaos ({backend}): {len(broken)} invariant(s) broken; replay with CHAOS_SEED={options.seed}", flush=True)
        sys.exit(1)
    print(f"chaos ({backend}): every invariant held (seed {options.seed})", flush=True)


def run_checks(cluster, key, recorder, faults, webhook_events):
    # The counters are read after the drain: reveals and retries still charge while it runs.
    from invariants import drain
    drain(cluster, key, 300)
    time.sleep(2)
    _, _, body = http("GET", cluster.simulator_url + "/__simulator/counters")
    return check(cluster, key, recorder, faults, webhook_events, json.loads(body))


if __name__ == "__main__":
    main()
