"""BullMQ's own Python port as a peer of Prospector's Redis job backend (Tests/JobQueueTests/BullMQInteropTests).

    python bullmq_peer.py REDIS_URL add QUEUE NAME DATA_JSON OPTS_JSON      -> prints the job id
    python bullmq_peer.py REDIS_URL job QUEUE ID                            -> the job as BullMQ reads it (JSON)
    python bullmq_peer.py REDIS_URL counts QUEUE                            -> getJobCounts (JSON)
    python bullmq_peer.py REDIS_URL obliterate QUEUE                        -> removes the queue and all its jobs
    python bullmq_peer.py REDIS_URL work QUEUE COUNT [MARK_KEY]             -> a BullMQ Worker processes COUNT jobs
    python bullmq_peer.py REDIS_URL events QUEUE SECONDS                    -> QueueEvents seen (one JSON per line)

`work` returns {"by": "bullmq", "data": <data>} for each job and, with MARK_KEY, increments MARK_KEY:<job id> in Redis
(the mixed-fleet test counts how often each job ran). It prints "ready" once listening, and exits when COUNT jobs
completed. `events` prints "ready" once its listener runs.
"""
import asyncio
import json
import signal
import sys
from urllib.parse import urlparse

from bullmq import Job, Queue, QueueEvents, Worker

# Started from a Swift thread, this process inherits that thread's signal mask, with SIGTERM blocked: unblock it so
# that the test's stop() ends the peer.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])


def connection(url):
    parsed = urlparse(url)
    return {"host": parsed.hostname, "port": parsed.port or 6379, "db": int((parsed.path or "/0").strip("/") or 0)}


async def main():
    url, command, queue_name = sys.argv[1], sys.argv[2], sys.argv[3]
    opts = {"connection": connection(url)}
    if command == "add":
        queue = Queue(queue_name, opts)
        job = await queue.add(sys.argv[4], json.loads(sys.argv[5]), json.loads(sys.argv[6]))
        print(job.id)
        await queue.close()
    elif command == "job":
        queue = Queue(queue_name, opts)
        job = await Job.fromId(queue, sys.argv[4])
        state = await queue.getJobState(sys.argv[4]) if hasattr(queue, "getJobState") else await job.getState()
        print(json.dumps({"name": job.name, "data": job.data, "state": state, "returnvalue": job.returnvalue,
                          "failedReason": job.failedReason, "attemptsMade": job.attemptsMade, "progress": job.progress,
                          "opts": job.opts}))
        await queue.close()
    elif command == "obliterate":
        queue = Queue(queue_name, opts)
        await queue.obliterate(force=True)
        await queue.close()
    elif command == "counts":
        queue = Queue(queue_name, opts)
        print(json.dumps(await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed")))
        await queue.close()
    elif command == "work":
        wanted = int(sys.argv[4])
        mark = sys.argv[5] if len(sys.argv) > 5 else None
        done = asyncio.Event()
        seen = []

        async def process(job, token):
            if mark:
                await worker.client.incr(f"{mark}:{job.id}")
            return {"by": "bullmq", "data": job.data}

        def completed(job, result):
            seen.append(job.id)
            if len(seen) >= wanted:
                done.set()

        worker = Worker(queue_name, process, {**opts, "concurrency": 4})
        worker.on("completed", completed)
        print("ready", flush=True)
        await done.wait()
        await worker.close()
        print(json.dumps(sorted(seen)))
    elif command == "events":
        # From the stream's start, not "$": the listener may begin reading after the first events were written (each
        # test has a queue of its own, so everything in the stream is the test's).
        events = QueueEvents(queue_name, {**opts, "lastEventId": "0-0"})
        for name in ("added", "waiting", "active", "progress", "completed", "failed", "delayed", "stalled"):
            events.on(name, lambda payload, *rest, name=name: print(json.dumps({"event": name, **payload}), flush=True))
        print("ready", flush=True)
        await asyncio.sleep(float(sys.argv[4]))
        await events.close()


asyncio.run(main())
