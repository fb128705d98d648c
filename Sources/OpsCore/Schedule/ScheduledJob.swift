import Foundation

/// A job run on a cron schedule in the org's time zone, whose last run is persisted, so a run missed while the
/// process was down happens once when it comes back, never twice.
public struct ScheduledJob: Sendable {
    public let name: String
    public let schedule: CronExpression
    public let timeZone: TimeZone

    public init(name: String, schedule: CronExpression, timeZone: TimeZone) {
        self.name = name
        self.schedule = schedule
        self.timeZone = timeZone
    }

    /// The run to do now: the latest scheduled time in (`lastRun`, `now`], or nil when none has come.
    /// Several missed times collapse into one run.
    public func dueRun(lastRun: Date, now: Date) -> Date? {
        guard var next = schedule.nextRun(after: lastRun, in: timeZone), next <= now else { return nil }
        while let later = schedule.nextRun(after: next, in: timeZone), later <= now { next = later }
        return next
    }

    static let stateTransport = "scheduler"

    /// When the job last ran (the scheduled time, not the wall time it finished).
    public func lastRun(in store: Store) throws -> Date? {
        try store.transportState(transport: Self.stateTransport, key: name)
            .flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0) }
    }

    /// Record this inside the transaction of the job's work: the work and the mark commit together.
    public func recordRun(_ run: Date, in store: Store) throws {
        try store.setTransportState(
            transport: Self.stateTransport, key: name, value: String(Int64(run.timeIntervalSince1970)), now: run)
    }
}
