// A worker process for the queue's crash, restart, cron and shutdown tests and for the queue benchmark.
// It registers probe job kinds that record each completion in `probe_completions`, in the same
// transaction as the job's completion, so the table counts completions exactly.
import Dispatch
import Fluent
import Foundation
import JobQueue
import Logging
import NIOCore
import NIOPosix
import ProspectorData
import SQLKit

let arguments = ProbeArguments(CommandLine.arguments)
var logger = Logger(label: "probe")
logger.logLevel = arguments.flag("verbose") ? .debug : .warning

if arguments.command.hasPrefix("redis-") {
    try await RedisProbe(arguments: arguments, logger: logger).run()
    exit(0)
}

let target = try DatabaseTarget.parse(arguments.value("database") ?? "probe.sqlite")
let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
try target.configure(databases, connectionsPerEventLoop: arguments.int("pool") ?? 2)
let database = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
let sql = database as! any SQLDatabase

try await createCompletionsTable(sql)

switch arguments.command {
case "migrate":
    let migrations = Migrations()
    migrations.add(ProspectorMigrations.all)
    migrations.add(JobQueueMigrations.all)
    let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
    try await migrator.setupIfNeeded().get()
    try await migrator.prepareBatch().get()
    say("MIGRATED")
case "seed":
    let count = arguments.int("count") ?? 1_000
    let job = NewJob(kind: arguments.value("kind") ?? "probe.noop", queue: arguments.value("queue") ?? "default")
    var remaining = count
    while remaining > 0 {
        let batch = min(remaining, 5_000)
        _ = try await database.transaction { try await JobStore.enqueueBatch(Array(repeating: job, count: batch), on: $0) }
        remaining -= batch
    }
    say("SEEDED \(count)")
case "work", "drain":
    try await ProbeWorker(arguments: arguments, database: database, target: target, logger: logger).run()
case "latency":
    try await LatencyProbe(arguments: arguments, database: database, target: target, logger: logger).run()
default:
    FileHandle.standardError.write(Data("usage: jobqueue-probe migrate|seed|work|drain|latency --database URL …\n".utf8))
    exit(64)
}
await databases.shutdownAsync()

func createCompletionsTable(_ sql: any SQLDatabase) async throws {
    try await sql.raw(
        """
        CREATE TABLE IF NOT EXISTS probe_completions (job_id BIGINT NOT NULL, attempt INTEGER NOT NULL, worker TEXT NOT NULL, kind TEXT NOT NULL)
        """
    ).run()
}
