import DatabaseSupport
import FluentKit
import SQLKit

extension JobStore {
    /// Claims the current slot of a schedule and enqueues its job, in one transaction; nil when another process had it.
    public func fireCronSlot(_ schedule: CronSchedule) async throws -> Int64? {
        let time = now()
        let slot = schedule.slot(at: time)
        return try await database.safeTransaction { transaction in
            guard let sql = transaction as? any SQLDatabase,
                try await sql.raw(
                    """
                    INSERT INTO job_cron_slots (name, slot) VALUES (\(bind: schedule.name), \(bind: slot)) ON CONFLICT DO NOTHING RETURNING name
                    """
                ).first() != nil
            else { return nil }
            let result = try await JobStore.enqueue(schedule.job, on: transaction, now: time)
            try await sql.raw(
                """
                UPDATE job_cron_slots SET job_id = \(bind: result.id) WHERE name = \(bind: schedule.name) AND slot = \(bind: slot)
                """
            ).run()
            return result.id
        }
    }
}
