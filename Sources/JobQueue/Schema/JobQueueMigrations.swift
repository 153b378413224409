import FluentKit
import SQLKit

/// The queue's migrations, in order (append only).
public enum JobQueueMigrations {
    public static var all: [any Migration] { [CreateJob(), CreateJobCronSlot(), AddOptionsToJob(), CreateJobRateWindow(), CreateJobWorker()] }
}
