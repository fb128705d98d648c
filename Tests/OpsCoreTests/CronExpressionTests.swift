import Foundation
import OpsCore
import Testing

@Suite("Cron schedules")
struct CronExpressionTests {
    static let london = TimeZone(identifier: "Europe/London")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// "2026-03-29T00:30:00Z" → Date.
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    struct Case: Sendable, CustomStringConvertible {
        let expression: String
        let zone: TimeZone
        let after: String
        let next: String
        var description: String { "\(expression) after \(after) in \(zone.identifier)" }
    }

    static let cases: [Case] = [
        Case(expression: "0 2 * * *", zone: london, after: "2026-11-25T14:30:00Z", next: "2026-11-26T02:00:00Z"),
        Case(expression: "0 2 * * *", zone: london, after: "2026-07-01T00:00:00Z", next: "2026-07-01T01:00:00Z"),
        Case(expression: "*/15 * * * *", zone: london, after: "2026-11-25T14:31:00Z", next: "2026-11-25T14:45:00Z"),
        Case(
            expression: "0 8-18/2 * * mon-fri", zone: london, after: "2026-11-27T18:00:00Z",
            next: "2026-11-30T08:00:00Z"),
        Case(expression: "0 8 * * 1", zone: london, after: "2026-11-25T09:00:00Z", next: "2026-11-30T08:00:00Z"),
        Case(expression: "30 9 1,15 * *", zone: london, after: "2026-11-15T09:30:00Z", next: "2026-12-01T09:30:00Z"),
        // Only the day of week restricted: Sundays in February (1 Feb 2027 is a Monday).
        Case(expression: "0 0 * feb sun", zone: london, after: "2027-01-31T12:00:00Z", next: "2027-02-07T00:00:00Z"),
        // Both day fields restricted: either matches (the 1st, or any Sunday).
        Case(expression: "0 12 1 * 0", zone: london, after: "2026-11-25T00:00:00Z", next: "2026-11-29T12:00:00Z"),
        Case(expression: "0 12 1 * 7", zone: london, after: "2026-11-29T12:00:00Z", next: "2026-12-01T12:00:00Z"),
        Case(expression: "0 0 29 2 *", zone: london, after: "2026-03-01T00:00:00Z", next: "2028-02-29T00:00:00Z"),
        // London springs forward 29 Mar 2026 at 01:00 → 02:00: 01:30 does not exist; it runs at the jump.
        Case(expression: "30 1 * * *", zone: london, after: "2026-03-28T23:00:00Z", next: "2026-03-29T01:00:00Z"),
        Case(expression: "30 1 * * *", zone: london, after: "2026-03-29T01:00:00Z", next: "2026-03-30T00:30:00Z"),
        Case(expression: "0 2 * * *", zone: london, after: "2026-03-28T12:00:00Z", next: "2026-03-29T01:00:00Z"),
        // London falls back 25 Oct 2026 at 02:00 → 01:00: 01:30 happens twice; it runs the first time only.
        Case(expression: "30 1 * * *", zone: london, after: "2026-10-24T12:00:00Z", next: "2026-10-25T00:30:00Z"),
        Case(expression: "30 1 * * *", zone: london, after: "2026-10-25T00:30:00Z", next: "2026-10-26T01:30:00Z"),
        Case(expression: "0 2 * * *", zone: london, after: "2026-10-24T12:00:00Z", next: "2026-10-25T02:00:00Z"),
        // New York: 8 Mar 2026 02:00 → 03:00; 1 Nov 2026 02:00 → 01:00.
        Case(expression: "30 2 * * *", zone: newYork, after: "2026-03-08T05:00:00Z", next: "2026-03-08T07:00:00Z"),
        Case(expression: "0 8 * * *", zone: newYork, after: "2026-03-07T14:00:00Z", next: "2026-03-08T12:00:00Z"),
        Case(expression: "30 1 * * *", zone: newYork, after: "2026-11-01T04:00:00Z", next: "2026-11-01T05:30:00Z"),
    ]

    @Test("next run", arguments: cases)
    func nextRun(_ example: Case) throws {
        let expression = try CronExpression(example.expression)
        #expect(expression.nextRun(after: Self.utc(example.after), in: example.zone) == Self.utc(example.next))
    }

    @Test(
        "bad expressions are refused with the reason",
        arguments: [
            ("0 2 * *", "five fields"), ("60 * * * *", "“60” is not a valid minute"), ("* 24 * * *", "hour"),
            ("* * 0 * *", "day of month"), ("* * * 13 *", "month"), ("* * * * 8", "weekday"), ("*/0 * * * *", "step"),
            ("5-1 * * * *", "backwards"), ("* * * * funday", "weekday"), ("1,,2 * * * *", "list item"),
        ])
    func refused(_ text: String, _ reason: String) {
        #expect {
            _ = try CronExpression(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test("a missed run happens once when the process comes back, never twice")
    func missedRunOnce() throws {
        let job = ScheduledJob(name: "alerts", schedule: try CronExpression("0 2 * * *"), timeZone: Self.london)
        let last = Self.utc("2026-11-23T02:00:00Z")
        // Down from the 23rd until 09:00 on the 25th: two 02:00 runs missed, one run, for the latest.
        let due = job.dueRun(lastRun: last, now: Self.utc("2026-11-25T09:00:00Z"))
        #expect(due == Self.utc("2026-11-25T02:00:00Z"))
        #expect(job.dueRun(lastRun: due!, now: Self.utc("2026-11-25T09:05:00Z")) == nil)
        #expect(job.dueRun(lastRun: due!, now: Self.utc("2026-11-26T02:00:00Z")) == Self.utc("2026-11-26T02:00:00Z"))
    }
}
