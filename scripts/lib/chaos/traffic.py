"""Traffic through the API only, as the reference's clients send it: single and bulk enrichments with repeats and
duplicates, searches, organizations, deals created and moved, idempotent retries of the same requests, sync runs and
reveals. Every answer is recorded (status, latency, Retry-After, whether a fault was active)."""
import json
import random
import threading
import time
import uuid

from cluster import http


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (time, action, status, seconds, retry_after, fault_active, serve)
        self.jobs = []  # (path to poll, what)
        self.reveals = []
        self.deals = []
        self.failures = []  # 500s and 503s without Retry-After, with the request

    def note(self, entry, problem=None):
        with self.lock:
            self.requests.append(entry)
            if problem:
                self.failures.append(problem)


class Traffic:
    def __init__(self, serve_ports, key, sample, recorder, faults, seed, ruled_stage):
        self.bases = [f"http://127.0.0.1:{port}" for port in serve_ports]
        self.key, self.recorder, self.faults = key, recorder, faults
        self.random = random.Random(seed)
        self.emails = [person["email"] for person in sample["people"] if person.get("email")]
        self.domains = [organization["domain"] for organization in sample["organizations"]]
        self.contacts = sample["contacts"]
        self.owner = sample["users"][0]["id"]
        self.stages = sample["opportunity_stages"]
        self.ruled_stage = ruled_stage
        self.reveal_pool = list(self.emails[300:])
        self.stopping = threading.Event()

    def send(self, action, method, path, body=None, headers=None, rng=None):
        """Sends to one serve, and to the other when the first does not answer (as a load balancer would)."""
        order = list(self.bases)
        (rng or self.random).shuffle(order)
        headers = {"authorization": f"Bearer {self.key}", **(headers or {})}
        for index, base in enumerate(order):
            fault = self.faults.active()
            started = time.time()
            status, response_headers, raw = http(method, base + path, body, headers, timeout=60)
            seconds = time.time() - started
            retry_after = any(name.lower() == "retry-after" for name in response_headers)
            problem = None
            if status >= 500 and status != 503:
                problem = f"{status} on {method} {path}: {raw[:300]!r}"
            elif status == 503 and not retry_after:
                problem = f"503 without Retry-After on {method} {path}: {raw[:300]!r}"
            self.recorder.note((started, action, status, seconds, retry_after, fault, base), problem)
            if status != 0 or index == len(order) - 1:
                try:
                    return status, json.loads(raw or b"{}")
                except ValueError:
                    return status, {}
        return 0, {}

    def run(self, threads=6):
        workers = [threading.Thread(target=self.loop, args=(index,), daemon=True) for index in range(threads)]
        for worker in workers:
            worker.start()
        return workers

    def loop(self, index):
        rng = random.Random(self.random.random() + index)
        actions = [(self.search, 3), (self.enrich, 4), (self.enrich_bulk, 1), (self.organization, 1), (self.create_deal, 1),
                   (self.move_deal, 1), (self.sync, 0.3), (self.reveal, 0.5), (self.health, 1)]
        total = sum(weight for _, weight in actions)
        while not self.stopping.is_set():
            pick = rng.uniform(0, total)
            for action, weight in actions:
                pick -= weight
                if pick <= 0:
                    action(rng)
                    break
            time.sleep(rng.uniform(0.02, 0.15))

    def search(self, rng):
        self.send("search", "POST", "/api/leads/search", {"domains": [rng.choice(self.domains)], "page": 1, "perPage": 25}, rng=rng)

    def enrich(self, rng):
        # A pool of a few hundred people: the same person is asked for again and again (never paid twice).
        body = {"email": rng.choice(self.emails[:150])}
        if rng.random() < 0.3:
            key = str(uuid.UUID(int=rng.getrandbits(128)))
            for _ in range(2):  # a client retrying the same request with the same key
                self.send("enrich", "POST", "/api/leads/enrich", body, {"Idempotency-Key": key}, rng=rng)
        else:
            self.send("enrich", "POST", "/api/leads/enrich", body, rng=rng)

    def enrich_bulk(self, rng):
        people = [{"email": rng.choice(self.emails[:300])} for _ in range(rng.randint(5, 25))]
        people += people[: rng.randint(0, 3)]  # duplicates within the list
        status, answer = self.send("enrich_bulk", "POST", "/api/leads/enrich/bulk", {"people": people}, rng=rng)
        if status == 202 and answer.get("jobId") is not None:
            query = f"?queue={answer['queue']}" if answer.get("queue") else ""
            with self.recorder.lock:
                self.recorder.jobs.append((f"/api/jobs/{answer['jobId']}{query}", "bulk enrichment"))

    def organization(self, rng):
        self.send("organization", "GET", f"/api/organizations/{rng.choice(self.domains)}", rng=rng)

    def create_deal(self, rng):
        stage = self.ruled_stage if rng.random() < 0.3 else rng.choice(self.stages)
        body = {"name": f"Chaos {rng.getrandbits(32)}", "amount": rng.randint(1, 90) * 1000, "ownerId": self.owner, "stageId": stage,
                "contactIds": rng.sample(self.contacts, 2)}
        key = str(uuid.UUID(int=rng.getrandbits(128)))
        for _ in range(2 if rng.random() < 0.3 else 1):
            status, answer = self.send("create_deal", "POST", "/api/deals", body, {"Idempotency-Key": key}, rng=rng)
        if status == 201 and answer.get("dealId"):
            with self.recorder.lock:
                self.recorder.deals.append(answer["dealId"])

    def move_deal(self, rng):
        with self.recorder.lock:
            deal = rng.choice(self.recorder.deals) if self.recorder.deals else None
        if deal:
            stage = self.ruled_stage if rng.random() < 0.4 else rng.choice(self.stages)
            self.send("move_deal", "PATCH", f"/api/deals/{deal}", {"stageId": stage}, rng=rng)

    def sync(self, rng):
        status, answer = self.send("sync", "POST", f"/api/sync/{rng.choice(['contacts', 'deals'])}", rng=rng)
        if status == 202 and answer.get("jobId") is not None:
            with self.recorder.lock:
                self.recorder.jobs.append((f"/api/jobs/{answer['jobId']}", "sync"))

    def reveal(self, rng):
        # Each person once, and people no other traffic enriches: asking Apollo for a phone is a purchase of its own
        # (Apollo charges the match again), which a client that asks twice has asked for.
        with self.recorder.lock:
            if not self.reveal_pool:
                return
            email = self.reveal_pool.pop()
        status, answer = self.send("reveal", "POST", "/api/leads/enrich", {"email": email, "revealPhoneNumber": True}, rng=rng)
        reveal = (answer.get("phoneReveal") or {}).get("id") if status == 200 else None
        if reveal:
            with self.recorder.lock:
                self.recorder.reveals.append(reveal)

    def health(self, rng):
        self.send("health", "GET", "/health", rng=rng)
