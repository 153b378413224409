"""Faults on a seeded schedule: processes killed and restarted, a worker paused past its lease, PostgreSQL restarted,
and Apollo (the simulator's control API) failing, down past the breaker's cool-down, rate limiting, slow, or cutting
connections. Simulator faults take turns (one setting at a time); process faults fall between them."""
import os
import random
import threading
import time

from cluster import http

# (name, seconds it lasts in a 10-minute run); shorter runs scale them down, the outage never below the cool-down.
SIMULATOR_FAULTS = [("apollo_errors", 20), ("apollo_outage", 25), ("rate_limit_storm", 15), ("latency", 20), ("connection_resets", 20)]
PROCESS_FAULTS = ["kill_worker", "kill_serve", "restart_postgres", "pause_worker"]
BREAKER_COOLDOWN = 10
LEASE = 5


class Faults:
    def __init__(self, cluster, seed, seconds, log):
        self.cluster, self.seconds, self.log = cluster, seconds, log
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.current = set()
        self.windows = []  # (start, end, name)
        self.recoveries = []  # seconds from PostgreSQL's return to the first answered database read
        self.failures = []  # (kind, error) of a fault that could not be injected or healed (a process that did not come back)
        self.stopping = threading.Event()
        # Process faults of one kind take turns (a second PostgreSQL restart must not start while the first is down).
        self.locks = {kind: threading.Lock() for kind in PROCESS_FAULTS}
        self.schedule = self.plan()

    def plan(self):
        """[(at seconds, kind, duration)] over the first 75 % of the run: every kind at least once, seeded order."""
        scale = min(1.0, self.seconds / 600)
        window = self.seconds * 0.75
        events, at, first_round, full = [], 5.0, True, False
        while not full:
            kinds = SIMULATOR_FAULTS[:]
            self.random.shuffle(kinds)
            for name, base in kinds:
                duration = max(base * scale, BREAKER_COOLDOWN + 4 if name == "apollo_outage" else 6)
                if at + duration > window and not first_round:
                    full = True
                    break
                events.append((at, name, duration))
                at += duration + self.random.uniform(2, 6) * max(scale, 0.4)
            first_round = False
            full = full or at >= window
        processes = PROCESS_FAULTS[:]
        self.random.shuffle(processes)
        count = max(len(processes), int(self.seconds / 40))
        for index in range(count):
            kind = processes[index % len(processes)]
            events.append((self.random.uniform(8, window), kind, 0))
        # CHAOS_FAULTS=kind,kind keeps only those kinds (to tell which fault causes a broken invariant); "none" keeps none.
        only = os.environ.get("CHAOS_FAULTS")
        if only:
            events = [event for event in events if event[1] in only.split(",")]
        return sorted(events)

    def active(self):
        with self.lock:
            return ",".join(sorted(self.current))

    def _begin(self, name):
        with self.lock:
            self.current.add(name)
        self.log(f"fault: {name}")
        return time.time()

    def _end(self, name, started):
        with self.lock:
            self.current.discard(name)
        self.windows.append((started, time.time(), name))

    def run(self, started):
        threads = []
        for at, kind, duration in self.schedule:
            while time.time() < started + at and not self.stopping.is_set():
                time.sleep(0.05)
            if self.stopping.is_set():
                break
            thread = threading.Thread(target=self.inject, args=(kind, duration), daemon=True)
            thread.start()
            threads.append(thread)
            if duration:
                thread.join()  # simulator faults take turns
        for thread in threads:
            thread.join()

    def control(self, method, path, body=None):
        http(method, self.cluster.simulator_url + "/__simulator" + path, body)

    def inject(self, kind, duration):
        try:
            if kind in self.locks:
                with self.locks[kind]:
                    return self._inject(kind, duration)
            return self._inject(kind, duration)
        except Exception as error:  # a fault thread's failure breaks an invariant; it must not vanish with the thread
            self.failures.append((kind, repr(error)))
            self.log(f"fault {kind} failed: {error!r}")

    def _inject(self, kind, duration):
        started = self._begin(kind)
        try:
            if kind == "apollo_errors":
                self.control("PUT", "/faults", {"error_rate": 0.6})
            elif kind == "apollo_outage":
                self.control("PUT", "/faults", {"outage_seconds": duration})
            elif kind == "rate_limit_storm":
                self.control("PUT", "/faults", {"rate_limit_burst": 400})
            elif kind == "latency":
                self.control("PUT", "/faults", {"latency_ms": 1500})
            elif kind == "connection_resets":
                self.control("PUT", "/faults", {"connection_reset_rate": 0.3})
            elif kind == "kill_worker":
                worker = self.random.choice(self.cluster.workers[:2])  # the third is the control for memory
                worker.kill()
                time.sleep(self.random.uniform(1, 3))
                worker.start(wait=False)
            elif kind == "kill_serve":
                serve = self.cluster.serves[0]  # the second is the control, and serves while this one is down
                serve.kill()
                time.sleep(self.random.uniform(1, 3))
                serve.start()
            elif kind == "pause_worker":
                worker = self.random.choice(self.cluster.workers[:2])
                worker.signal(19)  # SIGSTOP, past its lease
                time.sleep(LEASE * 2 + 2)
                worker.signal(18)  # SIGCONT
            elif kind == "restart_postgres":
                self.cluster.postgres.crash()
                time.sleep(3)
                self.cluster.postgres.start()
                back = time.time()
                probe = f"http://127.0.0.1:{self.cluster.serve_ports[1]}/api/contacts?limit=1"
                while time.time() - back < 120:
                    if http("GET", probe, headers={"authorization": f"Bearer {self.cluster.key}"}, timeout=5)[0] == 200:
                        self.recoveries.append(time.time() - back)
                        break
                    time.sleep(0.1)
            if duration:
                time.sleep(duration)
        finally:
            if duration:
                self.control("DELETE", "/faults")
            self._end(kind, started)
