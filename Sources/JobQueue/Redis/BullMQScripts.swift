import RedisClient

/// Prospector's own Lua scripts over BullMQ 5's key layout (facts read from BullMQ's scripts: keys, job hash fields,
/// markers, lock keys, event stream entries; the code is ours). Every script moves a job and records its events in
/// one atomic step, as BullMQ's do, so BullMQ's workers, queues and listeners see the same states.
///
/// Keys of a queue `q` under prefix `bull`: `bull:q:wait` (list, newest left), `:active` (list), `:prioritized` and
/// `:delayed` (sorted sets), `:completed` and `:failed` (sorted sets by finish time), `:id` (counter), `:pc`
/// (priority counter), `:marker` (sorted set a blocked worker waits on), `:events` (stream), `:stalled` (set),
/// `:meta` (hash); a job is the hash `bull:q:<id>` and its lock the string `bull:q:<id>:lock`.
enum BullMQScripts {
    /// Shared helpers: the delayed set's score (milliseconds × 4096 plus a sequence) and the markers.
    static let helpers = """
        local rcall = redis.call
        local function delayedScore(delayedKey, timestamp, delay)
          local at = tonumber(timestamp) + tonumber(delay)
          local minScore = at * 0x1000
          local maxScore = (at + 1) * 0x1000 - 1
          local last = rcall("ZREVRANGEBYSCORE", delayedKey, maxScore, minScore, "WITHSCORES", "LIMIT", 0, 1)
          if last[2] then
            local score = tonumber(last[2])
            if score >= maxScore then return maxScore, at end
            return score + 1, at
          end
          return minScore, at
        end
        local function markDelayed(markerKey, delayedKey)
          local first = rcall("ZRANGE", delayedKey, 0, 0, "WITHSCORES")
          if first[2] then rcall("ZADD", markerKey, math.floor(tonumber(first[2]) / 0x1000), "1") end
        end
        local function enqueue(waitKey, prioritizedKey, pcKey, markerKey, jobId, priority, pushCommand)
          if priority > 0 then
            local counter = rcall("INCR", pcKey)
            rcall("ZADD", prioritizedKey, priority * 0x100000000 + counter % 0x100000000, jobId)
          else
            rcall(pushCommand, waitKey, jobId)
          end
          rcall("ZADD", markerKey, 0, "0")
        end
        local function releaseLock(jobKey, stalledKey, token, jobId)
          local lockKey = jobKey .. ":lock"
          local held = rcall("GET", lockKey)
          if held ~= token then
            if held then return -6 end
            return -2
          end
          rcall("DEL", lockKey)
          rcall("SREM", stalledKey, jobId)
          return 0
        end

        """

    /// Adds a job. KEYS: wait, id, delayed, events, marker, prioritized, pc.
    /// ARGV: job key prefix, custom id or "", name, timestamp (ms), data, opts JSON, delay (ms), priority, LPUSH|RPUSH.
    /// Returns {id, 1 when a job with that custom id already existed}.
    static let add = RedisScript(helpers + addBody)

    /// ``add`` once per slot of a repeatable schedule: KEYS[8] is the slot's key, ARGV[10] how long it is kept (ms).
    /// Returns {"", 1} when the slot was taken already (by this or another worker).
    static let addOnce = RedisScript(
        helpers + """
            if not rcall("SET", KEYS[8], "1", "NX", "PX", ARGV[10]) then return {"", 1} end

            """ + addBody)

    private static let addBody = """
        local prefix, customId, name, timestamp, data, opts = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
        local delay, priority = tonumber(ARGV[7]), tonumber(ARGV[8])
        local jobId = customId
        if customId == "" then
          jobId = tostring(rcall("INCR", KEYS[2]))
        elseif rcall("EXISTS", prefix .. customId) == 1 then
          rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "duplicated", "jobId", customId)
          return {customId, 1}
        end
        local jobKey = prefix .. jobId
        rcall("HMSET", jobKey, "name", name, "data", data, "opts", opts, "timestamp", timestamp, "delay", delay, "priority", priority)
        rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "added", "jobId", jobId, "name", name)
        if delay > 0 then
          local score, at = delayedScore(KEYS[3], timestamp, delay)
          rcall("ZADD", KEYS[3], score, jobId)
          rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "delayed", "jobId", jobId, "delay", at)
          markDelayed(KEYS[5], KEYS[3])
        else
          enqueue(KEYS[1], KEYS[6], KEYS[7], KEYS[5], jobId, priority, ARGV[9])
          rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "waiting", "jobId", jobId)
        end
        return {jobId, 0}
        """

    /// Moves the next job to active under a lock, promoting delayed jobs that are due first.
    /// KEYS: wait, active, prioritized, events, delayed, pc, marker, limiter. ARGV: job key prefix, now (ms), token,
    /// lock ms, worker name, the queue limiter's max (0: none) and duration (ms), as BullMQ's worker `limiter` counts
    /// starts in `limiter`. Returns {job hash as a flat list, id}, {0, 0, next delayed timestamp or 0}, or
    /// {0, 0, 0, ms until the limiter's window ends}.
    static let moveToActive = RedisScript(
        helpers + """
            local prefix, now = ARGV[1], tonumber(ARGV[2])
            local due = rcall("ZRANGEBYSCORE", KEYS[5], 0, (now + 1) * 0x1000 - 1, "LIMIT", 0, 1000)
            for _, jobId in ipairs(due) do
              rcall("ZREM", KEYS[5], jobId)
              local priority = tonumber(rcall("HGET", prefix .. jobId, "priority")) or 0
              enqueue(KEYS[1], KEYS[3], KEYS[6], KEYS[7], jobId, priority, "LPUSH")
              rcall("HSET", prefix .. jobId, "delay", 0)
              rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "waiting", "jobId", jobId, "prev", "delayed")
            end
            local maxJobs = tonumber(ARGV[6]) or 0
            if maxJobs > 0 and (tonumber(rcall("GET", KEYS[8])) or 0) >= maxJobs then
              local pttl = rcall("PTTL", KEYS[8])
              if pttl > 0 then return {0, 0, 0, pttl} end
              rcall("DEL", KEYS[8])
            end
            local jobId = rcall("RPOPLPUSH", KEYS[1], KEYS[2])
            if jobId and string.sub(jobId, 1, 2) == "0:" then
              rcall("LREM", KEYS[2], 1, jobId)
              jobId = rcall("RPOPLPUSH", KEYS[1], KEYS[2])
            end
            if not jobId then
              local popped = rcall("ZPOPMIN", KEYS[3])
              if popped[1] then
                jobId = popped[1]
                rcall("LPUSH", KEYS[2], jobId)
              end
            end
            if jobId then
              local jobKey = prefix .. jobId
              if maxJobs > 0 and rcall("INCR", KEYS[8]) == 1 then rcall("PEXPIRE", KEYS[8], ARGV[7]) end
              rcall("SET", jobKey .. ":lock", ARGV[3], "PX", ARGV[4])
              rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "active", "jobId", jobId, "prev", "waiting")
              rcall("HMSET", jobKey, "processedOn", now, "pb", ARGV[5])
              rcall("HINCRBY", jobKey, "ats", 1)
              rcall("ZADD", KEYS[7], 0, "0")
              return {rcall("HGETALL", jobKey), jobId}
            end
            local first = rcall("ZRANGE", KEYS[5], 0, 0, "WITHSCORES")
            if first[2] then return {0, 0, math.floor(tonumber(first[2]) / 0x1000)} end
            return {0, 0, 0}
            """)

    /// Finishes an active job the caller holds. KEYS: active, events, stalled, target set (completed|failed), job key,
    /// wait, prioritized. ARGV: id, now (ms), field (returnvalue|failedReason), value, target name, token, how many
    /// finished jobs to keep (-1: all, 0: none), stacktrace JSON, attempts, "1" when an operator cancelled it.
    /// Returns 0, or -1 (no job), -2 (lock missing), -3 (not active), -6 (lock held by another).
    static let moveToFinished = RedisScript(
        helpers + """
            local jobId, now, field, value, target, token = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5], ARGV[6]
            local keep = tonumber(ARGV[7])
            local jobKey = KEYS[5]
            if rcall("EXISTS", jobKey) == 0 then return -1 end
            local released = releaseLock(jobKey, KEYS[3], token, jobId)
            if released < 0 then return released end
            if rcall("LREM", KEYS[1], -1, jobId) < 1 then return -3 end
            local attemptsMade = rcall("HINCRBY", jobKey, "atm", 1)
            if keep ~= 0 then
              rcall("ZADD", KEYS[4], now, jobId)
              rcall("HSET", jobKey, field, value, "finishedOn", now)
              if target == "failed" then rcall("HSET", jobKey, "stacktrace", ARGV[8]) end
              if ARGV[10] == "1" then rcall("HSET", jobKey, "cancelled", 1) end
              if keep > 0 then
                local excess = rcall("ZRANGE", KEYS[4], 0, -(keep + 1))
                for _, old in ipairs(excess) do
                  rcall("DEL", string.sub(jobKey, 1, #jobKey - #jobId) .. old)
                end
                if #excess > 0 then rcall("ZREMRANGEBYRANK", KEYS[4], 0, -(keep + 1)) end
              end
            else
              rcall("DEL", jobKey, jobKey .. ":logs")
            end
            rcall("XADD", KEYS[2], "MAXLEN", "~", 10000, "*", "event", target, "jobId", jobId, field, value, "prev", "active")
            if target == "failed" and attemptsMade >= tonumber(ARGV[9]) then
              rcall("XADD", KEYS[2], "MAXLEN", "~", 10000, "*", "event", "retries-exhausted", "jobId", jobId, "attemptsMade", attemptsMade)
            end
            if rcall("LLEN", KEYS[6]) == 0 and rcall("LLEN", KEYS[1]) == 0 and rcall("ZCARD", KEYS[7]) == 0 then
              rcall("XADD", KEYS[2], "MAXLEN", "~", 10000, "*", "event", "drained")
            end
            return 0
            """)

    /// Puts a failed attempt back for a retry: at once (delay 0) or in the delayed set. KEYS: active, events, stalled,
    /// job key, wait, delayed, prioritized, pc, marker. ARGV: id, now (ms), token, delay (ms), failedReason,
    /// stacktrace JSON, "1" to spend an attempt ("0": a snooze). Returns 0 or the codes of ``moveToFinished``.
    static let retry = RedisScript(
        helpers + """
            local jobId, now, token, delay = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
            local jobKey = KEYS[4]
            if rcall("EXISTS", jobKey) == 0 then return -1 end
            local released = releaseLock(jobKey, KEYS[3], token, jobId)
            if released < 0 then return released end
            if rcall("LREM", KEYS[1], -1, jobId) < 1 then return -3 end
            if ARGV[7] == "1" then
              rcall("HINCRBY", jobKey, "atm", 1)
              rcall("HSET", jobKey, "failedReason", ARGV[5], "stacktrace", ARGV[6])
            end
            if delay > 0 then
              local score, at = delayedScore(KEYS[6], now, delay)
              rcall("HSET", jobKey, "delay", delay)
              rcall("ZADD", KEYS[6], score, jobId)
              rcall("XADD", KEYS[2], "MAXLEN", "~", 10000, "*", "event", "delayed", "jobId", jobId, "delay", at)
              markDelayed(KEYS[9], KEYS[6])
            else
              local priority = tonumber(rcall("HGET", jobKey, "priority")) or 0
              enqueue(KEYS[5], KEYS[7], KEYS[8], KEYS[9], jobId, priority, "LPUSH")
              rcall("XADD", KEYS[2], "MAXLEN", "~", 10000, "*", "event", "waiting", "jobId", jobId, "prev", "active")
            end
            return 0
            """)

    /// Keeps a lock the caller holds. KEYS: lock, stalled, job key. ARGV: token, lock ms, id. Returns 1 when extended,
    /// 2 when extended but an operator asked to cancel the job, 0 when the lock is not the caller's.
    static let extendLock = RedisScript(
        """
        if redis.call("GET", KEYS[1]) == ARGV[1] then
          redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
          redis.call("SREM", KEYS[2], ARGV[3])
          if redis.call("HGET", KEYS[3], "pcr") == "1" then return 2 end
          return 1
        end
        return 0
        """)

    /// Stores progress and tells listeners. KEYS: job key, events. ARGV: id, progress JSON.
    static let updateProgress = RedisScript(
        """
        if redis.call("EXISTS", KEYS[1]) == 0 then return -1 end
        redis.call("HSET", KEYS[1], "progress", ARGV[2])
        redis.call("XADD", KEYS[2], "MAXLEN", "~", 10000, "*", "event", "progress", "jobId", ARGV[1], "data", ARGV[2])
        return 0
        """)

    /// Active jobs whose lock has expired (their worker died or stopped) go back to wait, or to failed once they have
    /// stalled more than allowed. KEYS: active, wait, failed, events, marker, stalled. ARGV: job key prefix, now (ms),
    /// max stalled count. Returns the ids moved.
    static let recoverStalled = RedisScript(
        """
        local rcall = redis.call
        local prefix, now, maxStalled = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
        local moved = {}
        for _, jobId in ipairs(rcall("LRANGE", KEYS[1], 0, -1)) do
          local jobKey = prefix .. jobId
          if rcall("EXISTS", jobKey .. ":lock") == 0 and rcall("EXISTS", jobKey) == 1 then
            rcall("LREM", KEYS[1], 1, jobId)
            rcall("SREM", KEYS[6], jobId)
            local stalled = rcall("HINCRBY", jobKey, "stc", 1)
            rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "stalled", "jobId", jobId)
            if stalled > maxStalled then
              local reason = "job stalled more than allowable limit"
              rcall("HINCRBY", jobKey, "atm", 1)
              rcall("HSET", jobKey, "failedReason", reason, "finishedOn", now)
              rcall("ZADD", KEYS[3], now, jobId)
              rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "failed", "jobId", jobId, "failedReason", reason, "prev", "active")
            else
              rcall("RPUSH", KEYS[2], jobId)
              rcall("ZADD", KEYS[5], 0, "0")
              rcall("XADD", KEYS[4], "MAXLEN", "~", 10000, "*", "event", "waiting", "jobId", jobId, "prev", "active")
            end
            table.insert(moved, jobId)
          end
        end
        return moved
        """)
}
