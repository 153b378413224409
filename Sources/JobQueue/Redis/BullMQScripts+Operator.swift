import RedisClient

/// The operator's scripts: a job's state, a failed job retried, a pending job cancelled. Each is atomic, so a worker
/// taking the job at the same moment sees it either before or after, never half-moved.
extension BullMQScripts {
    /// A job's state and hash. KEYS: completed, failed, delayed, prioritized, active, wait, job key. ARGV: id.
    /// Returns {state name, hash as a flat list}, or {"missing"}. The state names are BullMQ's `getState` answers.
    static let inspect = RedisScript(
        """
        local rcall = redis.call
        local id = ARGV[1]
        if rcall("EXISTS", KEYS[7]) == 0 then return {"missing"} end
        local state = "unknown"
        if rcall("ZSCORE", KEYS[1], id) then state = "completed"
        elseif rcall("ZSCORE", KEYS[2], id) then state = "failed"
        elseif rcall("ZSCORE", KEYS[3], id) then state = "delayed"
        elseif rcall("ZSCORE", KEYS[4], id) then state = "prioritized"
        elseif rcall("LPOS", KEYS[5], id) then state = "active"
        elseif rcall("LPOS", KEYS[6], id) then state = "waiting"
        end
        return {state, rcall("HGETALL", KEYS[7])}
        """)

    /// A failed job back to wait with a fresh set of attempts (BullMQ's `job.retry('failed')`). KEYS: failed, wait,
    /// prioritized, pc, marker, events, job key. ARGV: id. Returns 0, -1 (no job) or -3 (not failed).
    static let retryFailed = RedisScript(
        helpers + """
            local id, jobKey = ARGV[1], KEYS[7]
            if rcall("EXISTS", jobKey) == 0 then return -1 end
            if rcall("ZREM", KEYS[1], id) == 0 then return -3 end
            rcall("HDEL", jobKey, "finishedOn", "processedOn", "failedReason", "stacktrace", "returnvalue", "pcr", "cancelled", "stc")
            rcall("HSET", jobKey, "atm", 0, "ats", 0, "delay", 0)
            local priority = tonumber(rcall("HGET", jobKey, "priority")) or 0
            enqueue(KEYS[2], KEYS[3], KEYS[4], KEYS[5], id, priority, "LPUSH")
            rcall("XADD", KEYS[6], "MAXLEN", "~", 10000, "*", "event", "waiting", "jobId", id, "prev", "failed")
            return 0
            """)

    /// Cancels a job: a pending one (waiting, prioritized or delayed) moves to failed at once with `cancelled` set; a
    /// running one is flagged (`pcr`) so that its Prospector worker stops it at its next lock renewal. KEYS: wait,
    /// prioritized, delayed, failed, active, events, job key. ARGV: id, now (ms), reason.
    /// Returns 0 (cancelled), 1 (asked to stop), -1 (no job) or -3 (finished already).
    static let cancel = RedisScript(
        """
        local rcall = redis.call
        local id, now, reason, jobKey = ARGV[1], tonumber(ARGV[2]), ARGV[3], KEYS[7]
        if rcall("EXISTS", jobKey) == 0 then return -1 end
        local removed = rcall("LREM", KEYS[1], 0, id) + rcall("ZREM", KEYS[2], id) + rcall("ZREM", KEYS[3], id)
        if removed > 0 then
          rcall("HSET", jobKey, "failedReason", reason, "finishedOn", now, "cancelled", 1)
          rcall("ZADD", KEYS[4], now, id)
          rcall("XADD", KEYS[6], "MAXLEN", "~", 10000, "*", "event", "failed", "jobId", id, "failedReason", reason, "prev", "waiting")
          return 0
        end
        if rcall("LPOS", KEYS[5], id) then
          rcall("HSET", jobKey, "pcr", 1)
          return 1
        end
        return -3
        """)
}
