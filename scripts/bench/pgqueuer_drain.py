"""Drain N no-op jobs with pgqueuer (installed in a throwaway virtualenv by scripts/bench/queue.sh)."""
import asyncio
import json
import sys
import time

import asyncpg
from pgqueuer import AsyncpgDriver, Queries, QueueManager
from pgqueuer.types import QueueExecutionMode


async def main(dsn: str, count: int, batch: int) -> None:
    setup = await asyncpg.connect(dsn)
    queries = Queries(AsyncpgDriver(setup))
    await queries.install()
    for start in range(0, count, 10_000):
        size = min(10_000, count - start)
        await queries.enqueue(["noop"] * size, [None] * size, [0] * size)
    await setup.close()

    connection = await asyncpg.connect(dsn)
    manager = QueueManager(queries=Queries(AsyncpgDriver(connection)))

    @manager.entrypoint("noop")
    async def noop(job) -> None:
        return None

    started = time.perf_counter()
    await manager.run(mode=QueueExecutionMode.drain, batch_size=batch, log_aggregation_interval=__import__("datetime").timedelta(0))
    seconds = time.perf_counter() - started
    print(json.dumps({"jobs": count, "seconds": seconds, "jobs_per_second": count / seconds}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
