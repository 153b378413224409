"""The processes of a chaos run: PostgreSQL (restartable), the simulator, two `prospector serve`, three `prospector
worker`, each a real process started from the built executable, all logging to the run's directory."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=30):
    """(status, headers, body bytes); status 0 when no answer came (refused, reset, timed out)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except Exception:  # refused, reset, timeout: the process may be down
        return 0, {}, b""


class Process:
    """One child process; `kill`/`stop`/`cont` send signals, `start` starts it again with the same command."""

    def __init__(self, name, command, env, log_dir, ready=None):
        self.name, self.command, self.env, self.log_dir, self.ready = name, command, env, log_dir, ready
        self.popen = None
        self.starts = 0

    def start(self, wait=True):
        self.starts += 1
        log = open(os.path.join(self.log_dir, f"{self.name}.{self.starts}.log"), "wb")
        self.popen = subprocess.Popen(self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        # scripts/chaos kills whatever is left of these when the run ends however it ends.
        with open(os.path.join(self.log_dir, "pids"), "a") as pids:
            pids.write(f"{self.popen.pid}\n")
        if wait and self.ready:
            deadline = time.time() + 120
            while time.time() < deadline:
                if self.ready():
                    return
                if self.popen.poll() is not None:
                    raise RuntimeError(f"{self.name} exited while starting (see {log.name})")
                time.sleep(0.1)
            raise RuntimeError(f"{self.name} did not become ready (see {log.name})")

    def signal(self, number):
        if self.popen and self.popen.poll() is None:
            os.kill(self.popen.pid, number)

    def kill(self):
        self.signal(signal.SIGKILL)
        if self.popen:
            self.popen.wait()

    def terminate(self, timeout=30):
        if not self.popen:
            return
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except Exception:
            self.kill()

    def rss_kb(self):
        try:
            with open(f"/proc/{self.popen.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None


class Postgres:
    """The throwaway cluster scripts/lib/postgres.sh started, restartable (pg_ctl, as its owner)."""

    def __init__(self):
        self.bin, self.dir, self.port = os.environ["PG_BIN"], os.environ["PG_DIR"], os.environ["PG_PORT"]
        self.runner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *arguments):
        subprocess.run(self.runner + [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", *arguments], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def crash(self):
        self._ctl("-m", "immediate", "stop")

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off"
        self._ctl("-l", f"{self.dir}/server.log", "-w", "-o", options, "start")

    def query(self, sql, database="chaos"):
        """Rows of `sql` as lists of text (psql, unaligned)."""
        output = subprocess.run(
            [f"{self.bin}/psql", f"postgres://postgres@127.0.0.1:{self.port}/{database}", "-At", "-F", "\t", "-c", sql],
            check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in output.splitlines() if line]


class Cluster:
    """Simulator, 2 serve, 3 worker processes on one PostgreSQL database (and Redis for jobs when given)."""

    def __init__(self, binary, work, postgres, redis_url=None, simulator_args=()):
        self.binary, self.work, self.postgres, self.redis_url = binary, work, postgres, redis_url
        subprocess.run([f"{postgres.bin}/psql", postgres.url, "-qc", "DROP DATABASE IF EXISTS chaos"], check=True, capture_output=True)
        subprocess.run([f"{postgres.bin}/psql", postgres.url, "-qc", "CREATE DATABASE chaos"], check=True, capture_output=True)
        self.database_url = f"postgres://postgres@127.0.0.1:{postgres.port}/chaos"
        self.simulator_port = free_port()
        self.simulator_url = f"http://127.0.0.1:{self.simulator_port}"
        self.simulator = Process(
            "simulator", [binary, "simulator", "--port", str(self.simulator_port), *simulator_args], dict(os.environ), work,
            ready=lambda: http("GET", self.simulator_url + "/__simulator/counters", timeout=2)[0] == 200)
        self.serve_ports = [free_port(), free_port()]
        self.serves, self.workers = [], []

    def sample(self):
        status, _, body = http("GET", self.simulator_url + "/__simulator/sample?people=400&contacts=60")
        assert status == 200, "the simulator's sample"
        return json.loads(body)

    def environment(self, stage_rules):
        env = {
            "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "PROSPECTOR_ENV": "production",
            "DATABASE_URL": self.database_url, "DATABASE_POOL_SIZE": "6", "APOLLO_API_KEY": "sim-master-key",
            "APOLLO_BASE_URL": self.simulator_url + "/api/v1", "STAGE_RULES": json.dumps(stage_rules),
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{self.serve_ports[0]}", "REVEALS_POLL_AFTER_SECONDS": "20",
            "JOBS_LEASE_SECONDS": "5", "SYNC_INTERVAL_MINUTES": "2", "APOLLO_BREAKER_COOLDOWN_SECONDS": "10", "LOG_LEVEL": "notice",
        }
        if self.redis_url:
            env.update({"JOBS_BACKEND": "redis", "REDIS_URL": self.redis_url})
        return env

    def start(self, stage_rules):
        env = self.environment(stage_rules)
        # The run's key, made before anything serves (the command migrates the fresh database first).
        key = subprocess.run([self.binary, "keys", "create", "--name", "chaos", "--scopes", "read,write,enrich,admin"], env=env,
                             check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        for index, port in enumerate(self.serve_ports):
            serve = Process(f"serve{index}", [self.binary, "serve", "--port", str(port), "--no-worker"], env, self.work,
                            ready=lambda port=port: http("GET", f"http://127.0.0.1:{port}/health", timeout=2)[0] in (200, 503))
            serve.start()
            self.serves.append(serve)
        for index in range(3):
            worker = Process(f"worker{index}", [self.binary, "worker", "--queues", "enrich=3,sync=1,automation=3,apollo-enrichment=2,default=1"],
                             env, self.work, ready=None)
            worker.start()
            self.workers.append(worker)
        return key

    def stop(self):
        for process in self.serves + self.workers:
            process.terminate()
        self.simulator.terminate()
