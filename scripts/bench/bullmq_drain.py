"""BullMQ's own worker (its Python port) draining a queue Prospector seeded: the baseline of scripts/bench/redis.sh."""
import asyncio, json, sys, time
from urllib.parse import urlparse

from bullmq import Queue, Worker

URL, QUEUE, COUNT, CONCURRENCY = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
parsed = urlparse(URL)
connection = {"host": parsed.hostname, "port": parsed.port or 6379}


async def main():
    done = asyncio.Event()
    completed = 0

    async def process(job, token):
        return None

    def on_completed(job, result):
        nonlocal completed
        completed += 1
        if completed >= COUNT:
            done.set()

    started = time.monotonic()
    worker = Worker(QUEUE, process, {"connection": connection, "concurrency": CONCURRENCY})
    worker.on("completed", on_completed)
    await done.wait()
    elapsed = time.monotonic() - started
    await worker.close()
    print(json.dumps({"run": "redis drain (bullmq python)", "jobs": COUNT, "concurrency": CONCURRENCY, "jobs_per_second": int(COUNT / elapsed)}))


asyncio.run(main())
